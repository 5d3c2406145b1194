import { RelaisError } from '../../errors/relais-error.ts';
import { tr, type Text } from '../../i18n/text.ts';
import type { DocTypeMeta } from '../meta.ts';
import { describeBadField, resolveField } from './field-names.ts';
import { describe } from './filter-values.ts';

/** One ORDER BY term on a column of the doctype. */
export interface OrderTerm {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * Parses Frappe's `order_by` (`"field asc, other desc"`, with `tabDocType.field` spellings allowed)
 * into terms; empty means the doctype's default sort. Throws INVALID_ORDER_BY on anything else.
 */
export function parseOrderBy(raw: unknown, meta: DocTypeMeta): OrderTerm[] {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return defaultOrderBy(meta);
  if (typeof raw !== 'string') throw orderError(tr`order_by must be a string like "modified desc", got ${describe(raw)}`, raw);
  return raw.split(',').map((term) => parseTerm(meta, term, raw));
}

/**
 * Frappe's default sort: meta.sort_field / sort_order (a comma list is allowed), else `modified desc`;
 * submittable doctypes sort drafts and submitted documents before cancelled ones (`docstatus asc` first).
 */
export function defaultOrderBy(meta: DocTypeMeta): OrderTerm[] {
  const sortField = meta.sort_field?.trim();
  let spec = 'modified desc';
  if (sortField && sortField.includes(',')) spec = sortField;
  else if (sortField) spec = `${sortField} ${meta.sort_order?.trim() || 'desc'}`;
  let terms: OrderTerm[];
  try {
    terms = spec.split(',').map((term) => parseTerm(meta, term, spec));
  } catch {
    terms = [{ field: 'modified', direction: 'desc' }];
  }
  return meta.is_submittable ? [{ field: 'docstatus', direction: 'asc' }, ...terms] : terms;
}

function parseTerm(meta: DocTypeMeta, term: string, whole: string): OrderTerm {
  const text = term.trim();
  const m = /^(.+?)(?:\s+(asc|desc))?$/i.exec(text);
  if (!text || !m) throw orderError(tr`order_by: empty term in "${whole}"`, whole);
  const ref = resolveField(meta, m[1].trim());
  if (!ref.ok) {
    const why = ref.reason === 'syntax' ? tr`"${text}" is not "field asc" or "field desc"` : describeBadField(meta, ref);
    throw orderError(tr`order_by: ${why}`, whole);
  }
  return { field: ref.field, direction: (m[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
}

function orderError(message: Text, raw: unknown): RelaisError {
  return new RelaisError('INVALID_ORDER_BY', message, { param: 'order_by', value: raw });
}
