import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/errors/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, ISSUE_ITEM, api, apiOk, createIssueDoctypes, googleChatUrl, resourceUrl } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

type Body = Record<string, unknown>;

const WEBHOOK = 'Support chat';
const TICKET = 'Ticket';
/** A doctype with a Currency `total` that is empty on a blank document, and a `customer` (the Dokos example). */
const TICKET_DEFINITION = {
  name: TICKET,
  module: 'Support',
  autoname: 'TCK-.####',
  fields: [
    { fieldname: 'customer', label: 'Customer', fieldtype: 'Data' },
    { fieldname: 'total', label: 'Total', fieldtype: 'Currency' },
  ],
};

const DOKOS_MESSAGE = '*Nouveau ticket*\nNouvelle demande n° {{ doc.name }}.\n• Client : {{ doc.customer }}';

let counter = 0;
/** A valid System Notification on Issue's Save, with `overrides` (an `undefined` value removes the key). */
function notification(overrides: Body = {}): Body {
  const body: Body = {
    name: `Rule ${++counter}`,
    channel: 'System Notification',
    subject: 'Issue {{ doc.name }} saved',
    document_type: ISSUE,
    event: 'Save',
    message: 'Hello {{ doc.subject }}',
    ...overrides,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
const email = (overrides: Body = {}) =>
  notification({ channel: 'Email', recipients: [{ receiver_by_document_field: 'owner' }], ...overrides });

const VALID: Record<string, () => Body> = {
  ...Object.fromEntries(['New', 'Save', 'Submit', 'Cancel', 'Custom'].map((event) => [`event ${event}`, () => notification({ event })])),
  'event Value Change': () => notification({ event: 'Value Change', value_changed: 'status' }),
  'Value Change on docstatus': () => notification({ event: 'Value Change', value_changed: 'docstatus' }),
  'event Days Before (Date)': () => notification({ event: 'Days Before', date_changed: 'due_date', days_in_advance: 3 }),
  'event Days After (Datetime)': () => notification({ event: 'Days After', date_changed: 'opened_at' }),
  'Days After on creation': () => notification({ event: 'Days After', date_changed: 'creation', days_in_advance: 0 }),
  'event Minutes Before': () => notification({ event: 'Minutes Before', datetime_changed: 'opened_at', minutes_offset: 1 }),
  'event Minutes After': () => notification({ event: 'Minutes After', datetime_changed: 'modified', minutes_offset: 30 }),
  'event Method': () => notification({ event: 'Method', method: 'on_trash' }),
  'field names with spaces around them': () => notification({ event: 'Value Change', value_changed: ' status ', method: ' ' }),
  'Days Before on a child table': () => notification({ document_type: ISSUE_ITEM, event: 'Days Before', date_changed: 'creation' }),
  'Minutes After on a child table': () =>
    notification({ document_type: ISSUE_ITEM, event: 'Minutes After', datetime_changed: 'modified', minutes_offset: 5 }),
  'channel Email': () => email(),
  'channel SMS without subject': () =>
    notification({ channel: 'SMS', subject: undefined, recipients: [{ receiver_by_role: 'System Manager' }] }),
  'channel System Notification without recipients': () => notification({ send_system_notification: 1 }),
  'channel External Collaboration Tool, no subject nor recipients': () =>
    notification({ channel: 'External Collaboration Tool', incoming_webhook_url: WEBHOOK, subject: undefined }),
  'every kind of recipient row': () =>
    email({
      recipients: [
        { receiver_by_document_field: 'owner' },
        { receiver_by_document_field: 'assigned_to' },
        { receiver_by_document_field: 'description' },
        { receiver_by_document_field: 'owner_user,items' },
        { receiver_by_document_field: 'item, items', condition: 'doc.urgent' },
        { receiver_by_role: 'System Manager', condition: 'doc.status == "Open"' },
        { receiver_by_user: 'Administrator' },
        { cc: 'boss@example.com\n{{ doc.assigned_to }}' },
        { bcc: 'audit@example.com' },
      ],
    }),
  'set property Select': () => notification({ set_property_after_alert: 'status', property_value: 'Closed' }),
  'set property Int': () => notification({ set_property_after_alert: 'priority', property_value: '5' }),
  'set property Check': () => notification({ set_property_after_alert: 'urgent', property_value: '1' }),
  'set property Date': () => notification({ set_property_after_alert: 'due_date', property_value: '2027-01-31' }),
  'set property to empty (clears it)': () => notification({ set_property_after_alert: 'resolution', property_value: '' }),
  'conditions Frappe users write': () =>
    notification({ condition: 'doc.status == "Open" and doc.due_date == nowdate() and doc.amount > 40000 and not doc.urgent' }),
  'doc.total > 40000 on a Currency total': () => notification({ document_type: TICKET, subject: 'Big', condition: 'doc.total > 40000' }),
  'multi-line message with a loop': () => notification({ message: '{% for row in doc.items %}\n- {{ row.item }}\n{% endfor %}' }),
};

interface Refused {
  case: string;
  body: () => Body;
  code: ErrorCode;
  field: string;
  /** The recipient row the error must name. */
  row?: number;
  /** What the message must say. */
  says?: RegExp;
}

/** Cases refused with the same code on the same field (and, optionally, row and message). */
function refusals(
  code: ErrorCode,
  field: string,
  cases: Record<string, () => Body>,
  more: { row?: number; says?: RegExp } = {},
): Refused[] {
  return Object.entries(cases).map(([name, body]) => ({ case: name, body, code, field, ...more }));
}
const recipient = (row: Body) => () => email({ recipients: [row] });
const FORBIDDEN = [
  'Notification',
  'Notification Log',
  'Notification Recipient',
  'Incoming Webhook URL',
  'Notification Delivery',
  'Version',
];

const REFUSED: Refused[] = [
  ...refusals('MANDATORY_MISSING', 'incoming_webhook_url', {
    'chat channel without a webhook': () => notification({ channel: 'External Collaboration Tool' }),
  }),
  ...refusals('MANDATORY_MISSING', 'subject', {
    'Email without subject': () => email({ subject: '' }),
    'System Notification without subject': () => notification({ subject: '  ' }),
  }),
  ...refusals('MANDATORY_MISSING', 'recipients', {
    'Email without recipients': () => email({ recipients: [] }),
    'SMS without recipients': () => notification({ channel: 'SMS' }),
  }),
  ...refusals('MANDATORY_MISSING', 'document_type', { 'no document type': () => notification({ document_type: undefined }) }),
  ...refusals('MANDATORY_MISSING', 'event', { 'no event': () => notification({ event: undefined }) }),
  ...refusals('LINK_NOT_FOUND', 'document_type', { 'unknown document type': () => notification({ document_type: 'Nope' }) }),
  ...refusals(
    'INVALID_VALUE',
    'document_type',
    Object.fromEntries(
      FORBIDDEN.map((doctype) => [
        `target ${doctype}`,
        () => notification({ document_type: doctype, event: 'Days After', date_changed: 'creation' }),
      ]),
    ),
    { says: /cannot be set on/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'document_type',
    { 'child table on Save': () => notification({ document_type: ISSUE_ITEM }) },
    { says: /child table/ },
  ),
  ...refusals('MANDATORY_MISSING', 'date_changed', { 'Days Before without date field': () => notification({ event: 'Days Before' }) }),
  ...refusals(
    'INVALID_VALUE',
    'date_changed',
    {
      'Days After on an Int field': () => notification({ event: 'Days After', date_changed: 'priority' }),
    },
    { says: /priority is an Int field/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'date_changed',
    {
      'Days After on a missing field': () => notification({ event: 'Days After', date_changed: 'due_dte' }),
    },
    { says: /Did you mean "due_date"/ },
  ),
  ...refusals('INVALID_VALUE', 'days_in_advance', {
    'negative days': () => notification({ event: 'Days After', date_changed: 'due_date', days_in_advance: -1 }),
  }),
  ...refusals('MANDATORY_MISSING', 'datetime_changed', {
    'Minutes Before without datetime field': () => notification({ event: 'Minutes Before', minutes_offset: 5 }),
  }),
  ...refusals('INVALID_VALUE', 'datetime_changed', {
    'Minutes Before on a Date field': () => notification({ event: 'Minutes Before', datetime_changed: 'due_date', minutes_offset: 5 }),
  }),
  ...refusals(
    'INVALID_VALUE',
    'minutes_offset',
    {
      'Minutes After with offset 0': () => notification({ event: 'Minutes After', datetime_changed: 'opened_at' }),
      'Minutes After with offset -5': () => notification({ event: 'Minutes After', datetime_changed: 'opened_at', minutes_offset: -5 }),
    },
    { says: /at least 1/ },
  ),
  ...refusals('MANDATORY_MISSING', 'value_changed', { 'Value Change without field': () => notification({ event: 'Value Change' }) }),
  ...refusals(
    'INVALID_VALUE',
    'value_changed',
    {
      'Value Change on a missing field': () => notification({ event: 'Value Change', value_changed: 'statsu' }),
    },
    { says: /Did you mean "status"/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'value_changed',
    {
      'Value Change on a table': () => notification({ event: 'Value Change', value_changed: 'items' }),
    },
    { says: /items is a Table field/ },
  ),
  ...refusals('MANDATORY_MISSING', 'method', { 'Method without method': () => notification({ event: 'Method' }) }),
  ...refusals('INVALID_VALUE', 'set_property_after_alert', {
    'set property on a missing field': () => notification({ set_property_after_alert: 'nope', property_value: 'x' }),
    'set property on a table': () => notification({ set_property_after_alert: 'items' }),
  }),
  ...refusals(
    'INVALID_VALUE',
    'set_property_after_alert',
    {
      'set property on a standard field': () => notification({ set_property_after_alert: 'modified_by', property_value: 'x' }),
    },
    { says: /standard field/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'property_value',
    {
      'property value not an Int': () => notification({ set_property_after_alert: 'priority', property_value: 'high' }),
      'property value not an option': () => notification({ set_property_after_alert: 'status', property_value: 'Maybe' }),
      'property value not a date': () => notification({ set_property_after_alert: 'due_date', property_value: '2027-02-30' }),
      'property value not a Check': () => notification({ set_property_after_alert: 'urgent', property_value: 'yes' }),
    },
    { says: /is not a valid value for Issue\./ },
  ),
  ...refusals(
    'MANDATORY_MISSING',
    'receiver_by_document_field',
    {
      'recipient row naming no one': () => email({ recipients: [{ receiver_by_role: 'System Manager' }, { condition: 'doc.urgent' }] }),
    },
    { row: 2 },
  ),
  ...refusals(
    'INVALID_VALUE',
    'receiver_by_document_field',
    {
      'recipient field an Int': recipient({ receiver_by_document_field: 'priority' }),
      'recipient field a table': recipient({ receiver_by_document_field: 'items' }),
      'recipient field with three parts': recipient({ receiver_by_document_field: 'a,b,c' }),
    },
    { row: 1 },
  ),
  ...refusals(
    'INVALID_VALUE',
    'receiver_by_document_field',
    {
      'recipient field missing': recipient({ receiver_by_document_field: 'asigned_to' }),
    },
    { row: 1, says: /Did you mean "assigned_to"/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'receiver_by_document_field',
    {
      'recipient child table missing': recipient({ receiver_by_document_field: 'owner_user,lines' }),
    },
    { row: 1, says: /tables: "items"/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'receiver_by_document_field',
    {
      'recipient child field an Int': recipient({ receiver_by_document_field: 'qty,items' }),
    },
    { row: 1, says: /qty is an Int field/ },
  ),
  ...refusals('LINK_NOT_FOUND', 'receiver_by_role', { 'recipient role missing': recipient({ receiver_by_role: 'Astronaut' }) }, { row: 1 }),
  ...refusals(
    'INVALID_VALUE',
    'condition',
    {
      'recipient condition unknown name': recipient({ receiver_by_document_field: 'owner', condition: 'doc.statsu == "Open"' }),
    },
    { row: 1, says: /did you mean 'status'/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'cc',
    { 'cc template syntax': recipient({ cc: '{{ doc.assigned_to ' }) },
    { row: 1, says: /\(line 1, column \d+\)/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'subject',
    {
      'subject syntax': () => notification({ subject: 'Issue {{ doc.name }' }),
    },
    { says: /syntax error.*\(line 1, column \d+\)/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'message',
    {
      'message syntax': () => notification({ message: 'a\nb\n{% if doc.urgent %}urgent' }),
    },
    { says: /\(line 3, column \d+\)/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'condition',
    {
      'condition syntax': () => notification({ condition: 'doc.status == "Open" )' }),
    },
    { says: /syntax error.*\(line 1, column 22\)/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'condition',
    {
      'condition unknown variable': () => notification({ condition: 'dco.status == "Open"' }),
    },
    { says: /\(line 1, column 1\)/ },
  ),
  ...refusals(
    'INVALID_VALUE',
    'condition',
    {
      'condition unknown field': () => notification({ document_type: TICKET, condition: 'doc.totl > 40000' }),
    },
    { says: /did you mean 'total'/ },
  ),
];

describe.each(await testDatabases())('Notification validation on $name', (db) => {
  let t: TestApp;
  const postNotification = (body: Body) => api(t.server, 'POST', resourceUrl('Notification'), body);
  const stored = async () => ({
    notifications: Number(
      (await apiOk(t.server, 'GET', '/api/method/frappe.client.get_count', undefined, { query: { doctype: 'Notification' } })).message,
    ),
    recipientRows: (await t.app.store.db.selectFrom('tabNotification Recipient').select('name').execute()).length,
  });

  beforeAll(async () => {
    t = await startTestApp(db);
    await createIssueDoctypes(t.server);
    await apiOk(t.server, 'POST', resourceUrl('DocType'), TICKET_DEFINITION);
    await apiOk(t.server, 'POST', resourceUrl('Incoming Webhook URL'), {
      webhook_name: WEBHOOK,
      service: 'Google Chat',
      webhook_url: googleChatUrl(),
    });
  });
  afterAll(() => t.close());

  it.each(Object.entries(VALID))('saves a valid notification: %s', async (_, body) => {
    const sent = body();
    const res = await postNotification(sent);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ name: sent.name, event: sent.event, channel: sent.channel });
    if (typeof sent.value_changed === 'string') expect(res.body.data.value_changed).toBe(sent.value_changed.trim());
  });

  it.each(REFUSED)('refuses $case ($code on $field)', async ({ body, code, field, row, says }) => {
    const before = await stored();
    const res = await postNotification(body());
    expect(res.body.error, JSON.stringify(res.body)).toMatchObject({ code, details: { field } });
    expect(res.status).toBe(417);
    if (row !== undefined) expect(res.body.error.details).toMatchObject({ row, tablefield: 'recipients' });
    if (says) expect(res.body.error.message).toMatch(says);
    expect(await stored()).toEqual(before);
  });

  it('saves the Dokos example: a Google Chat notification on new tickets', async () => {
    const res = await postNotification({
      name: 'Nouveau ticket',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: WEBHOOK,
      document_type: TICKET,
      event: 'New',
      message: DOKOS_MESSAGE,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Nouveau ticket', incoming_webhook_url: WEBHOOK, message: DOKOS_MESSAGE, recipients: [] });
  });

  it('names a notification after its subject when no name is given, and a given name wins', async () => {
    const named = await postNotification(notification({ name: undefined, subject: 'Overdue {{ doc.name }}' }));
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(named.body.data.name).toBe('Overdue {{ doc.name }}');
    const empty = await postNotification(notification({ name: '', subject: 'Escalated' }));
    expect(empty.body.data?.name, JSON.stringify(empty.body)).toBe('Escalated');
    const given = await postNotification(notification({ name: 'Chosen', subject: 'Other subject' }));
    expect(given.body.data.name).toBe('Chosen');
    const nameless = await postNotification(
      notification({ name: undefined, channel: 'SMS', subject: undefined, recipients: [{ receiver_by_role: 'System Manager' }] }),
    );
    expect(nameless.body.error).toMatchObject({ code: 'MANDATORY_MISSING', details: { field: 'name' } });
    const clash = await postNotification(notification({ name: undefined, subject: 'Escalated' }));
    expect(clash.body.error).toMatchObject({ code: 'DUPLICATE_NAME', details: { field: 'name' } });
  });

  it('keeps the channel fixed after the first save, and revalidates updates', async () => {
    const created = (await apiOk(t.server, 'POST', resourceUrl('Notification'), email({ name: 'Fixed channel' }))).data;
    const url = resourceUrl('Notification', created.name);
    const changed = await api(t.server, 'PUT', url, { channel: 'System Notification' });
    expect(changed.status).toBe(417);
    expect(changed.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'channel' } });
    expect(changed.body.error.message).toMatch(/cannot be changed after the first save/);
    const badCondition = await api(t.server, 'PUT', url, { condition: 'doc.status ==' });
    expect(badCondition.body.error).toMatchObject({ code: 'INVALID_VALUE', details: { field: 'condition', line: 1 } });
    const unchanged = (await apiOk(t.server, 'GET', url)).data;
    expect(unchanged).toMatchObject({ channel: 'Email', condition: null, modified: created.modified });
    const ok = await api(t.server, 'PUT', url, { channel: 'Email', subject: 'Still e-mail', enabled: 0 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.data).toMatchObject({ channel: 'Email', subject: 'Still e-mail', enabled: 0 });
  });

  it('reports a syntax error with its line and column in the message and the details', async () => {
    const res = await postNotification(notification({ condition: 'doc.status == "Open"\n  and (doc.urgent' }));
    expect(res.body.error.details).toMatchObject({ field: 'condition', problem: 'TEMPLATE_SYNTAX', line: 2 });
    const { line, column } = res.body.error.details;
    expect(res.body.error.message).toContain(`(line ${line}, column ${column})`);
    expect(res.body.exc_type).toBe('ValidationError');
  });
});
