/**
 * Delivery throughput and latency against one loopback webhook sink (issue: "committed document events →
 * delivered webhooks per second, and the latency from document save to the sink").
 *
 * The sink (bench/loopback-sink.mjs) is a bare node:http server in a child process: the sender and the
 * receiver have an event loop each, but share this machine's cores. It answers 200 at once and records
 * when each request arrived, with the id the message carries (`bench-<n>` in the document title).
 *
 * Per database (SQLite; PostgreSQL when it answers), `rounds` rounds, each measuring side by side:
 *   - the ceiling: an undici Agent alone (keep-alive, as HttpSender's) POSTing `events` JSON bodies of the
 *     generic webhook's shape to the sink, as many in flight as the Relais worker (16 by default), and 64;
 *   - Relais: `events` documents saved with the worker stopped (one matching Notification each, so one
 *     committed outbox row each), then the clock starts, the worker starts, and the clock stops when the
 *     sink has received the last message: delivered/s, and its ratio to the same round's ceiling.
 * Then the latency: the worker running, documents saved at a steady `rate` per second for `seconds` s
 * (each save launched at its scheduled time, not after the previous one), and for each message the time
 * from the save's start (and from its commit, and from its scheduled time) to its arrival at the sink.
 * Pacing is off (RELAIS_DELIVERY_PACING=0), the webhook is a generic `Webhook` on http://127.0.0.1
 * (RELAIS_ALLOW_PRIVATE_WEBHOOKS=1). Targets of the issue (2 cores): ≥ 40% of the ceiling, p99 ≤ 50 ms.
 * A miss is printed, never fails the process.
 *
 * Alone: `npx tsx bench/delivery-bench.ts [events]` (RELAIS_BENCH_ONLY=sqlite|postgres to run one database).
 * Settings (environment): RELAIS_BENCH_DELIVERY_EVENTS (5000), RELAIS_BENCH_ROUNDS (3),
 * RELAIS_BENCH_DELIVERY_RATE (200 events/s), RELAIS_BENCH_DELIVERY_SECONDS (10), RELAIS_DELIVERY_CONCURRENCY.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { Agent, request } from 'undici';
import { createAppOnStore, type RelaisApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { tableName } from '../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../src/documents/permissions.ts';
import { BENCH_PG_URL, openPostgresBenchStore, openSqliteBenchStore, probePostgres, type BenchStore } from './bench-databases.ts';
import { fmtMs, fmtRate, percentile, table } from './stats.ts';

const DOCTYPE = 'Bench Delivery';
const WEBHOOK = 'bench-sink';
const NOTIFICATION = 'bench delivery';
const MESSAGE = 'Ticket {{ doc.name }} for {{ doc.customer }}: {{ doc.title }} ({{ doc.status }}), total {{ doc.total }}';
const CEILING_REQUESTS_PER_EVENT = 3;
const CEILING_WIDE = 64;
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 50;

export interface DeliveryBenchOptions {
  /** Events per throughput round (and requests per ceiling round). */
  events: number;
  rounds: number;
  /** Saves per second in the latency run, and for how long. */
  rate: number;
  seconds: number;
  /** `sqlite` or `postgres` to run one database only. */
  only?: string;
}

/** One timed stream of requests reaching the sink. */
interface Throughput {
  count: number;
  /** From the first request sent (or the worker's start) to the sink's last arrival. */
  ms: number;
  perSecond: number;
  /** CPU time of the sending process and of the sink over the run, ms. */
  benchCpuMs: number;
  sinkCpuMs: number;
  /** Mean request body, bytes. */
  bodyBytes: number;
}

interface RelaisRound {
  ceiling: Throughput;
  ceilingWide: Throughput;
  relais: Throughput;
  /** Committing the events beforehand (worker stopped): events/s. */
  commitPerSecond: number;
  /** From the worker's start until every result is written (stop() drained), ms. */
  recordedMs: number;
}

