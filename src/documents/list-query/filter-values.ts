import { tr, type Text } from '../../i18n/text.ts';
import { columnClassOfName, findField, type DocTypeMeta } from '../meta.ts';

/** Operators Frappe's list filters accept (after normalising case, spacing and `<>`). */
export const FILTER_OPERATORS = ['=', '!=', '>', '<', '>=', '<=', 'like', 'not like', 'in', 'not in', 'between', 'is'] as const;
/** A normalised filter operator. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
/** Operators that compare a column with one value. */
export type ComparisonOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | 'like' | 'not like';

/** A value compared with a column: a string for text columns, a number for numeric ones. */
export type FilterScalar = string | number;

/** One validated filter: a stored column, an operator and a value coerced to the column's class. */
export type FilterCondition =
  | { field: string; operator: ComparisonOperator; value: FilterScalar }
  | { field: string; operator: 'in' | 'not in'; value: FilterScalar[] }
  | { field: string; operator: 'between'; value: [FilterScalar, FilterScalar] }
  | { field: string; operator: 'is'; value: 'set' | 'not set' };

/** Raised by the coercers below; parse-filters turns it into an INVALID_FILTER naming the filter. */
export class FilterValueError extends Error {
  constructor(readonly text: Text) {
    super(String(text));
  }
}

/** Normalises an operator spelling (`" NOT  IN "` → `not in`, `<>` → `!=`), or undefined if unknown. */
export function normaliseOperator(raw: unknown): FilterOperator | undefined {
  if (typeof raw !== 'string') return undefined;
  const op = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (op === '<>') return '!=';
  return (FILTER_OPERATORS as readonly string[]).includes(op) ? (op as FilterOperator) : undefined;
}

/** Coerces a raw filter value for `operator` on `field` to the shape compile-filters expects. */
export function coerceFilterValue(meta: DocTypeMeta, field: string, operator: FilterOperator, raw: unknown): FilterCondition['value'] {
  switch (operator) {
    case 'in':
    case 'not in':
      return coerceList(meta, field, raw);
    case 'between':
      return coerceBetween(meta, field, raw);
    case 'is':
      return coerceIs(raw);
    case 'like':
    case 'not like':
      return scalarToText(raw);
    default:
      return coerceScalar(meta, field, raw);
  }
}

/** Coerces one value to the column class of `field` (numbers for Int/Float columns, text otherwise). */
export function coerceScalar(meta: DocTypeMeta, field: string, raw: unknown): FilterScalar {
  const cls = columnClassOfName(meta, field);
  return cls === 'integer' || cls === 'float' ? scalarToNumber(raw) : scalarToText(raw);
}

function scalarToText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return raw ? '1' : '0';
  throw new FilterValueError(tr`expects a single value, got ${describe(raw)}`);
}

function scalarToNumber(raw: unknown): number {
  if (raw === null || raw === undefined) return 0;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text === '') return 0;
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
    throw new FilterValueError(tr`expects a number, got ${JSON.stringify(raw)}`);
  }
  throw new FilterValueError(tr`expects a number, got ${describe(raw)}`);
}

function coerceList(meta: DocTypeMeta, field: string, raw: unknown): FilterScalar[] {
  let items: unknown[];
  if (raw === null || raw === undefined || raw === '') items = [];
  else if (typeof raw === 'string') items = raw.split(',');
  else if (typeof raw === 'number') items = [raw];
  else if (Array.isArray(raw)) items = raw;
  else throw new FilterValueError(tr`expects a list or a comma-separated string, got ${describe(raw)}`);
  // Frappe compares `in ()` as `in ('')` and trims every member.
  if (items.length === 0) items = [''];
  return items.map((item) => {
    const value = typeof item === 'string' ? item.trim() : item;
    try {
      return coerceScalar(meta, field, value);
    } catch (err) {
      if (!(err instanceof FilterValueError)) throw err;
      throw new FilterValueError(tr`list member ${describe(item)}: ${err.text}`);
    }
  });
}

function coerceBetween(meta: DocTypeMeta, field: string, raw: unknown): [FilterScalar, FilterScalar] {
  if (!Array.isArray(raw) || raw.length !== 2) {
    throw new FilterValueError(tr`expects a list of two values [from, to], got ${describe(raw)}`);
  }
  const [from, to] = raw.map((v) => coerceScalar(meta, field, v));
  if (!isDatetimeField(meta, field)) return [from, to];
  // Frappe widens date-only bounds on a datetime column to whole days.
  return [expandDate(from, ' 00:00:00.000000'), expandDate(to, ' 23:59:59.999999')];
}

function coerceIs(raw: unknown): 'set' | 'not set' {
  const value = typeof raw === 'string' ? raw.trim().toLowerCase().replace(/\s+/g, ' ') : raw;
  if (value === 'set' || value === 'not set') return value;
  throw new FilterValueError(tr`"is" expects "set" or "not set", got ${describe(raw)}`);
}

function isDatetimeField(meta: DocTypeMeta, field: string): boolean {
  return field === 'creation' || field === 'modified' || findField(meta, field)?.fieldtype === 'Datetime';
}

function expandDate(value: FilterScalar, time: string): FilterScalar {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() + time : value;
}

/** A short, safe description of a client value for error messages. */
export function describe(value: unknown): Text | string {
  if (Array.isArray(value)) return tr`a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return tr`an object`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
