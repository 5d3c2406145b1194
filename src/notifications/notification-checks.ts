import type { Doc } from '../documents/doc.ts';
import { suggestion } from '../documents/did-you-mean.ts';
import { coerceFieldValue } from '../documents/field-values.ts';
import { STANDARD_FIELDS, findField, isColumn, tableFields, type DocField, type DocTypeMeta } from '../documents/meta.ts';
import { RelaisError, type ErrorDetails } from '../errors/relais-error.ts';
import { DATE_EVENTS } from './events.ts';
import { NOTIFICATION_MACHINERY } from './notification-doctypes.ts';

/** The structural rules of a Notification (what its fields may name); template checks are in the controller. */

const NOTIFICATION = 'Notification';

/** Field types whose value can name recipients (addresses, user ids or phone numbers). */
const RECIPIENT_TEXT_TYPES = new Set(['Data', 'Small Text', 'Text', 'Long Text', 'Code']);
const DATE_TIME_STANDARD = ['creation', 'modified'];

type Row = Record<string, unknown>;

/** Where a problem is: a field of the Notification, or a field of one of its recipient rows. */
interface Place {
  field: string;
  row?: number;
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function describe(place: Place): string {
  return place.row === undefined ? place.field : `recipients row ${place.row}: ${place.field}`;
}

function detailsOf(place: Place, extra: ErrorDetails = {}): ErrorDetails {
  return place.row === undefined
    ? { doctype: NOTIFICATION, field: place.field, ...extra }
    : { doctype: NOTIFICATION, field: place.field, row: place.row, tablefield: 'recipients', ...extra };
}

export function invalid(place: Place, message: string, extra: ErrorDetails = {}): RelaisError {
  return new RelaisError('INVALID_VALUE', `${NOTIFICATION}: ${describe(place)}: ${message}`, detailsOf(place, extra));
}

function missing(place: Place, why: string): RelaisError {
  return new RelaisError('MANDATORY_MISSING', `Error: Value missing for ${NOTIFICATION}: ${describe(place)} (${why})`, detailsOf(place));
}

/** Fields that name a field or hook: stored trimmed (the engine looks them up as they are), blank as null. */
const NAME_FIELDS = ['method', 'value_changed', 'date_changed', 'datetime_changed', 'set_property_after_alert'];

export function normaliseNames(doc: Doc): void {
  for (const field of NAME_FIELDS) {
    if (typeof doc[field] === 'string') doc[field] = (doc[field] as string).trim() || null;
  }
}

/** The channel is fixed at the first save; each channel has its own required fields. */
export function checkChannel(doc: Doc, docBefore: Doc | null): void {
  const channel = String(doc.channel ?? '');
  if (docBefore && String(docBefore.channel ?? '') !== channel) {
    throw invalid(
      { field: 'channel' },
      `cannot be changed after the first save (it is "${String(docBefore.channel)}"); create a new Notification instead`,
    );
  }
  if (channel === 'External Collaboration Tool' && isBlank(doc.incoming_webhook_url)) {
    throw missing({ field: 'incoming_webhook_url' }, 'required for the External Collaboration Tool channel');
  }
  if ((channel === 'Email' || channel === 'System Notification') && isBlank(doc.subject)) {
    throw missing({ field: 'subject' }, `required for the ${channel} channel`);
  }
  const recipients = (doc.recipients as Row[] | undefined) ?? [];
  if ((channel === 'Email' || channel === 'SMS') && recipients.length === 0) {
    throw missing({ field: 'recipients' }, `at least one recipient row is required for the ${channel} channel`);
  }
}

/** Refuses the notification machinery itself, and child tables except for date and minute events. */
export function checkTarget(meta: DocTypeMeta, event: string): void {
  if (NOTIFICATION_MACHINERY.has(meta.name)) {
    throw invalid({ field: 'document_type' }, `a Notification cannot be set on ${meta.name} (notifications and their logs cannot notify)`);
  }
  if (meta.istable && !DATE_EVENTS.has(event as never)) {
    throw invalid(
      { field: 'document_type' },
      `cannot set a Notification with event ${event} on ${meta.name}, a child table (only Days and Minutes Before/After can watch child rows)`,
    );
  }
}

/** `a Data field`, `an Int field`. */
function kindOf(field: DocField): string {
  return `${/^[AEIOU]/.test(field.fieldtype) ? 'an' : 'a'} ${field.fieldtype} field`;
}

function fieldList(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', ');
}

