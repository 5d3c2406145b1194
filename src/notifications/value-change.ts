import { findField, type DocTypeMeta, type FieldType } from '../documents/meta.ts';

/**
 * A value as Frappe's `cast(fieldtype, value)` sees it when a Value Change notification compares the
 * old and new value of its field: numbers as numbers (empty is 0), text as text (empty is ""), dates
 * and times in one canonical form, JSON by its serialisation. So `null → ""`, `null → 0` and
 * `"5" → 5` (in an Int field) are no change.
 */
export function comparableValue(fieldtype: FieldType | 'Standard', value: unknown): string | number {
  switch (fieldtype) {
    case 'Int':
    case 'Check': {
      const n = Number(value ?? 0);
      return Number.isFinite(n) ? Math.trunc(n) : String(value);
    }
    case 'Float':
    case 'Currency':
    case 'Percent': {
      const n = Number(value ?? 0);
      return Number.isFinite(n) ? n : String(value);
    }
    case 'Date':
      return value === null || value === undefined || value === '' ? '0001-01-01' : String(value).slice(0, 10);
    case 'Datetime':
      return canonicalDatetime(value);
    case 'Time':
      return canonicalTime(value);
    case 'JSON':
    case 'Table':
      return value === null || value === undefined || value === '' ? '' : JSON.stringify(value);
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

function canonicalDatetime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '0001-01-01 00:00:00.000000';
  const text = String(value).replace('T', ' ').replace(/Z$/, '');
  const [date, time = '00:00:00'] = text.split(' ');
  return `${date} ${canonicalTime(time)}`;
}

function canonicalTime(value: unknown): string {
  if (value === null || value === undefined || value === '') return '00:00:00.000000';
  const [hms, fraction = ''] = String(value).split('.');
  const [h = '0', m = '0', s = '0'] = hms.split(':');
  return `${h.padStart(2, '0')}:${m.padStart(2, '0')}:${s.padStart(2, '0')}.${fraction.padEnd(6, '0').slice(0, 6)}`;
}

/**
 * Whether `fieldname` changed between two states of a document, compared by its field type
 * (standard fields such as `docstatus` or `modified` compare as their own kind).
 */
export function valueChanged(
  meta: DocTypeMeta,
  fieldname: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): boolean {
  if (!before) return false;
  const fieldtype = standardFieldType(fieldname) ?? findField(meta, fieldname)?.fieldtype ?? 'Data';
  return comparableValue(fieldtype, before[fieldname]) !== comparableValue(fieldtype, after[fieldname]);
}

function standardFieldType(fieldname: string): FieldType | undefined {
  if (fieldname === 'docstatus' || fieldname === 'idx') return 'Int';
  if (fieldname === 'creation' || fieldname === 'modified') return 'Datetime';
  return undefined;
}
