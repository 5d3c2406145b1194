/**
 * The delivery worker under faults, against real processes and the fake Google Chat: a server killed
 * with SIGKILL in the middle of a burst, a service that fails 30% of its answers, and four worker
 * processes sharing one PostgreSQL outbox. What is checked is what Relais promises: every committed
 * event reaches the destination exactly once, failures are retried and logged, pacing holds.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import type { Store } from '../../src/store/store.ts';
import { testDatabases, type TestStoreHandle } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { googleChatUrl } from '../support/fixtures.ts';
import { freePort, killStrayRelais, startRelais, type RelaisProcess } from '../support/relais-process.ts';
import { ADMIN_AUTH, ADMIN_KEY, ADMIN_PASSWORD, ADMIN_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';
import { startWebhookSink, type SinkRequest, type WebhookSink } from '../support/webhook-sink.ts';

const DELIVERY = tableName('Notification Delivery');
const ATTEMPT = tableName('Notification Delivery Attempt');
const A = SYSTEM_ACTOR;

/** The settings of a Relais process on `handle`'s database. */
function relaisEnv(handle: TestStoreHandle, extra: Record<string, string> = {}): Record<string, string> {
  const where: Record<string, string> = handle.databaseUrl
    ? { RELAIS_DATABASE_URL: handle.databaseUrl }
    : { RELAIS_DATA_DIR: path.dirname(handle.sqliteFile!) };
  return {
    ...where,
    RELAIS_HOST: '127.0.0.1',
    RELAIS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RELAIS_API_KEY: ADMIN_KEY,
    RELAIS_API_SECRET: ADMIN_SECRET,
    RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1',
    RELAIS_TEMPLATE_TIME_LIMIT_MS: '2000',
    RELAIS_LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Deliveries by status, e.g. `{ Sent: 4998, Queued: 2 }`. */
async function statusCounts(store: Store): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number | string }>`
    select status, count(*) as n from ${sql.table(DELIVERY)} group by status`.execute(store.db);
  return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
}