function namedField(place: Place, meta: DocTypeMeta, value: string, allowed: string[], kind: string): void {
  if (allowed.includes(value)) return;
  const field = findField(meta, value);
  const why = field ? `${value} is ${kindOf(field)}` : `${meta.name} has no field "${value}".${suggestion(value, allowed)}`;
  throw invalid(place, `must name ${kind} of ${meta.name}: ${why}. Choose one of ${fieldList(allowed)}`, { value });
}

/** The fields each event needs: date/datetime fields, offsets, the watched field, the method. */
export function checkEventFields(doc: Doc, meta: DocTypeMeta, event: string): void {
  if (!isBlank(doc.days_in_advance) && Number(doc.days_in_advance) < 0) {
    throw invalid({ field: 'days_in_advance' }, `must be 0 or more, got ${String(doc.days_in_advance)}`, { value: doc.days_in_advance });
  }
  if (event === 'Days Before' || event === 'Days After') {
    const place = { field: 'date_changed' };
    if (isBlank(doc.date_changed)) throw missing(place, `the date field to check is required for ${event}`);
    const dates = meta.fields.filter((f) => f.fieldtype === 'Date' || f.fieldtype === 'Datetime').map((f) => f.fieldname);
    namedField(place, meta, String(doc.date_changed).trim(), [...dates, ...DATE_TIME_STANDARD], 'a Date or Datetime field');
  }
  if (event === 'Minutes Before' || event === 'Minutes After') {
    const place = { field: 'datetime_changed' };
    if (isBlank(doc.datetime_changed)) throw missing(place, `the datetime field to check is required for ${event}`);
    const datetimes = meta.fields.filter((f) => f.fieldtype === 'Datetime').map((f) => f.fieldname);
    namedField(place, meta, String(doc.datetime_changed).trim(), [...datetimes, ...DATE_TIME_STANDARD], 'a Datetime field');
    if (isBlank(doc.minutes_offset)) throw missing({ field: 'minutes_offset' }, `required for ${event}`);
    if (Number(doc.minutes_offset) < 1) {
      throw invalid({ field: 'minutes_offset' }, `must be at least 1 minute, got ${String(doc.minutes_offset)}`, {
        value: doc.minutes_offset,
      });
    }
  }
  if (event === 'Value Change') {
    const place = { field: 'value_changed' };
    if (isBlank(doc.value_changed)) throw missing(place, 'the field to watch is required for Value Change');
    const value = String(doc.value_changed).trim();
    if (value === 'name' || !isColumn(meta, value)) {
      const stored = meta.fields.filter((f) => isColumn(meta, f.fieldname)).map((f) => f.fieldname);
      namedField(place, meta, value, stored, 'a stored field');
    }
  }
  if (event === 'Method' && isBlank(doc.method)) {
    throw missing({ field: 'method' }, 'the hook or method name is required for the Method event');
  }
}

