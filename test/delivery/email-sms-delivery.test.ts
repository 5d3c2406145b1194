import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { tableName } from '../../src/documents/meta.ts';
import { testDatabases } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const A = SYSTEM_ACTOR;
const ORDER = 'Mail Order';
const DELIVERY = tableName('Notification Delivery');

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message. It accepts the user `relais` with
 * `credentials.password`, which a test may change (the mailbox's password rotated).
 */
async function startSmtp(credentials = { password: 'mail-secret' }): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'relais' && auth.password === credentials.password) return callback(null, { user: 'relais' });
      return callback(Object.assign(new Error('5.7.8 Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(await testDatabases())('e-mail and SMS deliveries on $name', (db) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let gateway: WebhookSink;
  const docs = () => t.app.documents;

  beforeAll(async () => {
    smtp = await startSmtp();
    gateway = await startWebhookSink({ answer: { status: 200, body: 'OK: queued' } });
    t = await startTestApp(db, {
      RELAIS_SMTP_URL: `smtp://relais:mail-secret@127.0.0.1:${smtp.port}`,
      RELAIS_MAIL_FROM: 'Acme ERP <erp@acme.example>',
      RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1',
      RELAIS_LANGUAGE: 'fr',
    });
    await docs().insert(
      'DocType',
      {
        name: ORDER,
        autoname: 'MO-.####',
        fields: [
          { fieldname: 'customer_email', fieldtype: 'Data', options: 'Email' },
          { fieldname: 'phone', fieldtype: 'Data', options: 'Phone' },
          { fieldname: 'total', fieldtype: 'Currency' },
        ],
      },
      A,
    );
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await gateway.close();
  });

  const deliveriesOf = (order: string) =>
    t.app.store.db.selectFrom(DELIVERY).selectAll().where('reference_name', '=', order).orderBy('name').execute();

  it('sends an e-mail to To, Cc and Bcc through SMTP, in HTML with a text part and the document link', async () => {
    await docs().insert(
      'Notification',
      {
        name: 'order mail',
        document_type: ORDER,
        event: 'New',
        channel: 'Email',
        sender: 'Sales <sales@acme.example>',
        subject: 'Commande {{ doc.name }}',
        message: '<p>Total : <b>{{ doc.total }}</b></p>',
        recipients: [{ receiver_by_document_field: 'customer_email', cc: 'boss@acme.example', bcc: 'audit@acme.example' }],
      },
      A,
    );
    const order = await docs().insert(ORDER, { customer_email: 'client@example.com', total: 42 }, A);
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(1);
    const [row] = await deliveriesOf(order.name);
    expect(row).toMatchObject({ status: 'Sent', channel: 'Email', attempts: 1 });
    const mail = smtp.mails.at(-1)!;
    expect(mail.from).toBe('sales@acme.example');
    expect(mail.to.sort()).toEqual(['audit@acme.example', 'boss@acme.example', 'client@example.com']);
    expect(mail.raw).toMatch(/^Subject: Commande MO-\d{4}/m);
    expect(mail.raw).toMatch(/^Cc: boss@acme\.example/m);
    expect(mail.raw).not.toMatch(/^Bcc:/m);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toMatch(/Lien vers le document/);
    expect(mail.raw).toContain(`Message-ID: <`);
    await docs().delete('Notification', 'order mail', A);
  });

  it('sends an SMS per number through the SMS Settings gateway', async () => {
    await docs().insert(
      'SMS Settings',
      {
        sms_gateway_url: `${gateway.origin}/send`,
        message_parameter: 'text',
        receiver_parameter: 'to',
        use_post: 1,
        parameters: [{ parameter: 'api_key', value: 'gateway-key' }],
      },
      A,
    );
    await docs().insert(
      'Notification',
      {
        name: 'order sms',
        document_type: ORDER,
        event: 'New',
        channel: 'SMS',
        subject: 'x',
        message: 'Commande {{ doc.name }} : {{ doc.total }} €',
        recipients: [{ receiver_by_document_field: 'phone' }],
      },
      A,
    );
    const order = await docs().insert(ORDER, { phone: '+33 6 12 34 56 78', total: 7 }, A);
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(1);
    const [row] = await deliveriesOf(order.name);
    expect(row).toMatchObject({ status: 'Sent', channel: 'SMS' });
    const request = gateway.requests.at(-1)!;
    const form = new URLSearchParams(request.body);
    expect(form.get('to')).toBe('+33612345678');
    expect(form.get('text')).toBe(`Commande ${order.name} : 7 €`);
    expect(form.get('api_key')).toBe('gateway-key');
    await docs().delete('Notification', 'order sms', A);
  });
});

describe.each(await testDatabases())('e-mail without SMTP settings on $name', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db);
    await t.app.documents.insert(
      'DocType',
      { name: ORDER, autoname: 'MO-.####', fields: [{ fieldname: 'customer_email', fieldtype: 'Data' }] },
      A,
    );
  });
  afterAll(() => t.close());

  it('keeps e-mail deliveries waiting (never failed) until RELAIS_SMTP_URL is set', async () => {
    await t.app.documents.insert(
      'Notification',
      {
        name: 'mail',
        document_type: ORDER,
        event: 'New',
        channel: 'Email',
        subject: 's',
        message: 'm',
        recipients: [{ receiver_by_document_field: 'customer_email' }],
      },
      A,
    );
    const order = await t.app.documents.insert(ORDER, { customer_email: 'client@example.com' }, A);
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(0);
    const rows = await t.app.store.db.selectFrom(DELIVERY).selectAll().where('reference_name', '=', order.name).execute();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['Queued', 0]]);
  });
});