interface Latency {
  events: number;
  received: number;
  /** Saves per second actually launched. */
  saveRate: number;
  /** arrival − save start, arrival − commit, arrival − scheduled time (ms). */
  fromSave: number[];
  fromCommit: number[];
  fromSchedule: number[];
  /** save start − scheduled time (ms): how late the bench itself launched saves. */
  launchLag: number[];
  /** This process's event-loop delay over the run (ms): a blocked loop delays sends and saves alike. */
  loopDelayP99: number;
  loopDelayMax: number;
  /** This process's CPU time over the run ÷ its wall time. */
  cpuShare: number;
}

export interface DeliveryDatabaseResult {
  name: string;
  rounds: RelaisRound[];
  latency: Latency;
}

const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (xs: number[]) => percentile(xs, 50);
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

// ---------------------------------------------------------------------------------------------------
// The sink, in its own process.

interface SinkProgress {
  count: number;
  lastAt: number;
  bytes: number;
  cpu: NodeJS.CpuUsage;
}

class Sink {
  /** sink clock − this process's clock, ms (estimated from the fastest IPC round trip). */
  offset = 0;
  offsetUncertainty = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Sink> {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loopback-sink.mjs');
    // execArgv: [] — plain node, without this process's tsx loader.
    const child = fork(script, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the loopback sink exited (${code}) before listening`)));
      child.on('message', function ready(message: { type?: string; port?: number }) {
        if (message?.type !== 'ready') return;
        child.off('message', ready);
        resolve(message.port as number);
      });
    });
    child.removeAllListeners('exit');
    const sink = new Sink(child, port);
    await sink.calibrate();
    return sink;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends `type` and resolves with the sink's answer of the same type (undefined after `timeoutMs`). */
  private call<T>(type: string, extra: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T | undefined> {
    return new Promise((resolve) => {
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        done(message as T);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(value);
      };
      this.child.on('message', onMessage);
      this.child.send({ type, ...extra });
    });
  }

  /** Estimates the clock offset from the IPC round trip (the sink's time taken at the middle of the fastest). */
  private async calibrate(): Promise<void> {
    let best = Infinity;
    for (let i = 0; i < 30; i++) {
      const t0 = clock();
      const answer = await this.call<{ at: number }>('clock');
      const t1 = clock();
      if (answer && t1 - t0 < best) {
        best = t1 - t0;
        this.offset = answer.at - (t0 + t1) / 2;
        this.offsetUncertainty = best / 2;
      }
    }
  }

  /** A sink time in this process's clock. */
  local(at: number): number {
    return at - this.offset;
  }

  async reset(): Promise<void> {
    await this.call('reset');
  }

  async progress(): Promise<SinkProgress> {
    return (await this.call<SinkProgress>('progress'))!;
  }

  /** Resolves when `count` requests have arrived since the reset, or with the progress after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number): Promise<SinkProgress> {
    return (await this.call<SinkProgress>('waitFor', { count }, timeoutMs)) ?? (await this.progress());
  }

  async arrivals(): Promise<{ ids: number[]; times: number[] }> {
    return (await this.call<{ ids: number[]; times: number[] }>('arrivals', {}, 60_000))!;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' });
    await Promise.race([exited, sleep(2_000)]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---------------------------------------------------------------------------------------------------
// The ceiling: undici alone.

/** A body of the generic webhook's default shape (src/channels/webhook/webhook.ts), the id in the subject. */
function ceilingBody(id: number, siteUrl: string): string {
  const name = `${Date.now().toString(36)}${id.toString(36).padStart(6, '0')}`;
  return JSON.stringify({
    id: `${Date.now().toString(16)}${id.toString(16).padStart(10, '0')}`,
    type: 'bench-delivery.save',
    occurredAt: new Date().toISOString(),
    subject: `bench-${id}`,
    text: `Ticket ${name} for Customer ${id % 50}: bench-${id} (Open), total ${100 + (id % 900)}`,
    document: { doctype: DOCTYPE, name, url: `${siteUrl}/app/bench-delivery/${name}` },
    notification: NOTIFICATION,
  });
}

/** POSTs `count` bodies to the sink, `concurrency` in flight, on a keep-alive Agent like HttpSender's. */
async function ceilingRound(
  agent: Agent,
  sink: Sink,
  url: string,
  siteUrl: string,
  count: number,
  concurrency: number,
  firstId: number,
): Promise<Throughput> {
  await sink.reset();
  const sink0 = await sink.progress();
  const cpu0 = process.cpuUsage();
  let next = 0;
  let failures = 0;
  const t0 = clock();
  const lane = async () => {
    while (next < count) {
      const id = firstId + next++;
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Relais', 'idempotency-key': `bench-key-${id}` },
        body: ceilingBody(id, siteUrl),
        dispatcher: agent,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      await response.body.text();
      if (response.statusCode !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const benchCpu = process.cpuUsage(cpu0);
  const end = await sink.waitFor(count, 10_000);
  if (failures > 0 || end.count < count) console.log(`    ceiling: ${failures} non-200 answers, ${end.count}/${count} arrived`);
  const ms = sink.local(end.lastAt) - t0;
  return {
    count: end.count,
    ms,
    perSecond: (end.count * 1000) / ms,
    benchCpuMs: cpuMs(benchCpu),
    sinkCpuMs: cpuMs(end.cpu) - cpuMs(sink0.cpu),
    bodyBytes: end.bytes / Math.max(1, end.count),
  };
}

// ---------------------------------------------------------------------------------------------------
// Relais.

async function setUpRelais(bench: BenchStore, sink: Sink): Promise<RelaisApp> {
  const env: Record<string, string> = {
    RELAIS_DATA_DIR: os.tmpdir(),
    RELAIS_ADMIN_PASSWORD: 'bench-admin-password',
    RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1',
    RELAIS_DELIVERY_PACING: '0',
  };
  if (process.env.RELAIS_DELIVERY_CONCURRENCY) env.RELAIS_DELIVERY_CONCURRENCY = process.env.RELAIS_DELIVERY_CONCURRENCY;
  const app = await createAppOnStore(loadConfig(env), bench.store);
  await app.documents.insert(
    'DocType',
    {
      name: DOCTYPE,
      autoname: 'hash',
      fields: [
        { fieldname: 'title', fieldtype: 'Data' },
        { fieldname: 'customer', fieldtype: 'Data' },
        { fieldname: 'status', fieldtype: 'Select', options: 'Open\nClosed', default: 'Open' },
        { fieldname: 'total', fieldtype: 'Currency' },
      ],
    },
    SYSTEM_ACTOR,
  );
  await app.documents.insert(
    'Incoming Webhook URL',
    { webhook_name: WEBHOOK, service: 'Webhook', webhook_url: `${sink.origin}/hooks/relais-bench` },
    SYSTEM_ACTOR,
  );
  await app.documents.insert(
    'Notification',
    {
      name: NOTIFICATION,
      document_type: DOCTYPE,
      event: 'Save',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: WEBHOOK,
      subject: '{{ doc.title }}',
      message: MESSAGE,
    },
    SYSTEM_ACTOR,
  );
  return app;
}

/** One event: a document saved; its one matching rule queues one delivery carrying `bench-<id>`. */
function saveEvent(app: RelaisApp, id: number): Promise<unknown> {
  return app.documents.insert(
    DOCTYPE,
    { title: `bench-${id}`, customer: `Customer ${id % 50}`, status: 'Open', total: 100 + (id % 900) },
    SYSTEM_ACTOR,
  );
}

async function countByStatus(app: RelaisApp): Promise<Record<string, number>> {
  const rows = await app.store.db
    .selectFrom(tableName('Notification Delivery'))
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
}

/** Commits `count` events with the worker stopped, then times the worker until the sink has them all. */
async function relaisRound(
  app: RelaisApp,
  sink: Sink,
  count: number,
  firstId: number,
): Promise<{ relais: Throughput; commitPerSecond: number; recordedMs: number }> {
  const c0 = clock();
  for (let i = 0; i < count; i++) await saveEvent(app, firstId + i);
  const commitPerSecond = (count * 1000) / (clock() - c0);
  const sentBefore = (await countByStatus(app)).Sent ?? 0;
  await sink.reset();
  const sink0 = await sink.progress();
  const cpu0 = process.cpuUsage();
  const t0 = clock();
  app.delivery.worker.start();
  const end = await sink.waitFor(count, Math.max(120_000, count * 20));
  const benchCpu = process.cpuUsage(cpu0);
  await app.delivery.worker.stop();
  const recordedMs = clock() - t0;
  const statuses = await countByStatus(app);
  const sent = (statuses.Sent ?? 0) - sentBefore;
  if (end.count < count || sent !== count) {
    console.log(`    Relais: ${end.count}/${count} arrived, ${sent} recorded Sent (${JSON.stringify(statuses)})`);
  }
  const ms = sink.local(end.lastAt) - t0;
  return {
    relais: {
      count: end.count,
      ms,
      perSecond: (end.count * 1000) / ms,
      benchCpuMs: cpuMs(benchCpu),
      sinkCpuMs: cpuMs(end.cpu) - cpuMs(sink0.cpu),
      bodyBytes: end.bytes / Math.max(1, end.count),
    },
    commitPerSecond,
    recordedMs,
  };
}

/** Saves at a steady `rate` for `seconds` with the worker running; times each message to the sink. */
async function latencyRun(app: RelaisApp, sink: Sink, rate: number, seconds: number, firstId: number): Promise<Latency> {
  const events = Math.max(1, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const scheduled = new Float64Array(events);
  const started = new Float64Array(events);
  const committed = new Float64Array(events);
  await sink.reset();
  app.delivery.worker.start();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const w0 = clock();
  const saves: Promise<unknown>[] = [];
  const t0 = clock() + 50;
  for (let i = 0; i < events; i++) {
    scheduled[i] = t0 + i * gap;
    // Timers fire on whole milliseconds, possibly early: sleep until the scheduled moment has passed.
    for (let wait = scheduled[i] - clock(); wait > 0; wait = scheduled[i] - clock()) await sleep(Math.ceil(wait));
    started[i] = clock();
    saves.push(saveEvent(app, firstId + i).then(() => (committed[i] = clock())));
  }
  await Promise.all(saves);
  const saveRate = ((events - 1) * 1000) / (started[events - 1] - started[0] || 1);
  await sink.waitFor(events, 60_000);
  loop.disable();
  const cpuShare = cpuMs(process.cpuUsage(cpu0)) / (clock() - w0);
  const { ids, times } = await sink.arrivals();
  await app.delivery.worker.stop();
  const arrival = new Float64Array(events).fill(NaN);
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k] - firstId;
    if (i >= 0 && i < events && Number.isNaN(arrival[i])) arrival[i] = sink.local(times[k]);
  }
  const result: Latency = {
    events,
    received: 0,
    saveRate,
    fromSave: [],
    fromCommit: [],
    fromSchedule: [],
    launchLag: [],
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
    cpuShare,
  };
  for (let i = 0; i < events; i++) {
    result.launchLag.push(started[i] - scheduled[i]);
    if (Number.isNaN(arrival[i])) continue;
    result.received++;
    result.fromSave.push(arrival[i] - started[i]);
    result.fromCommit.push(arrival[i] - committed[i]);
    result.fromSchedule.push(arrival[i] - scheduled[i]);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Per database, and the report.

const fmtPct = (x: number) => `${(x * 100).toFixed(0)}%`;
/** The 1-minute load average: other work on the same cores moves every number here. */
const loadAverage = () => os.loadavg()[0].toFixed(1);
const cpuPer1k = (t: Throughput) => `${((t.benchCpuMs * 1000) / t.count).toFixed(0)} + ${((t.sinkCpuMs * 1000) / t.count).toFixed(0)} ms`;
const spread = (xs: number[]) => `p50 ${fmtMs(percentile(xs, 50))}  p99 ${fmtMs(percentile(xs, 99))}  max ${fmtMs(Math.max(...xs))} ms`;

async function benchDatabase(
  bench: BenchStore,
  sink: Sink,
  options: DeliveryBenchOptions,
  ids: { next: number },
): Promise<DeliveryDatabaseResult> {
  const app = await setUpRelais(bench, sink);
  try {
    const concurrency = app.delivery.worker.options.concurrency;
    const url = `${sink.origin}/hooks/ceiling`;
    const agent = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });
    const wide = new Agent({ keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });
    const warm = Math.min(500, options.events);
    const warmCeiling = Math.min(2000, options.events);
    console.log(
      `\n== Delivery on ${bench.name} (${bench.where}): ${options.events} events per round, ${options.rounds} rounds, worker concurrency ${concurrency}, pacing off`,
    );
    // Warm-up, untimed: connections open, code compiled, the outbox path taken once.
    await ceilingRound(agent, sink, url, app.config.siteUrl, warmCeiling, concurrency, (ids.next += warmCeiling) - warmCeiling);
    await ceilingRound(wide, sink, url, app.config.siteUrl, warmCeiling, CEILING_WIDE, (ids.next += warmCeiling) - warmCeiling);
    await relaisRound(app, sink, warm, (ids.next += warm) - warm);

    const rounds: RelaisRound[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const n = options.events;
      // The bare client is 3–5 times faster: three times the requests keep its round about as long
      // as Relais's, so that one busy moment of the shared machine does not decide the ratio.
      const c = n * CEILING_REQUESTS_PER_EVENT;
      const ceiling = await ceilingRound(agent, sink, url, app.config.siteUrl, c, concurrency, (ids.next += c) - c);
      const ceilingWide = await ceilingRound(wide, sink, url, app.config.siteUrl, c, CEILING_WIDE, (ids.next += c) - c);
      const relais = await relaisRound(app, sink, n, (ids.next += n) - n);
      rounds.push({ ceiling, ceilingWide, ...relais });
      console.log(
        `  round ${r + 1}: ceiling ${fmtRate(ceiling.perSecond)} req/s (${CEILING_WIDE} in flight: ${fmtRate(ceilingWide.perSecond)}) · ` +
          `Relais ${fmtRate(relais.relais.perSecond)} delivered/s (all recorded after ${(relais.recordedMs / 1000).toFixed(2)} s; events committed beforehand at ${fmtRate(relais.commitPerSecond)}/s) · ` +
          `ratio ${fmtPct(relais.relais.perSecond / ceiling.perSecond)} · load ${loadAverage()}`,
      );
      console.log(
        `           CPU per 1,000 requests (bench process + sink): ceiling ${cpuPer1k(ceiling)}, Relais ${cpuPer1k(relais.relais)}; ` +
          `body ${Math.round(ceiling.bodyBytes)} B (ceiling) vs ${Math.round(relais.relais.bodyBytes)} B (Relais)`,
      );
    }
    await agent.close();
    await wide.close();

    const n = Math.max(1, Math.round(options.rate * options.seconds));
    const latency = await latencyRun(app, sink, options.rate, options.seconds, (ids.next += n) - n);
    console.log(
      `  latency at ${options.rate} events/s for ${options.seconds} s (saves launched at ${fmtRate(latency.saveRate)}/s, ${latency.received}/${latency.events} received; ` +
        `this process: ${fmtPct(latency.cpuShare)} of a core, event-loop delay p99 ${fmtMs(latency.loopDelayP99)} max ${fmtMs(latency.loopDelayMax)} ms; load ${loadAverage()}):`,
    );
    if (latency.received > 0) {
      console.log(`    save start → sink   ${spread(latency.fromSave)}`);
      console.log(`    commit → sink       ${spread(latency.fromCommit)}`);
      console.log(
        `    scheduled → sink    ${spread(latency.fromSchedule)}   (includes the bench's own launch lag: ${spread(latency.launchLag)})`,
      );
    }
    return { name: bench.name, rounds, latency };
  } finally {
    await app.delivery.close();
    await app.templates.close();
  }
}

