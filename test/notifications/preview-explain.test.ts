import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { testDatabases } from '../support/databases.ts';
import { createGoogleChatWebhook } from '../support/fixtures.ts';
import { ADMIN_AUTH, startTestApp, type TestApp } from '../support/test-app.ts';

const A = SYSTEM_ACTOR;
const TASK = 'Inspect Task';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(await testDatabases())('notification preview, send_test and explain on $name', (db) => {
  let t: TestApp;
  const docs = () => t.app.documents;
  const call = (method: string, payload: Record<string, unknown>, authorization = ADMIN_AUTH) =>
    t.server.inject({ method: 'POST', url: `/api/method/relais.notification.${method}`, headers: { authorization }, payload });
  const deliveryCount = async () =>
    Number(
      (
        await t.app.store.db
          .selectFrom(tableName('Notification Delivery'))
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const rule = (name: string, extra: Record<string, unknown> = {}) =>
    docs().insert(
      'Notification',
      {
        name,
        document_type: TASK,
        event: 'Save',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'ops-space',
        subject: `${name}: {{ doc.name }}`,
        message: 'Task {{ doc.title }} for {{ doc.customer }}',
        ...extra,
      },
      A,
    );

  beforeAll(async () => {
    t = await startTestApp(db);
    await docs().insert(
      'DocType',
      {
        name: TASK,
        autoname: 'TSK-.####',
        fields: [
          { fieldname: 'title', fieldtype: 'Data', reqd: 1 },
          { fieldname: 'customer', fieldtype: 'Data' },
          { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed', default: 'Open' },
          { fieldname: 'priority', fieldtype: 'Int' },
          { fieldname: 'note', fieldtype: 'Data' },
          { fieldname: 'due_date', fieldtype: 'Date' },
        ],
      },
      A,
    );
    await createGoogleChatWebhook(t.app, 'ops-space', 'BBBB');
  });
  afterAll(() => t.close());

  it('previews a saved rule against a document without writing anything', async () => {
    const doc = await docs().insert(TASK, { title: 'Printer', customer: 'ACME' }, A);
    await rule('preview-saved', { event: 'New', condition: 'doc.status == "Open"' });
    const before = await deliveryCount();
    const response = await call('preview', { notification: 'preview-saved', name: doc.name });
    expect(response.statusCode).toBe(200);
    const result = response.json().message;
    expect(result).toMatchObject({
      condition_holds: true,
      subject: `preview-saved: ${doc.name}`,
      message: 'Task Printer for ACME',
      destinations: [{ channel: 'External Collaboration Tool', destination: 'ops-space', note: null }],
    });
    // The exact JSON Google Chat would receive, the URL masked.
    expect(result.destinations[0].payload).toEqual({
      service: 'Google Chat',
      method: 'POST',
      url: 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=…&token=••••',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: {
        text: `Task Printer for ACME\n<${t.app.config.siteUrl}/app/${TASK.toLowerCase().replace(/ /g, '-')}/${doc.name}|Document link>`,
        thread: { threadKey: expect.stringMatching(/^relais-[0-9a-f]{40}$/) },
      },
    });
    expect(result.error).toBeUndefined();
    expect(await deliveryCount()).toBe(before);
  });

  it('previews unsaved field values, reporting a false condition and a template syntax error as data', async () => {
    const doc = await docs().insert(TASK, { title: 'Screen', customer: 'Dupont' }, A);
    const unsaved = {
      document_type: TASK,
      event: 'Save',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'ops-space',
      condition: 'doc.status == "Closed"',
      subject: 'About {{ doc.title }}',
      message: 'Line one\n{{ doc.customer ',
    };
    const response = await call('preview', { notification: unsaved, doctype: TASK, name: doc.name });
    expect(response.statusCode).toBe(200);
    const result = response.json().message;
    expect(result.condition_holds).toBe(false);
    expect(result.subject).toBe('About Screen');
    expect(result.message).toBeNull();
    expect(result.error).toMatchObject({ stage: 'message', code: 'TEMPLATE_SYNTAX', line: 2 });
    expect(result.error.column).toEqual(expect.any(Number));
    // The unsaved rule as JSON text (form clients) works too, and a good one renders.
    const ok = await call('preview', { notification: JSON.stringify({ ...unsaved, message: '{{ doc.customer }}' }), name: doc.name });
    expect(ok.json().message).toMatchObject({ condition_holds: false, message: 'Dupont', destinations: [{ destination: 'ops-space' }] });
  });

  it('send_test queues the delivery for real, bypassing a false condition, once per call', async () => {
    const doc = await docs().insert(TASK, { title: 'Desk', customer: 'Zed' }, A);
    await rule('test-send', {
      event: 'Submit',
      condition: 'doc.status == "Closed"',
      set_property_after_alert: 'note',
      property_value: 'sent',
    });
    const response = await call('send_test', { notification: 'test-send', name: doc.name });
    expect(response.statusCode).toBe(200);
    const { deliveries } = response.json().message;
    expect(deliveries).toHaveLength(1);
    const delivery = await docs().get('Notification Delivery', deliveries[0], A);
    expect(delivery).toMatchObject({
      status: 'Queued',
      notification: 'test-send',
      destination: 'ops-space',
      subject: `test-send: ${doc.name}`,
    });
    expect(delivery.message).toBe('Task Desk for Zed');
    expect((await docs().get(TASK, doc.name, A)).note).toBeFalsy(); // a test send sets no property
    const again = (await call('send_test', { notification: 'test-send', name: doc.name })).json().message.deliveries;
    expect(again).toHaveLength(1);
    expect(again[0]).not.toBe(deliveries[0]);
  });

  it('explains, rule by rule, why each notification would or would not fire', async () => {
    const doc = await docs().insert(TASK, { title: 'Explain me', customer: 'Old', status: 'Open', due_date: day(5) }, A);
    await docs().update(TASK, doc.name, { customer: 'New' }, A);
    for (const r of ['preview-saved', 'test-send']) await docs().delete('Notification', r, A);
    await rule('x-fires', { event: 'Save', condition: 'doc.customer == "New"' });
    await rule('x-disabled', { enabled: 0 });
    await rule('x-new', { event: 'New' });
    await rule('x-vc-customer', { event: 'Value Change', value_changed: 'customer' });
    await rule('x-vc-priority', { event: 'Value Change', value_changed: 'priority' });
    await rule('x-false', { condition: 'doc.status == "Closed"' });
    await rule('x-error', { condition: 'doc.status == "Open"' });
    await rule('x-due', { event: 'Days Before', date_changed: 'due_date', days_in_advance: 5 });
    await rule('x-not-due', { event: 'Days Before', date_changed: 'due_date', days_in_advance: 2 });
    // A condition broken outside validation (say, saved by an older version) is reported with its problem.
    await sql`update ${sql.table(tableName('Notification'))} set condition = ${'doc.status =='} where name = ${'x-error'}`.execute(
      t.app.store.db,
    );

    const explain = async (payload: Record<string, unknown>) => {
      const response = await call('explain', { doctype: TASK, name: doc.name, ...payload });
      expect(response.statusCode).toBe(200);
      return Object.fromEntries((response.json().message as Array<Record<string, any>>).map((e) => [e.notification, e]));
    };
    const all = await explain({});
    expect(all['x-fires']).toMatchObject({ would_fire: true, event: 'Save' });
    expect(all['x-new']).toMatchObject({ would_fire: true, event: 'New' });
    expect(all['x-vc-customer']).toMatchObject({ would_fire: true });
    expect(all['x-due']).toMatchObject({ would_fire: true });
    expect(all['x-disabled']).toMatchObject({ would_fire: false, reason: 'disabled' });
    expect(all['x-vc-priority']).toMatchObject({ would_fire: false, reason: 'value_unchanged' });
    expect(all['x-false']).toMatchObject({ would_fire: false, reason: 'condition_false' });
    expect(all['x-error']).toMatchObject({
      would_fire: false,
      reason: 'condition_error',
      problem: { stage: 'condition', code: 'TEMPLATE_SYNTAX' },
    });
    expect(all['x-error'].problem.line).toBe(1);
    expect(all['x-not-due']).toMatchObject({ would_fire: false, reason: 'date_not_due' });
    expect(all['x-not-due'].detail).toContain(day(2));

    const onSave = await explain({ event: 'Save' });
    expect(onSave['x-fires']).toMatchObject({ would_fire: true, event: 'Save' });
    expect(onSave['x-new']).toMatchObject({ would_fire: false, reason: 'event', event: 'Save' });
    expect(onSave['x-due']).toMatchObject({ would_fire: false, reason: 'event' });

    // Saving sends x-fires for this version of the document: asked again, it was already sent.
    await sql`update ${sql.table(tableName('Notification'))} set condition = ${'doc.status == "Open"'} where name = ${'x-error'}`.execute(
      t.app.store.db,
    );
    await docs().update(TASK, doc.name, { note: 'touched' }, A);
    const after = await explain({ event: 'Save' });
    expect(after['x-fires']).toMatchObject({ would_fire: false, reason: 'already_sent' });
    expect(after['x-error']).toMatchObject({ would_fire: false, reason: 'already_sent' });
    expect(after['x-false']).toMatchObject({ would_fire: false, reason: 'condition_false' });
    expect((await explain({}))['x-vc-customer']).toMatchObject({ would_fire: false, reason: 'value_unchanged' });
  });

  it('rejects other users, and bad arguments, as HTTP errors', async () => {
    await docs().insert('User', { email: 'clerk@example.com', first_name: 'Clerk' }, A);
    const keys = await t.server.inject({
      method: 'POST',
      url: '/api/method/frappe.core.doctype.user.user.generate_keys',
      headers: { authorization: ADMIN_AUTH },
      payload: { user: 'clerk@example.com' },
    });
    const { api_key: key, api_secret: secret } = keys.json().message;
    for (const method of ['preview', 'send_test', 'explain']) {
      const denied = await call(method, { notification: 'x-fires', doctype: TASK, name: 'x' }, `token ${key}:${secret}`);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.code).toBe('PERMISSION_DENIED');
    }
    const bad = await call('explain', { doctype: TASK, name: 'TSK-NOPE' });
    expect(bad.statusCode).toBe(404);
    const badEvent = await call('explain', { doctype: TASK, name: 'x', event: 'Whenever' });
    expect(badEvent.statusCode).toBe(400);
  });
});