describe.each(await testDatabases())('e-mail with refused SMTP credentials on $name', (db) => {
  const credentials = { password: 'rotated-secret' };
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const deliveries = () =>
    t.app.store.db.selectFrom(DELIVERY).select(['reference_name', 'status', 'attempts', 'last_error']).orderBy('name').execute();

  beforeAll(async () => {
    smtp = await startSmtp(credentials);
    t = await startTestApp(db, { RELAIS_SMTP_URL: `smtp://relais:mail-secret@127.0.0.1:${smtp.port}`, RELAIS_LANGUAGE: 'fr' });
    await t.app.documents.insert(
      'DocType',
      { name: ORDER, autoname: 'MO-.####', fields: [{ fieldname: 'customer_email', fieldtype: 'Data' }] },
      A,
    );
    await t.app.documents.insert(
      'Notification',
      {
        name: 'mail',
        document_type: ORDER,
        event: 'New',
        channel: 'Email',
        subject: 'Commande {{ doc.name }}',
        message: 'm',
        recipients: [{ receiver_by_document_field: 'customer_email' }],
      },
      A,
    );
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('holds the e-mail channel for five minutes, its deliveries waiting uncounted, then sends them', async () => {
    const first = await t.app.documents.insert(ORDER, { customer_email: 'a@example.com' }, A);
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(1);
    const [held] = await deliveries();
    // The refusal does not count against the message, and is stored in the site language.
    expect(held).toMatchObject({ reference_name: first.name, status: 'Queued', attempts: 0 });
    expect(held.last_error).toMatch(/identifiants/i);

    // While held, nothing is tried: neither the first delivery nor a new one.
    const second = await t.app.documents.insert(ORDER, { customer_email: 'b@example.com' }, A);
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(0);
    expect((await deliveries()).map((d) => [d.reference_name, d.status, d.attempts])).toEqual([
      [first.name, 'Queued', 0],
      [second.name, 'Queued', 0],
    ]);
    expect(smtp.mails).toHaveLength(0);

    // The mailbox takes the password again; once the hold is over, both go.
    credentials.password = 'mail-secret';
    // Only Date is faked, and it keeps running (the worker measures time while it sends).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 5 * 60_000 + 1_000, shouldAdvanceTime: true });
    expect(await t.app.delivery.worker.runUntilIdle()).toBe(2);
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual([
      ['Sent', 1],
      ['Sent', 1],
    ]);
    expect(smtp.mails.map((m) => m.to)).toEqual(expect.arrayContaining([['a@example.com'], ['b@example.com']]));
  });
});