function finalTable(results: DeliveryDatabaseResult[], options: DeliveryBenchOptions): string {
  const rows: string[][] = [];
  for (const r of results) {
    const ceilings = r.rounds.map((x) => x.ceiling.perSecond);
    const relais = r.rounds.map((x) => x.relais.perSecond);
    const ratios = r.rounds.map((x) => x.relais.perSecond / x.ceiling.perSecond);
    const ratio = median(ratios);
    rows.push([r.name, 'ceiling: undici alone, same concurrency', `${fmtRate(median(ceilings))} req/s`, '', '']);
    rows.push([
      r.name,
      `ceiling: undici alone, ${CEILING_WIDE} in flight`,
      `${fmtRate(median(r.rounds.map((x) => x.ceilingWide.perSecond)))} req/s`,
      '',
      '',
    ]);
    rows.push([r.name, 'Relais: committed events → delivered', `${fmtRate(median(relais))} /s`, '', '']);
    rows.push([
      r.name,
      'Relais ÷ ceiling (median of rounds)',
      `${fmtPct(ratio)} (${ratios.map(fmtPct).join(', ')})`,
      `≥ ${fmtPct(TARGET_RATIO)}`,
      ratio >= TARGET_RATIO ? 'PASS' : 'MISS',
    ]);
    const l = r.latency;
    const complete = l.received === l.events;
    const p99 = percentile(l.fromSave, 99);
    rows.push([
      r.name,
      `save → sink at ${options.rate}/s: p50 / p99 / max`,
      l.received > 0 ? `${fmtMs(percentile(l.fromSave, 50))} / ${fmtMs(p99)} / ${fmtMs(Math.max(...l.fromSave))} ms` : '—',
      `p99 ≤ ${TARGET_P99_MS} ms`,
      complete && p99 <= TARGET_P99_MS ? 'PASS' : complete ? 'MISS' : `MISS (${l.events - l.received} lost)`,
    ]);
  }
  return table(['database', 'delivery measure', 'result', 'target', 'check'], rows);
}

