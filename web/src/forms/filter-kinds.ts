import type { DocField } from '../api.ts';
import { pickerValue, type DateKind } from '../locale-dates.ts';

/** What a list filter's value is, from its field's type: it decides the value's input and the operators offered. */
export type FilterKind = 'check' | 'select' | 'link' | 'date' | 'number' | 'text';

const NUMBER_TYPES = new Set(['Int', 'Float', 'Currency', 'Percent']);
const DATE_TYPES = new Set(['Date', 'Datetime', 'Time']);

/** The operators each kind of value makes sense with (all of them are in ListFilters' OPERATORS). */
export const FILTER_OPERATORS: Record<FilterKind, readonly string[]> = {
  check: ['=', '!='],
  select: ['=', '!='],
  link: ['=', '!=', 'like'],
  date: ['=', '!=', '>', '<'],
  number: ['=', '!=', '>', '<'],
  text: ['=', '!=', 'like', '>', '<'],
};

export function filterKind(field: DocField | undefined): FilterKind {
  const type = field?.fieldtype ?? 'Data';
  if (type === 'Check') return 'check';
  if (type === 'Select') return 'select';
  if (type === 'Link' && field?.options) return 'link';
  if (DATE_TYPES.has(type)) return 'date';
  if (NUMBER_TYPES.has(type)) return 'number';
  return 'text';
}

/** A Select field's options, as stored (in English); an empty line of the options stays an empty choice. */
export function selectOptions(field: DocField): string[] {
  return (field.options ?? '').split('\n');
}

/** The value a new filter on `field` starts with: Yes for a Check, the first option of a Select, else nothing. */
export function defaultFilterValue(field: DocField | undefined): string {
  const kind = filterKind(field);
  if (kind === 'check') return '1';
  if (kind === 'select' && field) return selectOptions(field)[0] ?? '';
  return '';
}

/** Whether `value` can be sent as a filter on `field`: a date field's value must be a whole date (or empty). */
export function filterValueReady(field: DocField | undefined, value: string): boolean {
  if (!field || filterKind(field) !== 'date' || value === '') return true;
  return pickerValue(value, field.fieldtype as DateKind) !== '';
}