/** Polls `done` every `everyMs` until it returns true; fails with `why()` after `timeoutMs`. */
async function waitUntil(done: () => Promise<boolean> | boolean, timeoutMs: number, why: () => Promise<string> | string, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms: ${await why()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};
const duplicates = (counts: Map<string, number>) => [...counts].filter(([, n]) => n > 1);
const messageIdOf = (r: SinkRequest) => new URL(r.url, 'http://fake').searchParams.get('messageId') ?? '';

// ---------------------------------------------------------------------------------------------------
// 1. kill -9 during a burst

const BURST_EVENTS = 5_000;
const CLIENTS = 8;
/** The server is killed once this many events were acknowledged (and messages are on their way). */
const KILL_AFTER_ACKS = 2_000;
const BURST_DOCTYPE = 'Burst Event';
const BURST_SPACE = 'BURST';
const refOf = (i: number) => `E${String(i).padStart(5, '0')}`;

interface ApiAnswer {
  status: number;
  body: string;
}

/** POSTs `payload` as JSON with the Administrator's token, over a real connection. */
async function post(agent: Agent, origin: string, route: string, payload: unknown): Promise<ApiAnswer> {
  const res = await request(`${origin}${route}`, {
    dispatcher: agent,
    method: 'POST',
    headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: res.statusCode, body: await res.body.text() };
}

async function postOk(agent: Agent, origin: string, route: string, payload: unknown): Promise<void> {
  const res = await post(agent, origin, route, payload);
  if (res.status !== 200) throw new Error(`POST ${route} answered ${res.status}: ${res.body.slice(0, 600)}`);
}

describe.each(await testDatabases())('relais serve killed with SIGKILL during a burst, on $name', (db) => {
  let handle: TestStoreHandle;
  let chat: FakeGoogleChat;
  beforeAll(async () => {
    handle = await db.create();
    chat = await startFakeGoogleChat();
  });
  afterAll(async () => {
    await killStrayRelais();
    await chat?.close();
    await handle?.dispose();
  });

  it(
    `delivers each of ${BURST_EVENTS} events that committed exactly once, across the crash and a restart`,
    { timeout: 180_000 },
    async (ctx) => {
      const started = Date.now();
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const env = relaisEnv(handle, { RELAIS_PORT: String(port) });
      let server: RelaisProcess = await startRelais('serve', { env });
      let agent = new Agent({ connections: CLIENTS, keepAliveTimeout: 10_000 });

      await postOk(agent, origin, '/api/resource/DocType', {
        name: BURST_DOCTYPE,
        autoname: 'field:ref',
        fields: [{ fieldname: 'ref', label: 'Ref', fieldtype: 'Data', reqd: 1, unique: 1 }],
      });
      await postOk(agent, origin, '/api/resource/Incoming Webhook URL', {
        webhook_name: 'burst',
        service: 'Google Chat',
        webhook_url: googleChatUrl(BURST_SPACE, chat.origin),
        rate_limit_per_minute: 60_000,
      });
      await postOk(agent, origin, '/api/resource/Notification', {
        name: 'burst alert',
        document_type: BURST_DOCTYPE,
        event: 'New',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'burst',
        subject: 'Event {{ doc.ref }}',
        message: 'Event {{ doc.ref }}',
      });
      // Answers take a moment, so that sends are in flight (posted, answer not yet back) when the kill comes.
      chat.delay(10);

      const acked = new Set<string>();
      const uncertain = new Set<string>();
      const refused: string[] = [];
      let next = 0;
      let serverDown: Promise<void> | null = null;
      const client = async () => {
        while (next < BURST_EVENTS) {
          const ref = refOf(next++);
          if (serverDown) await serverDown;
          try {
            const res = await post(agent, origin, `/api/resource/${encodeURIComponent(BURST_DOCTYPE)}`, { ref });
            if (res.status === 200) acked.add(ref);
            else refused.push(`${ref}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
          } catch {
            uncertain.add(ref); // in flight at the kill: committed or not, the database will tell
          }
        }
      };
      const burst = Promise.all(Array.from({ length: CLIENTS }, client));

      // The kill: enough events acknowledged, and messages posted to the fake whose answers are not back yet.
      const pendingSends = () => chat.requestsTo(BURST_SPACE).filter((r) => r.status === null).length;
      await waitUntil(
        () => acked.size >= KILL_AFTER_ACKS && pendingSends() > 0,
        90_000,
        () =>
          `no moment with ${KILL_AFTER_ACKS} acks and sends in flight (acks ${acked.size}, messages ${chat.messages.length}); ${server.describe()}`,
        5,
      );
      let restarted!: () => void;
      serverDown = new Promise((resolve) => (restarted = resolve));
      const atKill = { acked: acked.size, stored: chat.messages.length, sendsInFlight: pendingSends(), ms: Date.now() - started };
      const killed = await server.kill9();
      expect(killed.signal).toBe('SIGKILL');
      const storedBeforeRestart = new Set(chat.messages.map((m) => m.messageId));
      await agent.destroy();
      agent = new Agent({ connections: CLIENTS, keepAliveTimeout: 10_000 });
      server = await startRelais('serve', { env });
      restarted();
      await burst;
      const burstMs = Date.now() - started;

      // Every committed event (every document in the database) reaches Google Chat, once.
      const docs = await handle.store.db.selectFrom(tableName(BURST_DOCTYPE)).select('ref').execute();
      const committed = new Set(docs.map((d) => String(d.ref)));
      const inSpace = () => chat.messages.filter((m) => m.space === BURST_SPACE);
      await waitUntil(
        async () => {
          const counts = await statusCounts(handle.store);
          return inSpace().length >= committed.size && (counts.Sent ?? 0) + (counts.Dead ?? 0) === committed.size;
        },
        90_000,
        async () =>
          `${inSpace().length} messages for ${committed.size} committed events, outbox ${JSON.stringify(await statusCounts(handle.store))}; ${server.describe()}`,
      );
      const drainedMs = Date.now() - started;

      expect(refused, 'writes the API refused').toEqual([]);
      for (const ref of acked) expect(committed.has(ref), `acknowledged ${ref} is in the database`).toBe(true);
      for (const ref of committed) expect(acked.has(ref) || uncertain.has(ref), `${ref} was sent by a client`).toBe(true);
      expect(await statusCounts(handle.store)).toEqual({ Sent: committed.size });

      const refsOf = countBy(inSpace(), (m) => /^Event (E\d+)/.exec(m.body.text ?? '')?.[1] ?? `unreadable: ${m.body.text}`);
      expect(duplicates(refsOf), 'events posted twice').toEqual([]);
      expect(new Set(refsOf.keys())).toEqual(committed);
      expect(duplicates(countBy(inSpace(), (m) => m.messageId ?? 'none')), 'messageIds stored twice').toEqual([]);
      const outbox = await handle.store.db.selectFrom(DELIVERY).select(['reference_name', 'attempts']).execute();
      expect(outbox.map((r) => String(r.reference_name)).sort()).toEqual([...committed].sort());

      // The sends cut by the kill were sent again after the restart; Google's messageId kept them single.
      const requests = chat.requestsTo(BURST_SPACE);
      const resent = duplicates(countBy(requests, messageIdOf)).length;
      const conflicts = requests.filter((r) => r.status === 409).length;
      const reclaimed = outbox.filter((r) => Number(r.attempts) > 1).length;
      expect(reclaimed).toBeGreaterThanOrEqual(atKill.sendsInFlight);
      expect(conflicts).toBeGreaterThan(0);
      const conflicted = requests.filter((r) => r.status === 409).map(messageIdOf);
      expect(
        conflicted.filter((id) => !storedBeforeRestart.has(id)),
        '409s for messages not posted before the kill',
      ).toEqual([]);

      const stopped = await server.stop('SIGTERM');
      expect(stopped, server.describe()).toEqual({ code: 0, signal: null });
      await agent.destroy();
      await ctx.annotate(
        `${BURST_EVENTS} events by ${CLIENTS} clients; killed at ${atKill.ms} ms after ${atKill.acked} acks, ${atKill.stored} messages stored, ` +
          `${atKill.sendsInFlight} sends in flight; ${acked.size} acked, ${uncertain.size} cut by the kill, ${committed.size} committed; ` +
          `${requests.length} requests, ${resent} messageIds posted again, ${conflicts} answered 409, ${reclaimed} deliveries reclaimed; ` +
          `burst over at ${burstMs} ms, all delivered at ${drainedMs} ms`,
      );
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// 2. 30% of the answers fail

const FLAKY_EVENTS = 60;
const PACED_PER_MINUTE = 600;
const PACING_INTERVAL_MS = 60_000 / PACED_PER_MINUTE;
/**
 * How late a request may reach the fake after its pacing slot. The pacer spaces slots; a send leaves at
 * its slot or later (the first of a claimed batch waits for its neighbours' statements, a timer fires
 * late on a busy machine, the fake shares this process's event loop), and a late one makes the next,
 * on time, look early: the gap between two requests is not what the pacer can promise, the pace of
 * every stretch of them is.
 */
const PACING_LATENESS_MS = 75;

/**
 * Where `times` (ascending) go faster than one per `intervalMs`, beyond one request `lateMs` late:
 * every pair k < m must satisfy times[m] − times[k] ≥ (m − k)·interval − lateMs (slots an interval
 * apart, each request between its slot and `lateMs` after it, exist exactly then).
 */
function paceViolations(times: number[], intervalMs: number, lateMs: number): string[] {
  const found: string[] = [];
  for (let k = 0; k < times.length; k++) {
    for (let m = k + 1; m < times.length; m++) {
      const span = times[m] - times[k];
      if (span < (m - k) * intervalMs - lateMs) found.push(`requests ${k}..${m}: ${span.toFixed(1)} ms for ${m - k} intervals`);
    }
  }
  return found;
}

describe.each(await testDatabases())('a Google Chat space failing 30% of its answers, paced, on $name', (db) => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  beforeAll(async () => {
    chat = await startFakeGoogleChat();
    // Pacing on (the default). Ten messages a second need few sends in flight; a claim of 16 rows at once
    // would make its first send leave up to ~90 ms after its slot on this shared machine (see PACING_LATENESS_MS).
    t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_CONCURRENCY: '4' });
  });
  afterAll(async () => {
    await t?.close();
    await chat?.close();
  });

  it('retries every failure as told, sends each message once, logs each attempt and keeps the pace', { timeout: 120_000 }, async (ctx) => {
    const docs = t.app.documents;
    expect(t.app.config.deliveryPacing).toBe(true);
    await docs.insert('DocType', { name: 'Flaky Event', autoname: 'FE-.####', fields: [{ fieldname: 'ref', fieldtype: 'Data' }] }, A);
    await docs.insert(
      'Incoming Webhook URL',
      {
        webhook_name: 'flaky',
        service: 'Google Chat',
        webhook_url: googleChatUrl('FLAKY', chat.origin),
        rate_limit_per_minute: PACED_PER_MINUTE,
      },
      A,
    );
    await docs.insert(
      'Notification',
      {
        name: 'flaky alert',
        document_type: 'Flaky Event',
        event: 'New',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'flaky',
        subject: 'Event {{ doc.ref }}',
        message: 'Event {{ doc.ref }}',
      },
      A,
    );
    chat.failRate({ rate: 0.3, statuses: [429, 500, 503], retryAfterSeconds: 1, seed: 7 });
    // When each request leaves Relais (the fake shares this process, so on a busy machine its arrival
    // times bunch up behind a blocked event loop: the pace is asserted where Relais keeps it).
    const sentAt: number[] = [];
    const sentIds: string[] = [];
    const http = t.app.delivery.http;
    const send = http.send.bind(http);
    http.send = (request) => {
      if (request.url.includes('/spaces/FLAKY/')) {
        sentAt.push(performance.now());
        sentIds.push(/messageId=([^&]+)/.exec(request.url)?.[1] ?? '?');
      }
      return send(request);
    };
    const started = Date.now();
    for (let i = 0; i < FLAKY_EVENTS; i++) await docs.insert('Flaky Event', { ref: refOf(i) }, A);
    t.app.delivery.worker.start();
    try {
      await waitUntil(
        async () => (await statusCounts(t.app.store)).Sent === FLAKY_EVENTS,
        90_000,
        async () => `outbox ${JSON.stringify(await statusCounts(t.app.store))}`,
      );
    } finally {
      await t.app.delivery.worker.stop();
      chat.failRate(null);
    }
    const elapsedMs = Date.now() - started;

    const requests = chat.requestsTo('FLAKY');
    const failed = requests.filter((r) => r.status !== 200);
    const messages = chat.messages.filter((m) => m.space === 'FLAKY');
    expect(await statusCounts(t.app.store)).toEqual({ Sent: FLAKY_EVENTS });
    expect(messages).toHaveLength(FLAKY_EVENTS);
    expect(duplicates(countBy(messages, (m) => m.body.text ?? ''))).toEqual([]);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(FLAKY_EVENTS);
    expect(failed.length).toBeGreaterThan(FLAKY_EVENTS * 0.15);

    // One attempt row per request, the failures with the service's status.
    const attempts = await t.app.store.db.selectFrom(ATTEMPT).select(['outcome', 'http_status', 'error_code']).execute();
    const tally = (rows: Array<{ outcome: string; status: number | null }>) =>
      Object.fromEntries([...countBy(rows, (r) => `${r.outcome} ${r.status}`)].sort());
    expect(
      tally(attempts.map((a) => ({ outcome: String(a.outcome), status: a.http_status === null ? null : Number(a.http_status) }))),
    ).toEqual(tally(requests.map((r) => ({ outcome: r.status === 200 ? 'Sent' : 'Retry', status: r.status }))));
    for (const a of attempts.filter((row) => row.outcome === 'Retry')) expect(a.error_code).toBe(`HTTP_${a.http_status}`);

    // Retry-After: 1 obeyed: no message tried again sooner than a second after its failed answer.
    const retryWaits: number[] = [];
    const previousTry = new Map<string, SinkRequest>();
    for (const r of requests) {
      const previous = previousTry.get(messageIdOf(r));
      if (previous) retryWaits.push(r.receivedAt - (previous.answeredAt ?? Infinity));
      previousTry.set(messageIdOf(r), r);
    }
    expect(retryWaits).toHaveLength(failed.length);
    expect(Math.min(...retryWaits)).toBeGreaterThanOrEqual(1_000 - 5);

    // Pacing: consecutive requests leave at least an interval apart (less the lateness the pacer allows).
    expect(sentAt).toHaveLength(requests.length);
    const sendGaps = sentAt.slice(1).map((at, i) => at - sentAt[i]);
    // Less at most 5 ms, or one pacing statement's time on a loaded machine (see pacing.ts).
    const closest = sendGaps.indexOf(Math.min(...sendGaps));
    const around = sentAt
      .slice(Math.max(0, closest - 2), closest + 3)
      .map((at, i) => `${sentIds[Math.max(0, closest - 2) + i]} at ${at.toFixed(1)}`)
      .join(', ');
    expect(Math.min(...sendGaps), `sends around the closest pair: ${around}`).toBeGreaterThanOrEqual(PACING_INTERVAL_MS - 25);
    const bunched = paceViolations(
      requests.map((r) => r.receivedAt),
      PACING_INTERVAL_MS,
      PACING_LATENESS_MS,
    ).length;
    const gaps = requests.slice(1).map((r, i) => r.receivedAt - (requests[i].answeredAt ?? Infinity));
    const smallest = [...gaps].sort((a, b) => a - b).slice(0, 3);
    await ctx.annotate(
      `${FLAKY_EVENTS} events, ${requests.length} requests, ${failed.length} failed (${JSON.stringify(Object.fromEntries(countBy(failed, (r) => String(r.status))))}), ` +
        `retries ${Math.round(Math.min(...retryWaits))}–${Math.round(Math.max(...retryWaits))} ms after the failure, smallest answer-to-next-request gaps ${smallest.map((g) => g.toFixed(1)).join(', ')} ms, smallest gap between sends ${Math.min(...sendGaps).toFixed(1)} ms, arrival stretches faster than the pace (load) ${bunched}, all sent in ${elapsedMs} ms`,
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// 3. four worker processes on one PostgreSQL outbox

const SEEDED = 2_000;
const WORKERS = 4;
const WORKER_CONCURRENCY = 16;

// Several worker processes are a PostgreSQL deployment (SQLite takes one writer at a time): this runs
// on PostgreSQL only, and wherever PostgreSQL runs (CI included).
const postgresOnly = (await testDatabases()).filter((db) => db.name === 'postgres');
describe.each(postgresOnly)('four relais worker processes on $name', (db) => {
  let t: TestApp | undefined;
  let sink: WebhookSink | undefined;
  afterAll(async () => {
    await killStrayRelais();
    await t?.close();
    await sink?.close();
  });

  it('send every delivery exactly once, side by side, and stop gracefully on SIGTERM', { timeout: 180_000 }, async (ctx) => {
    sink = await startWebhookSink();
    t = await startTestApp(db, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_PACING: '0' });
    const docs = t.app.documents;
    await docs.insert('DocType', { name: 'Shared Event', autoname: 'SE-.#####', fields: [{ fieldname: 'ref', fieldtype: 'Data' }] }, A);
    await docs.insert('Incoming Webhook URL', { webhook_name: 'sink', service: 'Webhook', webhook_url: `${sink.origin}/hook` }, A);
    await docs.insert(
      'Notification',
      {
        name: 'shared alert',
        document_type: 'Shared Event',
        event: 'New',
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'sink',
        subject: 'Event {{ doc.ref }}',
        message: 'Event {{ doc.ref }}',
      },
      A,
    );
    // Seeded with the in-process worker off: 2,000 Queued deliveries.
    for (let i = 0; i < SEEDED; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => docs.insert('Shared Event', { ref: refOf(i + j) }, A)));
    }
    expect(await statusCounts(t.app.store)).toEqual({ Queued: SEEDED });

    // The answers wait until every worker holds a full claim, so that all four are seen sending; then
    // they take 20 ms each, so that the SIGTERM below finds sends in flight.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    sink.answerWith(async () => {
      await gate;
      return { status: 200, body: 'ok', delayMs: 20 };
    });
    const env = relaisEnv(t.handle, { RELAIS_DELIVERY_PACING: '0', RELAIS_DELIVERY_CONCURRENCY: String(WORKER_CONCURRENCY) });
    const started = Date.now();
    const workers = await Promise.all(Array.from({ length: WORKERS }, () => startRelais('worker', { env })));
    // Opened at the latest 7 s after the first request came: within the sender's 10 s response timeout
    // (a timed-out send would wait minutes for its retry).
    const full = WORKERS * WORKER_CONCURRENCY;
    await waitUntil(
      () => sink!.requests.length >= full || performance.now() - (sink!.requests[0]?.receivedAt ?? Infinity) > 7_000,
      30_000,
      () => `${sink!.requests.length} requests held`,
      20,
    );
    const heldAtOpen = sink.requests.length;
    const longestHoldMs = performance.now() - sink.requests[0].receivedAt;
    open();

    // SIGTERM half-way: each worker finishes the sends in flight, records them and gives back the rest.
    await waitUntil(
      () => sink!.requests.length >= SEEDED / 2,
      60_000,
      () => `${sink!.requests.length} requests`,
      20,
    );
    const exits = await Promise.all(workers.map((w) => w.stop('SIGTERM')));
    for (const [i, exit] of exits.entries()) expect(exit, workers[i].describe()).toEqual({ code: 0, signal: null });
    const afterStop = await statusCounts(t.app.store);
    expect(afterStop.Sending, 'rows left leased by a stopped worker').toBeUndefined();
    const answered = sink.requests.filter((r) => r.status === 200);
    expect(afterStop.Sent, 'every send answered before the stop is recorded').toBe(new Set(answered.map(deliveryIdOf)).size);
    expect(
      sink.requests.filter((r) => r.status === null),
      'sends abandoned by the stop',
    ).toEqual([]);

    // Two fresh workers finish the queue.
    const finishers = await Promise.all(Array.from({ length: 2 }, () => startRelais('worker', { env })));
    await waitUntil(
      async () => (await statusCounts(t!.app.store)).Sent === SEEDED,
      60_000,
      async () => `outbox ${JSON.stringify(await statusCounts(t!.app.store))}`,
    );
    for (const w of finishers) expect(await w.stop('SIGTERM'), w.describe()).toEqual({ code: 0, signal: null });
    const elapsedMs = Date.now() - started;

    const perDelivery = countBy(sink.requests, deliveryIdOf);
    expect(duplicates(perDelivery), 'deliveries sent twice').toEqual([]);
    const deliveries = await t.app.store.db.selectFrom(DELIVERY).select(['name', 'status', 'attempts']).execute();
    expect(new Set(perDelivery.keys())).toEqual(new Set(deliveries.map((d) => String(d.name))));
    expect(deliveries.every((d) => d.status === 'Sent' && Number(d.attempts) === 1)).toBe(true);

    const attempts = await t.app.store.db.selectFrom(ATTEMPT).select(['parent', 'worker', 'outcome']).execute();
    expect(attempts).toHaveLength(SEEDED);
    const byWorker = countBy(attempts, (a) => String(a.worker));
    const sendersOfFirstFour = workers.filter((w) => byWorker.has(w.workerId!)).length;
    expect(sendersOfFirstFour).toBeGreaterThan(1);
    if (heldAtOpen === full) expect(sendersOfFirstFour, 'each held a full claim at the gate').toBe(WORKERS);
    await ctx.annotate(
      `${SEEDED} deliveries, ${sink.requests.length} requests, ${heldAtOpen} held at the gate for up to ${Math.round(longestHoldMs)} ms; sent per worker: ` +
        `${[...byWorker.values()].join(', ')}; SIGTERM at ${afterStop.Sent} sent; all sent in ${elapsedMs} ms`,
    );
  });
});

/** The delivery a generic webhook request is for: its `idempotency-key` (the `webhook-id` too, when signed). */
function deliveryIdOf(r: SinkRequest): string {
  const header = r.headers['webhook-id'] ?? r.headers['idempotency-key'];
  return Array.isArray(header) ? header[0] : (header ?? `no id: ${r.body.slice(0, 80)}`);
}