/** Runs the delivery bench on SQLite and (when it answers) PostgreSQL; prints as it goes and a table at the end. */
export async function benchDelivery(options: DeliveryBenchOptions): Promise<DeliveryDatabaseResult[]> {
  const sink = await Sink.start();
  const results: DeliveryDatabaseResult[] = [];
  try {
    console.log(
      `\nDelivery: a loopback sink in a child process (node:http, answers 200 at once) at ${sink.origin}; ` +
        `it and this process (sender, database client, Relais) run on the same ${os.cpus().length} cores. ` +
        `Clock offset sink − bench ${sink.offset.toFixed(3)} ms ± ${sink.offsetUncertainty.toFixed(3)} ms (corrected).`,
    );
    const ids = { next: 1 };
    const runOn = async (open: () => Promise<BenchStore>) => {
      const bench = await open();
      try {
        results.push(await benchDatabase(bench, sink, options, ids));
      } finally {
        await bench.dispose();
      }
    };
    if (options.only !== 'postgres') await runOn(openSqliteBenchStore);
    if (options.only !== 'sqlite') {
      const why = await probePostgres();
      if (why) console.log(`\n== Delivery on PostgreSQL skipped: ${BENCH_PG_URL.replace(/\/\/[^@/]*@/, '//…@')} is unreachable (${why}).`);
      else await runOn(openPostgresBenchStore);
    }
  } finally {
    await sink.close();
  }
  console.log(
    `\nDelivery targets (issue: on 2 cores, ≥ ${fmtPct(TARGET_RATIO)} of the ceiling, p99 ≤ ${TARGET_P99_MS} ms from save to sink):`,
  );
  console.log(finalTable(results, options));
  return results;
}

