import type { Doc } from '../documents/doc.ts';
import { suggestion } from '../documents/did-you-mean.ts';
import { coerceFieldValue } from '../documents/field-values.ts';
import { STANDARD_FIELDS, findField, isColumn, tableFields, type DocField, type DocTypeMeta } from '../documents/meta.ts';
import { RelaisError, type ErrorDetails } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
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

function describe(place: Place): string | Text {
  return place.row === undefined ? place.field : tr`recipients row ${place.row}: ${place.field}`;
}

function detailsOf(place: Place, extra: ErrorDetails = {}): ErrorDetails {
  return place.row === undefined
    ? { doctype: NOTIFICATION, field: place.field, ...extra }
    : { doctype: NOTIFICATION, field: place.field, row: place.row, tablefield: 'recipients', ...extra };
}

export function invalid(place: Place, message: Text, extra: ErrorDetails = {}): RelaisError {
  return new RelaisError('INVALID_VALUE', tr`${term(NOTIFICATION)}: ${describe(place)}: ${message}`, detailsOf(place, extra));
}

function missing(place: Place, why: Text): RelaisError {
  return new RelaisError(
    'MANDATORY_MISSING',
    tr`Error: Value missing for ${term(NOTIFICATION)}: ${describe(place)} (${why})`,
    detailsOf(place),
  );
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
      tr`cannot be changed after the first save (it is "${term(String(docBefore.channel))}"); create a new Notification instead`,
    );
  }
  if (channel === 'External Collaboration Tool' && isBlank(doc.incoming_webhook_url)) {
    throw missing({ field: 'incoming_webhook_url' }, tr`required for the ${term('External Collaboration Tool')} channel`);
  }
  if ((channel === 'Email' || channel === 'System Notification') && isBlank(doc.subject)) {
    throw missing({ field: 'subject' }, tr`required for the ${term(channel)} channel`);
  }
  const recipients = (doc.recipients as Row[] | undefined) ?? [];
  if ((channel === 'Email' || channel === 'SMS') && recipients.length === 0) {
    throw missing({ field: 'recipients' }, tr`at least one recipient row is required for the ${term(channel)} channel`);
  }
}

/** Refuses the notification machinery itself, and child tables except for date and minute events. */
export function checkTarget(meta: DocTypeMeta, event: string): void {
  if (NOTIFICATION_MACHINERY.has(meta.name)) {
    throw invalid(
      { field: 'document_type' },
      tr`a Notification cannot be set on ${term(meta.name)} (notifications and their logs cannot notify)`,
    );
  }
  if (meta.istable && !DATE_EVENTS.has(event as never)) {
    throw invalid(
      { field: 'document_type' },
      tr`cannot set a Notification with event ${term(event)} on ${term(meta.name)}, a child table (only Days and Minutes Before/After can watch child rows)`,
    );
  }
}

/** `a Data field`, `an Int field`. */
function kindOf(field: DocField): Text {
  const fieldtype = term(field.fieldtype);
  return /^[AEIOU]/.test(field.fieldtype) ? tr`an ${fieldtype} field` : tr`a ${fieldtype} field`;
}

function fieldList(names: string[]): string | Text {
  return names.length === 0 ? tr`none` : names.map((n) => `"${n}"`).join(', ');
}

/** `value is a Data field`, or `Task has no field "value". Did you mean…` */
function notTheField(meta: DocTypeMeta, value: string, allowed: string[]): Text {
  const field = findField(meta, value);
  return field ? tr`${value} is ${kindOf(field)}` : tr`${term(meta.name)} has no field "${value}".${suggestion(value, allowed)}`;
}

function namedField(place: Place, meta: DocTypeMeta, value: string, allowed: string[], kind: Text): void {
  if (allowed.includes(value)) return;
  const why = notTheField(meta, value, allowed);
  throw invalid(place, tr`must name ${kind} of ${term(meta.name)}: ${why}. Choose one of ${fieldList(allowed)}`, { value });
}