/** The field set after sending must be a plain field of the doctype, and the value one of its type. */
export function checkSetProperty(doc: Doc, meta: DocTypeMeta): void {
  if (isBlank(doc.set_property_after_alert)) return;
  const fieldname = String(doc.set_property_after_alert).trim();
  const field = findField(meta, fieldname);
  if (!field || field.fieldtype === 'Table' || field.fieldtype === 'Password') {
    const settable = meta.fields.filter((f) => f.fieldtype !== 'Table' && f.fieldtype !== 'Password').map((f) => f.fieldname);
    const why = (STANDARD_FIELDS as readonly string[]).includes(fieldname)
      ? `${fieldname} is a standard field, set by Relais`
      : field
        ? `${fieldname} is ${kindOf(field)}`
        : `${meta.name} has no field "${fieldname}".${suggestion(fieldname, settable)}`;
    throw invalid({ field: 'set_property_after_alert' }, `must name a field of ${meta.name} to set: ${why}`, { value: fieldname });
  }
  if (isBlank(doc.property_value)) return; // an empty value clears the field
  try {
    coerceFieldValue(field, doc.property_value, { doctype: meta.name, fieldname });
  } catch (err) {
    const reason = err instanceof RelaisError ? err.message : String(err);
    throw invalid({ field: 'property_value' }, `is not a valid value for ${meta.name}.${fieldname} (${field.fieldtype}): ${reason}`, {
      value: doc.property_value,
      fieldtype: field.fieldtype,
    });
  }
}

function canNameRecipients(field: DocField | undefined): boolean {
  if (!field) return false;
  return RECIPIENT_TEXT_TYPES.has(field.fieldtype) || (field.fieldtype === 'Link' && field.options === 'User');
}

function recipientFieldsOf(meta: DocTypeMeta): string[] {
  return meta.fields.filter(canNameRecipients).map((f) => f.fieldname);
}

/**
 * Each recipient row names someone (a document field, a role, a user, cc or bcc); a document field is
 * `owner`, a recipient-capable field of the doctype, or `field,child_table` for a field of child rows.
 */
export function checkRecipientRows(doc: Doc, meta: DocTypeMeta, childMeta: (doctype: string) => DocTypeMeta | undefined): void {
  const rows = (doc.recipients as Row[] | undefined) ?? [];
  rows.forEach((row, i) => {
    const rowNumber = i + 1;
    const who = ['receiver_by_document_field', 'receiver_by_role', 'receiver_by_user', 'cc', 'bcc'];
    if (who.every((f) => isBlank(row[f]))) {
      throw missing({ field: 'receiver_by_document_field', row: rowNumber }, 'each row needs a document field, a role, a user, cc or bcc');
    }
    if (isBlank(row.receiver_by_document_field)) return;
    const place = { field: 'receiver_by_document_field', row: rowNumber };
    const value = String(row.receiver_by_document_field).trim();
    const [fieldname, tablefield, ...rest] = value.split(',').map((p) => p.trim());
    if (tablefield === undefined) {
      if (fieldname === 'owner' || canNameRecipients(findField(meta, fieldname))) return;
      const allowed = ['owner', ...recipientFieldsOf(meta)];
      throw invalid(place, `"${value}" cannot name recipients: ${whyNot(meta, fieldname, allowed)}`, { value });
    }
    const table = tableFields(meta).find((f) => f.fieldname === tablefield);
    const rowsMeta = table?.options ? childMeta(table.options) : undefined;
    if (rest.length > 0 || !rowsMeta) {
      const tables = tableFields(meta).map((f) => f.fieldname);
      throw invalid(
        place,
        `"${value}" must be "field,child_table" with a table of ${meta.name} (tables: ${fieldList(tables)}).${suggestion(tablefield, tables)}`,
        { value },
      );
    }
    if (canNameRecipients(findField(rowsMeta, fieldname))) return;
    throw invalid(place, `"${value}" cannot name recipients: ${whyNot(rowsMeta, fieldname, recipientFieldsOf(rowsMeta))}`, { value });
  });
}

function whyNot(meta: DocTypeMeta, fieldname: string, allowed: string[]): string {
  const field = findField(meta, fieldname);
  const what = field ? `${fieldname} is ${kindOf(field)}` : `${meta.name} has no field "${fieldname}".${suggestion(fieldname, allowed)}`;
  return `${what}; choose a Data/Text field or a Link to User: ${fieldList(allowed)}`;
}