function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}=${raw} is not a number ≥ ${min}`);
  return n;
}

/** The options from the environment (RELAIS_BENCH_DELIVERY_*, RELAIS_BENCH_ROUNDS, RELAIS_BENCH_ONLY). */
export function deliveryOptionsFromEnv(events?: number): DeliveryBenchOptions {
  return {
    events: Math.round(events ?? setting('RELAIS_BENCH_DELIVERY_EVENTS', 5000, 1)),
    rounds: Math.max(1, Math.round(setting('RELAIS_BENCH_ROUNDS', 3, 0))),
    rate: setting('RELAIS_BENCH_DELIVERY_RATE', 200, 1),
    seconds: setting('RELAIS_BENCH_DELIVERY_SECONDS', 10, 0.1),
    only: process.env.RELAIS_BENCH_ONLY?.toLowerCase(),
  };
}

const runAlone =
  process.argv[1] !== undefined &&
  fs.existsSync(process.argv[1]) &&
  import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (runAlone) {
  const arg = process.argv[2];
  const events = arg === undefined ? undefined : Number(arg);
  if (events !== undefined && !(Number.isInteger(events) && events > 0)) throw new Error(`events: ${arg} is not a positive whole number`);
  console.log(`Relais delivery benchmark — Node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? 'unknown'})`);
  await benchDelivery(deliveryOptionsFromEnv(events));
}
