/**
 * `GET /metrics` against a real app: who may read it, the HTTP metrics labelled by route pattern,
 * and, after real deliveries to a loopback sink, the attempt counters and the outbox gauges.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowDatetime } from '../../src/documents/doc.ts';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { testDatabases } from '../support/databases.ts';
import { ADMIN_AUTH, ADMIN_KEY, ADMIN_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';
import { startWebhookSink, type SinkAnswer, type SinkRequest, type WebhookSink } from '../support/webhook-sink.ts';
import { parseExposition, samplesOf, valueOf, type Sample } from './exposition.ts';

const A = SYSTEM_ACTOR;
const TICKET = 'Metrics Ticket';
const CHAT = 'External Collaboration Tool';
const MATTERMOST_ID = 'abcdefghijklmnopqrstuvwxyz';

/** The sink's answers: `/gone` is a deleted endpoint, `/generic` answers the status the message names. */
function answer(request: SinkRequest): SinkAnswer {
  if (request.url.startsWith('/gone')) return { status: 404, body: 'no such hook' };
  if (request.url.startsWith('/generic')) {
    const status = Number(JSON.parse(request.body).text);
    return status === 503 ? { status, headers: { 'retry-after': '3600' }, body: 'busy' } : { status, body: 'answer' };
  }
  return { status: 200, body: 'ok' };
}