/** The fields each event needs: date/datetime fields, offsets, the watched field, the method. */
export function checkEventFields(doc: Doc, meta: DocTypeMeta, event: string): void {
  if (!isBlank(doc.days_in_advance) && Number(doc.days_in_advance) < 0) {
    throw invalid({ field: 'days_in_advance' }, tr`must be 0 or more, got ${String(doc.days_in_advance)}`, { value: doc.days_in_advance });
  }
  if (event === 'Days Before' || event === 'Days After') {
    const place = { field: 'date_changed' };
    if (isBlank(doc.date_changed)) throw missing(place, tr`the date field to check is required for ${term(event)}`);
    const dates = meta.fields.filter((f) => f.fieldtype === 'Date' || f.fieldtype === 'Datetime').map((f) => f.fieldname);
    namedField(place, meta, String(doc.date_changed).trim(), [...dates, ...DATE_TIME_STANDARD], tr`a Date or Datetime field`);
  }
  if (event === 'Minutes Before' || event === 'Minutes After') {
    const place = { field: 'datetime_changed' };
    if (isBlank(doc.datetime_changed)) throw missing(place, tr`the datetime field to check is required for ${term(event)}`);
    const datetimes = meta.fields.filter((f) => f.fieldtype === 'Datetime').map((f) => f.fieldname);
    namedField(place, meta, String(doc.datetime_changed).trim(), [...datetimes, ...DATE_TIME_STANDARD], tr`a Datetime field`);
    if (isBlank(doc.minutes_offset)) throw missing({ field: 'minutes_offset' }, tr`required for ${term(event)}`);
    if (Number(doc.minutes_offset) < 1) {
      throw invalid({ field: 'minutes_offset' }, tr`must be at least 1 minute, got ${String(doc.minutes_offset)}`, {
        value: doc.minutes_offset,
      });
    }
  }
  if (event === 'Value Change') {
    const place = { field: 'value_changed' };
    if (isBlank(doc.value_changed)) throw missing(place, tr`the field to watch is required for ${term('Value Change')}`);
    const value = String(doc.value_changed).trim();
    if (value === 'name' || !isColumn(meta, value)) {
      const stored = meta.fields.filter((f) => isColumn(meta, f.fieldname)).map((f) => f.fieldname);
      namedField(place, meta, value, stored, tr`a stored field`);
    }
  }
  if (event === 'Method' && isBlank(doc.method)) {
    throw missing({ field: 'method' }, tr`the hook or method name is required for the ${term('Method')} event`);
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
      ? tr`${fieldname} is a standard field, set by Relais`
      : notTheField(meta, fieldname, settable);
    throw invalid({ field: 'set_property_after_alert' }, tr`must name a field of ${term(meta.name)} to set: ${why}`, { value: fieldname });
  }
  if (isBlank(doc.property_value)) return; // an empty value clears the field
  try {
    coerceFieldValue(field, doc.property_value, { doctype: meta.name, fieldname });
  } catch (err) {
    const reason = err instanceof RelaisError ? err.text : String(err);
    throw invalid(
      { field: 'property_value' },
      tr`is not a valid value for ${meta.name}.${fieldname} (${term(field.fieldtype)}): ${reason}`,
      {
        value: doc.property_value,
        fieldtype: field.fieldtype,
      },
    );
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
      throw missing(
        { field: 'receiver_by_document_field', row: rowNumber },
        tr`each row needs a document field, a role, a user, cc or bcc`,
      );
    }
    if (isBlank(row.receiver_by_document_field)) return;
    const place = { field: 'receiver_by_document_field', row: rowNumber };
    const value = String(row.receiver_by_document_field).trim();
    const [fieldname, tablefield, ...rest] = value.split(',').map((p) => p.trim());
    if (tablefield === undefined) {
      if (fieldname === 'owner' || canNameRecipients(findField(meta, fieldname))) return;
      const allowed = ['owner', ...recipientFieldsOf(meta)];
      throw invalid(place, tr`"${value}" cannot name recipients: ${whyNot(meta, fieldname, allowed)}`, { value });
    }
    const table = tableFields(meta).find((f) => f.fieldname === tablefield);
    const rowsMeta = table?.options ? childMeta(table.options) : undefined;
    if (rest.length > 0 || !rowsMeta) {
      const tables = tableFields(meta).map((f) => f.fieldname);
      throw invalid(
        place,
        tr`"${value}" must be "field,child_table" with a table of ${term(meta.name)} (tables: ${fieldList(tables)}).${suggestion(tablefield, tables)}`,
        { value },
      );
    }
    if (canNameRecipients(findField(rowsMeta, fieldname))) return;
    throw invalid(place, tr`"${value}" cannot name recipients: ${whyNot(rowsMeta, fieldname, recipientFieldsOf(rowsMeta))}`, { value });
  });
}

function whyNot(meta: DocTypeMeta, fieldname: string, allowed: string[]): Text {
  return tr`${notTheField(meta, fieldname, allowed)}; choose a Data/Text field or a Link to User: ${fieldList(allowed)}`;
}
