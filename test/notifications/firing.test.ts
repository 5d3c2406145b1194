import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { tableName } from '../../src/documents/meta.ts';
import { testDatabases } from '../support/databases.ts';
import { createGoogleChatWebhook } from '../support/fixtures.ts';
import { ADMIN_AUTH, startTestApp, type TestApp } from '../support/test-app.ts';

const A = SYSTEM_ACTOR;
const TICKET = 'Ticket';

/** The Dokos user guide's example message (Google Chat markup). */
const DOKOS_MESSAGE = '*Nouveau ticket*\nNouvelle demande n° {{ doc.name }}.\n• Client : {{ doc.customer }}\n• Sujet : {{ doc.subject }}';

describe.each(await testDatabases())('notifications firing on $name', (db) => {
  let t: TestApp;
  const docs = () => t.app.documents;

  beforeAll(async () => {
    t = await startTestApp(db);
    await docs().insert('Role', { role_name: 'Support' }, A);
    await docs().insert('User', { email: 'agent@example.com', first_name: 'Agent', roles: [{ role: 'Support' }] }, A);
    await docs().insert('User', { email: 'boss@example.com', first_name: 'Boss' }, A);
    await docs().insert(
      'DocType',
      { name: 'Ticket Watcher', istable: 1, fields: [{ fieldname: 'email', fieldtype: 'Data', options: 'Email' }] },
      A,
    );
    await docs().insert(
      'DocType',
      {
        name: TICKET,
        autoname: 'TCK-.####',
        is_submittable: 1,
        fields: [
          { fieldname: 'subject', fieldtype: 'Data', reqd: 1 },
          { fieldname: 'customer', fieldtype: 'Data' },
          { fieldname: 'status', fieldtype: 'Select', options: 'Open\nReplied\nClosed', default: 'Open' },
          { fieldname: 'priority', fieldtype: 'Int' },
          { fieldname: 'total', fieldtype: 'Currency' },
          { fieldname: 'assigned_to', fieldtype: 'Link', options: 'User' },
          { fieldname: 'note', fieldtype: 'Data', allow_on_submit: 1 },
          { fieldname: 'contact_email', fieldtype: 'Data', options: 'Email' },
          { fieldname: 'watchers', fieldtype: 'Table', options: 'Ticket Watcher' },
        ],
      },
      A,
    );
    await createGoogleChatWebhook(t.app, 'support-space');
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    // Each test starts without rules, deliveries or bells.
    const rules = (await docs().list('Notification', { limit: 0 }, A)) as Array<{ name: string }>;
    for (const { name } of rules) await docs().delete('Notification', name, A);
    await t.app.store.db.deleteFrom(tableName('Notification Delivery')).execute();
    await t.app.store.db.deleteFrom(tableName('Notification Log')).execute();
  });

  const rule = (name: string, event: string, extra: Record<string, unknown> = {}) =>
    docs().insert(
      'Notification',
      {
        name,
        document_type: TICKET,
        event,
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'support-space',
        subject: `${name}: {{ doc.name }}`,
        message: `${event} {{ doc.name }}`,
        ...extra,
      },
      A,
    );

  const deliveries = async () =>
    (await docs().list(
      'Notification Delivery',
      {
        fields: [
          'name',
          'notification',
          'event',
          'status',
          'destination',
          'subject',
          'message',
          'error_code',
          'last_error',
          'caused_by',
          'reference_name',
        ],
        order_by: 'creation asc',
        limit: 0,
      },
      A,
    )) as Array<Record<string, any>>;

  const fired = async () =>
    (await deliveries())
      .filter((d) => d.status === 'Queued')
      .map((d) => `${d.notification}:${d.event}`)
      .sort();

  it('creating fires New then Save; saving a draft fires Save; submitting Save and Submit; cancelling Cancel only', async () => {
    for (const event of ['New', 'Save', 'Submit', 'Cancel']) await rule(`on-${event}`, event);
    const doc = await docs().insert(TICKET, { subject: 'Printer' }, A);
    expect(await fired()).toEqual(['on-New:New', 'on-Save:Save']);
    await docs().update(TICKET, doc.name, { customer: 'ACME' }, A);
    expect(await fired()).toEqual(['on-New:New', 'on-Save:Save', 'on-Save:Save']);
    await docs().submit(TICKET, doc.name, {}, A);
    expect(await fired()).toEqual(['on-New:New', 'on-Save:Save', 'on-Save:Save', 'on-Save:Save', 'on-Submit:Submit']);
    await docs().update(TICKET, doc.name, { note: 'after submit' }, A);
    await docs().cancel(TICKET, doc.name, A);
    expect((await fired()).filter((f) => f !== 'on-Save:Save' && f !== 'on-New:New')).toEqual(['on-Cancel:Cancel', 'on-Submit:Submit']);
    expect((await fired()).filter((f) => f === 'on-Save:Save')).toHaveLength(3); // no Save on update after submit or cancel
  });

  it('renders the Dokos example message and queues it for the webhook, in the write transaction', async () => {
    await rule('nouveau-ticket', 'New', { subject: 'Nouveau ticket', message: DOKOS_MESSAGE });
    const doc = await docs().insert(TICKET, { subject: 'Imprimante en panne', customer: 'Dupont SA' }, A);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'Queued', destination: 'support-space', reference_name: doc.name, subject: 'Nouveau ticket' });
    expect(delivery.message).toBe(
      `*Nouveau ticket*\nNouvelle demande n° ${doc.name}.\n• Client : Dupont SA\n• Sujet : Imprimante en panne`,
    );
  });

  it('fires Value Change only when the watched field changes, compared by type', async () => {
    await rule('status-changed', 'Value Change', { value_changed: 'status' });
    await rule('priority-changed', 'Value Change', { value_changed: 'priority' });
    const doc = await docs().insert(TICKET, { subject: 'VC' }, A);
    expect(await fired()).toEqual([]); // never on creation
    await docs().update(TICKET, doc.name, { customer: 'x' }, A);
    expect(await fired()).toEqual([]);
    await docs().update(TICKET, doc.name, { status: 'Replied', priority: '0' }, A); // 0 vs "0": no change
    expect(await fired()).toEqual(['status-changed:Value Change']);
  });

  it('sends only when the condition holds; a condition error is recorded and never blocks the save', async () => {
    await rule('big', 'New', { condition: 'doc.total > 40000' });
    // Passes the save-time check (a sample document has a priority) but divides by zero at run time.
    await rule('broken', 'New', { condition: '(10 // (doc.priority or 0)) > 1' });
    const small = await docs().insert(TICKET, { subject: 'small', total: 10 }, A);
    const big = await docs().insert(TICKET, { subject: 'big', total: 50000 }, A);
    expect(await docs().get(TICKET, small.name, A)).toBeTruthy();
    const all = await deliveries();
    expect(all.filter((d) => d.notification === 'big').map((d) => d.reference_name)).toEqual([big.name]);
    const failures = all.filter((d) => d.notification === 'broken');
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ status: 'Failed', error_code: expect.stringMatching(/^TEMPLATE_/) });
    expect(failures[0].last_error).toMatch(/^Condition: /);
  });

  it('writes bell notifications for System Notification recipients (owner field, role, user)', async () => {
    await rule('bell', 'New', {
      channel: 'System Notification',
      incoming_webhook_url: null,
      subject: 'New ticket {{ doc.name }}',
      recipients: [
        { receiver_by_role: 'Support' },
        { receiver_by_document_field: 'assigned_to' },
        { receiver_by_user: 'Administrator', condition: 'doc.total > 5' },
      ],
    });
    const doc = await docs().insert(TICKET, { subject: 'Bell', assigned_to: 'agent@example.com', total: 1 }, A);
    const logs = await t.app.store.db
      .selectFrom(tableName('Notification Log'))
      .select(['for_user', 'subject', 'document_name', 'type'])
      .execute();
    expect(logs).toEqual([{ for_user: 'agent@example.com', subject: `New ticket ${doc.name}`, document_name: doc.name, type: 'Alert' }]);
    expect(await deliveries()).toEqual([]);
  });

  it('sends one e-mail to the recipients by field, child-table field, user and role, with Jinja cc and bcc', async () => {
    await rule('mail', 'New', {
      channel: 'Email',
      incoming_webhook_url: null,
      subject: 'Ticket {{ doc.name }}',
      recipients: [
        { receiver_by_document_field: 'contact_email' },
        { receiver_by_document_field: 'email,watchers' },
        { receiver_by_document_field: 'assigned_to', cc: 'boss@example.com\n{{ doc.customer }}@clients.example.com' },
        { receiver_by_role: 'Support', bcc: 'audit@example.com, not an address' },
        { receiver_by_user: 'Administrator', condition: 'doc.total > 5', cc: 'never@example.com' },
      ],
      send_system_notification: 1,
    });
    const doc = await docs().insert(
      TICKET,
      {
        subject: 'Mail',
        customer: 'acme',
        contact_email: 'client@acme.example.com',
        assigned_to: 'agent@example.com',
        watchers: [{ email: 'w1@example.com' }, { email: 'not-an-email' }, { email: 'w2@example.com' }],
        total: 1,
      },
      A,
    );
    const rows = await t.app.store.db
      .selectFrom(tableName('Notification Delivery'))
      .select(['destination', 'email_to', 'email_cc', 'email_bcc', 'subject', 'reference_name'])
      .execute();
    expect(rows).toHaveLength(1);
    const [mail] = rows;
    expect(mail).toMatchObject({ subject: `Ticket ${doc.name}`, reference_name: doc.name });
    expect(String(mail.email_to).split('\n').sort()).toEqual([
      'agent@example.com',
      'client@acme.example.com',
      'w1@example.com',
      'w2@example.com',
    ]);
    expect(mail.destination).toBe(String(mail.email_to).split('\n').join(', '));
    expect(String(mail.email_cc).split('\n')).toEqual(['boss@example.com', 'acme@clients.example.com']);
    expect(mail.email_bcc).toBe('audit@example.com');
    // The bell goes to the users among to, cc and bcc (Frappe's rule), even with the Email channel.
    const bells = await t.app.store.db.selectFrom(tableName('Notification Log')).select('for_user').orderBy('for_user').execute();
    expect(bells.map((b) => b.for_user)).toEqual(['agent@example.com', 'boss@example.com']);
  });

  it('lets a message read other documents, and the one being written, through frappe.get_doc and frappe.db.get_value', async () => {
    await rule('with-lookups', 'New', {
      condition: "doc.status == 'Open'",
      message:
        "{% set me = frappe.get_doc('Ticket', doc.name) %}{{ me.subject }} for " +
        "{{ frappe.db.get_value('User', doc.assigned_to, 'first_name') }} ({{ frappe.db.get_value('User', {'first_name': 'Boss'}, 'email') }})",
    });
    const doc = await docs().insert(TICKET, { subject: 'Lookup', assigned_to: 'agent@example.com' }, A);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ status: 'Queued', message: 'Lookup for Agent (boss@example.com)', reference_name: doc.name });
  });

  it('records a broken Jinja cc as a failed delivery naming the recipients', async () => {
    await rule('bad-cc', 'New', {
      channel: 'Email',
      incoming_webhook_url: null,
      recipients: [{ receiver_by_document_field: 'contact_email', cc: '{{ doc.custmer }}@example.com' }],
    });
    const doc = await docs().insert(TICKET, { subject: 'Bad cc', contact_email: 'client@acme.example.com' }, A);
    expect(await docs().get(TICKET, doc.name, A)).toBeTruthy();
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: 'Failed', error_code: 'TEMPLATE_UNKNOWN_NAME' });
    expect(failed.last_error).toMatch(/^Recipients: /);
  });

  it('sets a property after the alert by a real save that never re-fires the same notification', async () => {
    await rule('auto-reply', 'Save', { set_property_after_alert: 'status', property_value: 'Replied' });
    await rule('status-watch', 'Value Change', { value_changed: 'status' });
    const doc = await docs().insert(TICKET, { subject: 'Set me' }, A);
    expect(doc.status).toBe('Replied'); // the returned document shows the set property
    const all = await deliveries();
    expect(all.map((d) => `${d.notification}:${d.event}:${d.caused_by ?? ''}`).sort()).toEqual([
      'auto-reply:Save:',
      'status-watch:Value Change:auto-reply',
    ]);
  });

  it('queues nothing when the write rolls back, and never the same delivery twice', async () => {
    await rule('on-new', 'New');
    const off = t.app.hooks.on(
      'on_change',
      () => {
        throw new Error('refused by a hook');
      },
      { doctype: TICKET },
    );
    await expect(docs().insert(TICKET, { subject: 'rolled back' }, A)).rejects.toThrow('refused by a hook');
    off();
    expect(await deliveries()).toEqual([]);
    await docs().insert(TICKET, { subject: 'kept' }, A);
    expect(await fired()).toEqual(['on-new:New']);
  });

  it('fires on every write, even several writes of one document within the same millisecond', async () => {
    await rule('on-save', 'Save');
    const doc = await docs().insert(TICKET, { subject: 'Rapid' }, A);
    for (let i = 0; i < 20; i++) await docs().update(TICKET, doc.name, { priority: i + 1 }, A);
    const rows = await deliveries();
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((r) => r.name)).size).toBe(21);
    // Each write got its own `modified`, later than the one before.
    const versions = (await docs().list(
      'Version',
      { fields: ['creation'], filters: { docname: doc.name }, order_by: 'creation asc', limit: 0 },
      A,
    )) as Array<{
      creation: string;
    }>;
    expect(new Set(versions.map((v) => v.creation)).size).toBe(21);
  });

  it('fires Method notifications on the named hook, deletion included', async () => {
    await rule('trashed', 'Method', { method: 'on_trash' });
    const doc = await docs().insert(TICKET, { subject: 'to delete' }, A);
    expect(await fired()).toEqual([]);
    await docs().delete(TICKET, doc.name, A);
    expect(await fired()).toEqual(['trashed:Method']);
  });

  it('fires Method and Custom notifications when a client calls relais.trigger', async () => {
    await rule('escalate', 'Method', { method: 'escalate' });
    await rule('custom', 'Custom');
    const doc = await docs().insert(TICKET, { subject: 'trigger me' }, A);
    const call = (body: Record<string, unknown>) =>
      t.server.inject({ method: 'POST', url: '/api/method/relais.trigger', headers: { authorization: ADMIN_AUTH }, payload: body });
    const response = await call({ doctype: TICKET, name: doc.name, method: 'escalate' });
    expect(response.json()).toEqual({ message: { notifications: 2 } });
    expect(await fired()).toEqual(['custom:Custom', 'escalate:Method']);
    await call({ doctype: TICKET, name: doc.name, method: 'escalate' }); // a second call is a second occurrence
    expect(await fired()).toHaveLength(4);
    const missing = await call({ doctype: TICKET, name: 'TCK-NOPE', method: 'escalate' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