describe.each(await testDatabases())('GET /metrics on $name', (db) => {
  let t: TestApp;
  let sink: WebhookSink;

  beforeAll(async () => {
    sink = await startWebhookSink({ answer });
    t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_PACING: '0' });
    const docs = t.app.documents;
    await docs.insert('DocType', { name: TICKET, autoname: 'MT-.####', fields: [{ fieldname: 'answer', fieldtype: 'Int' }] }, A);
    const webhooks = [
      { webhook_name: 'metrics-generic', service: 'Webhook', webhook_url: `${sink.origin}/generic` },
      { webhook_name: 'metrics-gone', service: 'Webhook', webhook_url: `${sink.origin}/gone` },
      { webhook_name: 'metrics-mattermost', service: 'Mattermost', webhook_url: `${sink.origin}/hooks/${MATTERMOST_ID}` },
    ];
    for (const webhook of webhooks) await docs.insert('Incoming Webhook URL', webhook, A);
    const rule = (name: string, webhook: string, condition: string) => ({
      name,
      document_type: TICKET,
      event: 'New',
      channel: CHAT,
      incoming_webhook_url: webhook,
      condition,
      subject: 'Ticket {{ doc.name }}',
      message: '{{ doc.answer }}',
    });
    await docs.insert('Notification', rule('to generic', 'metrics-generic', 'doc.answer != 404'), A);
    await docs.insert('Notification', rule('to gone', 'metrics-gone', 'doc.answer == 404'), A);
    await docs.insert('Notification', rule('to mattermost', 'metrics-mattermost', 'doc.answer != 404'), A);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const scrape = (headers: Record<string, string> = { authorization: ADMIN_AUTH }) =>
    t.server.inject({ method: 'GET', url: '/metrics', headers });
  async function samples(): Promise<Sample[]> {
    const res = await scrape();
    expect(res.statusCode, res.body).toBe(200);
    return parseExposition(res.body);
  }

  describe('access', () => {
    async function loginAs(email: string, roles: string[]): Promise<string> {
      const user = { email, first_name: 'M', new_password: `${email}-password-1`, roles: roles.map((role) => ({ role })) };
      await t.app.documents.insert('User', user, A);
      const res = await t.server.inject({ method: 'POST', url: '/api/method/login', payload: { usr: email, pwd: user.new_password } });
      expect(res.statusCode, res.body).toBe(200);
      return res.cookies.find((c) => c.name === 'sid')!.value;
    }

    it('answers 401 NOT_AUTHENTICATED without credentials, and with wrong ones', async () => {
      const none = await scrape({});
      expect(none.statusCode).toBe(401);
      expect(none.json()).toMatchObject({ exc_type: 'AuthenticationError', error: { code: 'NOT_AUTHENTICATED' } });
      const wrong = await scrape({ authorization: `Bearer ${ADMIN_KEY}:wrong-secret` });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers 403 PERMISSION_DENIED to a user who is not a System Manager, in their language', async () => {
      await t.app.documents.insert('Role', { role_name: 'Metrics Reader' }, A);
      const sid = await loginAs('reader@example.com', ['Metrics Reader']);
      const res = await t.server.inject({ method: 'GET', url: '/metrics', cookies: { sid } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ exc_type: 'PermissionError', error: { code: 'PERMISSION_DENIED' } });
      expect(res.json().error.message).toBe('Only a System Manager may read the metrics');
      const fr = await t.server.inject({ method: 'GET', url: '/metrics', cookies: { sid }, headers: { 'accept-language': 'fr' } });
      expect(fr.json().error.message).toBe('Seul un System Manager peut lire les métriques');
    });

    it('answers a System Manager, by session cookie or by a Bearer key:secret (what Prometheus sends)', async () => {
      const sid = await loginAs('ops@example.com', ['System Manager']);
      const bySession = await t.server.inject({ method: 'GET', url: '/metrics', cookies: { sid } });
      expect(bySession.statusCode).toBe(200);
      expect(bySession.headers['content-type']).toBe(t.app.metrics.contentType);
      expect(bySession.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const byToken = await scrape({ authorization: `Bearer ${ADMIN_KEY}:${ADMIN_SECRET}` });
      expect(byToken.statusCode).toBe(200);
      // Node's default metrics, prefixed.
      const all = parseExposition(byToken.body);
      expect(valueOf(all, 'relais_process_start_time_seconds')).toBeGreaterThan(1_600_000_000);
      expect(valueOf(all, 'relais_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    });
  });

  it('counts requests by route pattern, never by the URL', async () => {
    const ticket = await t.app.documents.insert(TICKET, { answer: 200 }, A);
    const get = { method: 'GET', route: '/api/resource/:doctype/:name', status_code: '200' };
    const missing = { method: 'GET', route: 'unmatched', status_code: '404' };
    const before = await samples();
    for (let i = 0; i < 3; i++) {
      const res = await t.server.inject({
        method: 'GET',
        url: `/api/resource/${TICKET}/${ticket.name}`,
        headers: { authorization: ADMIN_AUTH },
      });
      expect(res.statusCode).toBe(200);
    }
    const notFound = await t.server.inject({ method: 'GET', url: `/no/route/${ticket.name}`, headers: { authorization: ADMIN_AUTH } });
    expect(notFound.statusCode).toBe(404);
    const after = await samples();
    const delta = (name: string, labels: Record<string, string>) =>
      (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
    expect(delta('relais_http_requests_total', get)).toBe(3);
    expect(delta('relais_http_request_duration_seconds_count', get)).toBe(3);
    expect(delta('relais_http_requests_total', missing)).toBe(1);
    // The previous scrape is counted too, under its own pattern.
    expect(valueOf(after, 'relais_http_requests_total', { method: 'GET', route: '/metrics', status_code: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    const routes = new Set(samplesOf(after, 'relais_http_requests_total').map((s) => s.labels.route));
    expect([...routes].filter((route) => route.includes(ticket.name) || route.includes(TICKET))).toEqual([]);
  });

  it('after real deliveries, counts the attempts by channel, service and outcome, and reads the outbox', async () => {
    await t.app.delivery.worker.runUntilIdle(); // the previous test's ticket
    sink.clear();
    const before = await samples();
    for (const status of [200, 400, 503, 404]) await t.app.documents.insert(TICKET, { answer: status }, A);
    await t.app.delivery.worker.runUntilIdle();

    const answered = (path: string, status: number) => sink.requests.filter((r) => r.url.startsWith(path) && r.status === status).length;
    expect(answered('/generic', 200)).toBe(1);
    expect(answered('/hooks/', 200)).toBe(3);
    const gone = answered('/gone', 404);
    expect(gone).toBeGreaterThanOrEqual(1); // once, or again if claimed before the webhook was marked Broken

    const after = await samples();
    const attempts = (service: string, outcome: string) =>
      (valueOf(after, 'relais_delivery_attempts_total', { channel: CHAT, service, outcome }) ?? 0) -
      (valueOf(before, 'relais_delivery_attempts_total', { channel: CHAT, service, outcome }) ?? 0);
    expect(attempts('Webhook', 'Sent')).toBe(1);
    expect(attempts('Webhook', 'Rejected')).toBe(1);
    expect(attempts('Webhook', 'Retry')).toBe(1);
    expect(attempts('Webhook', 'Broken')).toBe(gone);
    expect(attempts('Webhook', 'Error')).toBe(0);
    expect(attempts('Mattermost', 'Sent')).toBe(3);
    const timed = (service: string) =>
      (valueOf(after, 'relais_delivery_attempt_duration_seconds_count', { channel: CHAT, service }) ?? 0) -
      (valueOf(before, 'relais_delivery_attempt_duration_seconds_count', { channel: CHAT, service }) ?? 0);
    expect(timed('Webhook')).toBe(3 + gone);
    expect(timed('Mattermost')).toBe(3);
    // No label names a webhook or a document.
    const values = samplesOf(after, 'relais_delivery_attempts_total').flatMap((s) => Object.values(s.labels));
    expect(values.filter((v) => v.startsWith('metrics-') || v.startsWith('MT-'))).toEqual([]);

    // The outbox now: the 400 is Dead, the 503 waits an hour (Retrying), the 404's message is held
    // (Queued) behind its Broken webhook. Sent rows are not counted.
    const outbox = (status: string) => valueOf(after, 'relais_outbox_deliveries', { status });
    expect([outbox('Queued'), outbox('Retrying'), outbox('Dead'), outbox('Sending'), outbox('Failed'), outbox('Cancelled')]).toEqual([
      1, 1, 1, 0, 0, 0,
    ]);
    expect(outbox('Sent')).toBeUndefined();
    expect(valueOf(after, 'relais_incoming_webhook_urls', { status: 'Active' })).toBe(2);
    expect(valueOf(after, 'relais_incoming_webhook_urls', { status: 'Broken' })).toBe(1);
    // The held message is due: it has waited since its attempt, a few seconds at most.
    expect(valueOf(after, 'relais_outbox_oldest_due_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(after, 'relais_outbox_oldest_due_age_seconds')).toBeLessThan(60);

    // The Retrying row falls due five minutes ago: it is now the oldest due.
    const fiveMinutesAgo = nowDatetime(new Date(Date.now() - 300_000));
    await sql`update ${sql.table(tableName('Notification Delivery'))} set run_at = ${fiveMinutesAgo} where status = 'Retrying'`.execute(
      t.app.store.db,
    );
    const age = valueOf(await samples(), 'relais_outbox_oldest_due_age_seconds');
    expect(age).toBeGreaterThanOrEqual(300);
    expect(age).toBeLessThan(360);
  });
});
