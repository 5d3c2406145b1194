import { RelaisError } from '../../errors/relais-error.ts';
import { term, tr, type Text } from '../../i18n/text.ts';
import type { DocTypeMeta } from '../meta.ts';
import { describeBadField, resolveField } from './field-names.ts';
import {
  coerceFilterValue,
  describe,
  FILTER_OPERATORS,
  FilterValueError,
  normaliseOperator,
  type FilterCondition,
} from './filter-values.ts';

export type { FilterCondition, FilterOperator, FilterScalar } from './filter-values.ts';

/** Which request parameter the filters came from (it names them in error messages). */
export type FilterParam = 'filters' | 'or_filters';

/** Where a filter sits, for error messages and details. */
interface Site {
  param: FilterParam;
  index: number;
}

/** One filter before validation: a field spelling, an operator spelling and a raw value. */
interface RawFilter {
  field: unknown;
  operator: unknown;
  value: unknown;
  doctype?: unknown;
}

/**
 * Parses Frappe list filters (a JSON string or a parsed value: a list of `[field, op, value]`,
 * `[doctype, field, op, value]`, `[field, value]`, or a `{field: value | [op, value]}` object) into
 * validated conditions. Throws INVALID_FILTER or INVALID_FIELD_NAME; `details.index` is 0-based,
 * the message counts filters from 1.
 */
export function parseFilters(raw: unknown, meta: DocTypeMeta, param: FilterParam): FilterCondition[] {
  const value = decodeJson(raw, param);
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    // A single flat filter (`["status", "=", "Open"]`) rather than a list of them.
    if (typeof value[0] === 'string') return [toCondition(meta, listFilter(value, { param, index: 0 }), { param, index: 0 })];
    return value.flatMap((item, index) => itemConditions(meta, item, { param, index }));
  }
  if (isPlainObject(value)) {
    return Object.entries(value).map(([field, v], index) => toCondition(meta, dictFilter(field, v, { param, index }), { param, index }));
  }
  throw filterError({ param, index: 0 }, tr`${param} must be a list of filters or an object, got ${describe(value)}`, {}, false);
}

function decodeJson(raw: unknown, param: FilterParam): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RelaisError('INVALID_FILTER', tr`${param} is not valid JSON`, { param });
  }
}

function itemConditions(meta: DocTypeMeta, item: unknown, site: Site): FilterCondition[] {
  if (Array.isArray(item)) return [toCondition(meta, listFilter(item, site), site)];
  if (isPlainObject(item)) return Object.entries(item).map(([field, v]) => toCondition(meta, dictFilter(field, v, site), site));
  throw filterError(site, tr`expected [field, operator, value] or {field: value}, got ${describe(item)}`);
}

function listFilter(item: unknown[], site: Site): RawFilter {
  switch (item.length) {
    case 2:
      return { field: item[0], operator: '=', value: item[1] };
    case 3:
      return { field: item[0], operator: item[1], value: item[2] };
    case 4:
      return { doctype: item[0], field: item[1], operator: item[2], value: item[3] };
    default:
      throw filterError(site, tr`expected [field, operator, value], got a list of ${item.length}`);
  }
}

function dictFilter(field: string, value: unknown, site: Site): RawFilter {
  if (!Array.isArray(value)) return { field, operator: '=', value };
  if (value.length !== 2) {
    throw filterError(site, tr`{"${field}": [...]} expects [operator, value], got a list of ${value.length}`, { field });
  }
  return { field, operator: value[0], value: value[1] };
}

function toCondition(meta: DocTypeMeta, raw: RawFilter, site: Site): FilterCondition {
  if (raw.doctype !== undefined && raw.doctype !== meta.name) {
    const msg = tr`doctype ${describe(raw.doctype)} does not match "${term(meta.name)}" (filters on other doctypes are not supported)`;
    throw filterError(site, msg, { field: raw.field, doctype: raw.doctype });
  }
  const ref = resolveField(meta, raw.field);
  if (!ref.ok) {
    const code = ref.reason === 'other-doctype' ? 'INVALID_FILTER' : 'INVALID_FIELD_NAME';
    throw new RelaisError(code, tr`${where(site)}: ${describeBadField(meta, ref)}`, { ...site, field: raw.field, operator: raw.operator });
  }
  const operator = normaliseOperator(raw.operator);
  if (!operator) {
    const msg = tr`unknown operator ${describe(raw.operator)} (use one of ${FILTER_OPERATORS.join(', ')})`;
    throw filterError(site, msg, { field: ref.field, operator: raw.operator });
  }
  try {
    return { field: ref.field, operator, value: coerceFilterValue(meta, ref.field, operator, raw.value) } as FilterCondition;
  } catch (err) {
    if (!(err instanceof FilterValueError)) throw err;
    throw filterError(site, tr`"${operator}" on ${ref.field} ${err.text}`, { field: ref.field, operator });
  }
}

function where(site: Site): Text {
  return tr`Filter ${site.index + 1} in ${site.param}`;
}

function filterError(site: Site, message: Text, extra: Record<string, unknown> = {}, prefix = true): RelaisError {
  return new RelaisError('INVALID_FILTER', prefix ? tr`${where(site)}: ${message}` : message, { ...site, ...extra });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
