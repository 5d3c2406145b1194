import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { claimDueRows } from '../../src/delivery/outbox-claim.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { tableName } from '../../src/documents/meta.ts';
import { testDatabases } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { api, googleChatUrl } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const A = SYSTEM_ACTOR;
const TICKET = 'Worker Ticket';
const DELIVERY = tableName('Notification Delivery');

describe.each(await testDatabases())('delivery worker on $name', (db) => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  const docs = () => t.app.documents;
  const worker = () => t.app.delivery.worker;

  beforeAll(async () => {
    chat = await startFakeGoogleChat();
    t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_PACING: '0' });
    await docs().insert(
      'DocType',
      {
        name: TICKET,
        autoname: 'WT-.####',
        fields: [
          { fieldname: 'subject', fieldtype: 'Data' },
          { fieldname: 'step', fieldtype: 'Int' },
        ],
      },
      A,
    );
  });
  afterAll(async () => {
    await t.close();
    await chat.close();
  });

  let space = 0;
  let webhook = '';
  beforeEach(async () => {
    for (const { name } of (await docs().list('Notification', { limit: 0 }, A)) as Array<{ name: string }>) {
      await docs().delete('Notification', name, A);
    }
    // A new space and webhook per test: no test sees another's messages or Broken status.
    space += 1;
    webhook = `space-${space}`;
    await docs().insert(
      'Incoming Webhook URL',
      { webhook_name: webhook, service: 'Google Chat', webhook_url: googleChatUrl(`S${space}`, chat.origin) },
      A,
    );
    await docs().insert(
      'Notification',
      {
        name: `on save ${space}`,
        document_type: TICKET,
        event: 'Save',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: webhook,
        subject: 'Ticket {{ doc.name }}',
        message: 'Ticket {{ doc.name }} step {{ doc.step }}',
      },
      A,
    );
  });

  const received = () => chat.messages.filter((m) => m.space === `S${space}`);
  const deliveryOf = async (ticket: string) => {
    const rows = await t.app.store.db.selectFrom(DELIVERY).selectAll().where('reference_name', '=', ticket).orderBy('name').execute();
    return rows;
  };
  const fullDelivery = async (name: string) => (await api(t.server, 'GET', `/api/resource/Notification Delivery/${name}`)).body.data;

  it('sends a saved document to Google Chat, records the attempt and counts it on the webhook', async () => {
    const ticket = await docs().insert(TICKET, { subject: 'Printer', step: 1 }, A);
    expect(await worker().runUntilIdle()).toBe(1);
    expect(received().map((m) => m.body.text)).toEqual([
      `Ticket ${ticket.name} step 1\n<${t.app.config.siteUrl}/app/worker-ticket/${ticket.name}|Document link>`,
    ]);
    const [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Sent', attempts: 1, locked_by: null, error_code: null });
    expect(String(row.remote_id)).toMatch(new RegExp(`^spaces/S${space}/messages/`));
    const full = await fullDelivery(String(row.name));
    expect(full.attempt_log).toHaveLength(1);
    expect(full.attempt_log[0]).toMatchObject({ attempt: 1, outcome: 'Sent', http_status: 200, error_code: null });
    expect(full.attempt_log[0].latency_ms).toBeGreaterThanOrEqual(0);
    const hook = await docs().get('Incoming Webhook URL', webhook, A);
    expect(hook).toMatchObject({ status: 'Active', sent_count: 1 });
    expect(hook.last_sent_at).toBeTruthy();
  });

  it('keeps the order of the messages about one document, and sends different documents side by side', async () => {
    const a = await docs().insert(TICKET, { subject: 'A', step: 0 }, A);
    const b = await docs().insert(TICKET, { subject: 'B', step: 0 }, A);
    for (let step = 1; step <= 5; step++) {
      await docs().update(TICKET, a.name, { step }, A);
      await docs().update(TICKET, b.name, { step }, A);
    }
    await worker().runUntilIdle();
    const steps = (name: string) =>
      received()
        .filter((m) => m.body.text?.startsWith(`Ticket ${name} `))
        .map((m) => Number(/step (\d+)/.exec(m.body.text ?? '')?.[1]));
    expect(steps(a.name)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(steps(b.name)).toEqual([0, 1, 2, 3, 4, 5]);
    // One thread per document.
    const threads = new Set(
      received()
        .filter((m) => m.body.text?.startsWith(`Ticket ${a.name} `))
        .map((m) => m.thread),
    );
    expect(threads.size).toBe(1);
  });

  it('retries after a 503 as the service says, and a retry after a lost answer is not posted twice', async () => {
    chat.failNext(1, { status: 503, retryAfterSeconds: 1 });
    const ticket = await docs().insert(TICKET, { subject: 'Flaky', step: 1 }, A);
    await worker().runUntilIdle();
    let [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Retrying', attempts: 1, error_code: 'HTTP_503' });
    const waitMs = Date.parse(`${String(row.run_at).replace(' ', 'T')}Z`) - Date.parse(`${String(row.modified).replace(' ', 'T')}Z`);
    expect(waitMs).toBeGreaterThanOrEqual(999);

    // The next attempt is posted, but its answer is lost: the one after gets 409 for the same messageId.
    chat.failNext(1, { status: 500, posted: true, retryAfterSeconds: 1 });
    await worker().runUntilIdle(2_000);
    await worker().runUntilIdle(2_000);
    [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Sent', attempts: 3 });
    expect(received().filter((m) => m.body.text?.startsWith(`Ticket ${ticket.name} `))).toHaveLength(1);
    const log = (await fullDelivery(String(row.name))).attempt_log;
    expect(log.map((a: { outcome: string; http_status: number }) => [a.outcome, a.http_status])).toEqual([
      ['Retry', 503],
      ['Retry', 500],
      ['Sent', 409],
    ]);
  });

  it('gives up after max_attempts, and relais.delivery.retry gives a dead delivery a new round', async () => {
    const ticket = await docs().insert(TICKET, { subject: 'Doomed', step: 1 }, A);
    const [queued] = await deliveryOf(ticket.name);
    await t.app.store.db.updateTable(DELIVERY).set({ max_attempts: 2 }).where('name', '=', queued.name).execute();
    chat.failNext(2, { status: 503, retryAfterSeconds: 1 });
    await worker().runUntilIdle(2_000);
    let [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Dead', attempts: 2, error_code: 'HTTP_503' });
    expect(String(row.last_error)).toMatch(/gave up after 2 attempts/);

    const retried = await api(t.server, 'POST', '/api/method/relais.delivery.retry', { name: row.name });
    expect(retried.status).toBe(200);
    expect(retried.body.message).toEqual({ name: row.name, status: 'Retrying' });
    await worker().runUntilIdle();
    [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Sent', attempts: 3 });
    const again = await api(t.server, 'POST', '/api/method/relais.delivery.retry', { name: row.name });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'DELIVERY_STATE_CONFLICT', details: { status: 'Sent' } });
    expect(again.body.error.message).toMatch(/sent already/);
  });

  it('marks a rejected message Dead with the answer kept, and cancels one that waits', async () => {
    chat.failNext(1, { status: 400, message: 'Invalid JSON payload received. Unknown name "oops"' });
    const bad = await docs().insert(TICKET, { subject: 'Rejected', step: 1 }, A);
    await worker().runUntilIdle();
    const [dead] = await deliveryOf(bad.name);
    expect(dead).toMatchObject({ status: 'Dead', attempts: 1, error_code: 'HTTP_400' });
    expect(String(dead.last_error)).toMatch(/Unknown name "oops"/);
    expect((await fullDelivery(String(dead.name))).attempt_log[0].response).toMatch(/INVALID_ARGUMENT/);

    const waiting = await docs().insert(TICKET, { subject: 'Cancel me', step: 1 }, A);
    const [row] = await deliveryOf(waiting.name);
    const cancelled = await api(t.server, 'POST', '/api/method/relais.delivery.cancel', { name: row.name });
    expect(cancelled.body.message).toEqual({ name: row.name, status: 'Cancelled' });
    expect(await worker().runUntilIdle()).toBe(0);
    expect(received().some((m) => m.body.text?.includes(waiting.name))).toBe(false);
    expect((await api(t.server, 'POST', '/api/method/relais.delivery.cancel', { name: row.name })).body.error.code).toBe(
      'DELIVERY_STATE_CONFLICT',
    );
    expect((await api(t.server, 'POST', '/api/method/relais.delivery.cancel', { name: 'nope' })).status).toBe(404);
  });

  it('holds the messages of a revoked webhook, tells the System Managers, and sends them once it is fixed', async () => {
    chat.revoke(`S${space}`);
    const first = await docs().insert(TICKET, { subject: 'Held 1', step: 1 }, A);
    await worker().runUntilIdle();
    const second = await docs().insert(TICKET, { subject: 'Held 2', step: 1 }, A);
    expect(await worker().runUntilIdle()).toBe(0); // the webhook is Broken: nothing is tried

    const hook = await docs().get('Incoming Webhook URL', webhook, A);
    expect(hook.status).toBe('Broken');
    expect(String(hook.last_error)).toMatch(/^HTTP 403: PERMISSION_DENIED: .* \[HTTP_403\]$/);
    expect(String(hook.last_error)).not.toMatch(/fake-token|AIza/);
    for (const ticket of [first, second]) {
      const [row] = await deliveryOf(ticket.name);
      expect(row.status).toBe('Queued');
      expect(row.attempts).toBe(0);
    }
    const bells = await t.app.store.db
      .selectFrom(tableName('Notification Log'))
      .selectAll()
      .where('document_type', '=', 'Incoming Webhook URL')
      .where('document_name', '=', webhook)
      .execute();
    expect(bells.map((b) => b.for_user)).toContain('Administrator');
    expect(bells).toHaveLength(new Set(bells.map((b) => b.for_user)).size); // told once

    // Someone pastes a new URL (a new token for the space): Active again, the messages go (two
    // documents: two threads, sent side by side).
    chat.setToken(`S${space}`, 'renewed=');
    const fixed = googleChatUrl(`S${space}`, chat.origin).replace(/token=[^&]+/, 'token=renewed%3D');
    await docs().update('Incoming Webhook URL', webhook, { webhook_url: fixed }, A);
    expect((await docs().get('Incoming Webhook URL', webhook, A)).status).toBe('Active');
    await worker().runUntilIdle();
    expect(
      received()
        .map((m) => m.body.text?.split('\n')[0])
        .sort(),
    ).toEqual([`Ticket ${first.name} step 1`, `Ticket ${second.name} step 1`]);
  });

  it('send_test posts now and reports in words; a test that works again makes a Broken webhook Active', async () => {
    const ok = await api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.send_test', { name: webhook });
    expect(ok.body.message).toMatchObject({ name: webhook, status: 'Sent', http_status: 200, error: null });
    expect(received().at(-1)?.body.text).toMatch(/test message from Relais/);

    chat.revoke(`S${space}`);
    const failed = await api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.send_test', { name: webhook });
    expect(failed.body.message).toMatchObject({ status: 'Failed', outcome: 'broken', http_status: 403, error_code: 'HTTP_403' });
    expect(JSON.stringify(failed.body)).not.toMatch(/AIza|fake-token/);

    await t.app.delivery.worker.runUntilIdle();
    await t.app.documents.update('Incoming Webhook URL', webhook, { status: 'Broken' }, { ...A, flags: { webhookSystemWrite: true } });
    chat.setToken(`S${space}`, `fake-token-S${space}=`);
    const again = await api(t.server, 'POST', '/api/method/relais.incoming_webhook_url.send_test', { name: webhook });
    expect(again.body.message.status).toBe('Sent');
    expect((await docs().get('Incoming Webhook URL', webhook, A)).status).toBe('Active');
  });

  it('gives back the rows of a worker that died, and the attempt counts', async () => {
    const ticket = await docs().insert(TICKET, { subject: 'Orphan', step: 1 }, A);
    // A worker of a process that no longer exists on this host claims the row, then "dies".
    const deadWorker = `${(await import('node:os')).hostname()}:999999:dead`;
    const claimed = await claimDueRows(t.app.store, {
      workerId: deadWorker,
      now: '9999-01-01 00:00:00.000000',
      leaseUntil: '9999-12-31 00:00:00.000000',
      limit: 100,
      held: { destinations: [], channels: [] },
    });
    expect(claimed.map((r) => r.reference_name)).toContain(ticket.name);
    await worker().runUntilIdle();
    const [row] = await deliveryOf(ticket.name);
    expect(row).toMatchObject({ status: 'Sent', attempts: 2 });
    const log = (await fullDelivery(String(row.name))).attempt_log;
    expect(log.map((a: { attempt: number }) => a.attempt)).toEqual([2]);
  });

  it('runs in the background: a save reaches Google Chat without anyone draining the queue, and stop gives back what was not tried', async () => {
    worker().start();
    try {
      const ticket = await docs().insert(TICKET, { subject: 'Live', step: 1 }, A);
      await chat.waitFor(chat.requests.length + 1, 10_000);
      await expect.poll(async () => (await deliveryOf(ticket.name))[0].status, { timeout: 10_000 }).toBe('Sent');
    } finally {
      await worker().stop();
    }
    const count = await sql<{ n: number }>`select count(*) as n from ${sql.table(DELIVERY)} where status = 'Sending'`.execute(
      t.app.store.db,
    );
    expect(Number(count.rows[0].n)).toBe(0);
  });
});
