/**
 * `npm run bench`: document writes and list queries through the DocumentService, on SQLite and on
 * PostgreSQL, with the targets of issue 2 beside the numbers. Wall time from performance.now().
 *
 * Settings (environment):
 *   RELAIS_BENCH_DATABASE_URL   PostgreSQL server (default postgres://postgres:postgres@127.0.0.1:5432/postgres);
 *                               a database relais_bench_<random> is created on it and dropped at the end
 *   RELAIS_BENCH_SQLITE_DOCS    timed inserts (then updates) on SQLite (default 3000)
 *   RELAIS_BENCH_PG_DOCS        timed inserts (then updates) on PostgreSQL (default 1000)
 *   RELAIS_BENCH_WARMUP         untimed inserts and updates first (default 200)
 *   RELAIS_BENCH_ROUNDS         timed rounds of each write and notification measure; the median round is reported (default 3)
 *   RELAIS_BENCH_LIST_DOCS      documents in the table for the list queries (default 100000)
 *   RELAIS_BENCH_LIST_QUERIES   timed runs of each list query (default 500)
 *   RELAIS_BENCH_NOTIFY_EVENTS  timed events per notification-engine run (default 2000 on SQLite, 1000 on PostgreSQL)
 *   RELAIS_BENCH_ONLY           sqlite or postgres to run one database only
 *   RELAIS_BENCH_DELIVERY_EVENTS    events per delivery round (default 5000); RELAIS_BENCH_DELIVERY_RATE and
 *                                   RELAIS_BENCH_DELIVERY_SECONDS: the latency run (default 200 events/s for 10 s)
 *
 * `npx tsx bench/notify-only.ts [events]` runs the notification-engine part alone, on SQLite;
 * `npx tsx bench/delivery-bench.ts [events]` the delivery part (ceiling, delivered/s, latency to a loopback sink).
 */
import os from 'node:os';
import { sql } from 'kysely';
import { createAppOnStore } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { tableName } from '../src/documents/meta.ts';
import { openPostgresBenchStore, openSqliteBenchStore, probePostgres, BENCH_PG_URL, type BenchStore } from './bench-databases.ts';
import { DOCTYPE, defineBenchDoctypes } from './bench-doctype.ts';
import { fillTo } from './bulk-fill.ts';
import { benchDelivery, deliveryOptionsFromEnv } from './delivery-bench.ts';
import { benchLists, type ListResult } from './list-bench.ts';
import { benchNotifications, type NotificationBenchResult } from './notifications-bench.ts';
import { formatCensus } from './query-census.ts';
import { fmtMs, fmtRate, percentile, perSecond, summary, table } from './stats.ts';
import { benchWrites, type WriteResult } from './write-bench.ts';

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}=${raw} is not a whole number`);
  return n;
}

const settings = {
  sqliteDocs: setting('RELAIS_BENCH_SQLITE_DOCS', 3000),
  pgDocs: setting('RELAIS_BENCH_PG_DOCS', 1000),
  warmup: setting('RELAIS_BENCH_WARMUP', 200),
  rounds: Math.max(1, setting('RELAIS_BENCH_ROUNDS', 3)),
  listDocs: setting('RELAIS_BENCH_LIST_DOCS', 100_000),
  listQueries: setting('RELAIS_BENCH_LIST_QUERIES', 500),
  notifyEvents: process.env.RELAIS_BENCH_NOTIFY_EVENTS ? setting('RELAIS_BENCH_NOTIFY_EVENTS', 2000) : undefined,
  only: process.env.RELAIS_BENCH_ONLY?.toLowerCase(),
};

const INSERT_TARGET_SQLITE = 3000;
const LIST_TARGET_MS = 20;
const NOTIFY_TARGET_SQLITE = 2000;

interface DatabaseResult {
  name: string;
  writes: WriteResult;
  lists: ListResult[];
  notifications: NotificationBenchResult;
}

async function benchDatabase(bench: BenchStore, docs: number): Promise<DatabaseResult> {
  console.log(`\n== ${bench.name} (${bench.where})`);
  const app = await createAppOnStore(
    loadConfig({ RELAIS_DATA_DIR: os.tmpdir(), RELAIS_ADMIN_PASSWORD: 'bench-admin-password' }),
    bench.store,
  );
  await defineBenchDoctypes(app);
  console.log(
    `Writes: ${settings.warmup} untimed inserts + updates, then ${docs} of each, one writer, 10 fields + 5 child rows per document`,
  );
  const writes = await benchWrites(app, docs, settings.warmup, settings.rounds);
  console.log(summary('insert (DocumentService.insert)', 'docs', writes.inserts));
  console.log(summary('update (3 fields, partial)', 'docs', writes.updates));
  console.log(`    per insert: ${formatCensus(writes.insertCensus)}`);
  console.log(`    per update: ${formatCensus(writes.updateCensus)}`);

  const t0 = performance.now();
  const added = await fillTo(app, settings.listDocs);
  // PostgreSQL's autovacuum would analyze the freshly loaded table within a minute, in the middle of
  // the timed queries: do it now so they see the steady state. (SQLite keeps no statistics unless asked.)
  if (app.store.adapter.name === 'postgres') await sql`vacuum analyze ${sql.table(tableName(DOCTYPE))}`.execute(app.store.db);
  console.log(
    `Lists: table filled to ${settings.listDocs.toLocaleString('en-US')} documents (${added.toLocaleString('en-US')} bulk-inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s), ${settings.listQueries} timed runs per query`,
  );
  const lists = await benchLists(app, settings.listQueries, Math.min(50, settings.listQueries));
  for (const l of lists) {
    console.log(summary(`${l.label}`, 'queries', l.timing).replace(/\s+\(/, `  (${l.matching.toLocaleString('en-US')} match; `));
    for (const line of l.plan) console.log(`      ${line}`);
  }
  const notifyEvents = settings.notifyEvents ?? (bench.name === 'SQLite' ? 2000 : 1000);
  const notifications = await benchNotifications(app, notifyEvents, Math.min(200, notifyEvents), settings.rounds);
  return { name: bench.name, writes, lists, notifications };
}

async function runOn(open: () => Promise<BenchStore>, docs: number): Promise<DatabaseResult> {
  const bench = await open();
  try {
    return await benchDatabase(bench, docs);
  } finally {
    await bench.dispose();
  }
}

function finalTable(results: DatabaseResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    const w = [
      ['inserts/s', r.writes.inserts],
      ['updates/s', r.writes.updates],
    ] as const;
    for (const [label, t] of w) {
      const target = label === 'inserts/s' && r.name === 'SQLite' ? INSERT_TARGET_SQLITE : undefined;
      rows.push([
        r.name,
        label,
        fmtRate(perSecond(t)),
        fmtMs(percentile(t.samples, 50)),
        fmtMs(percentile(t.samples, 99)),
        target ? `≥ ${fmtRate(target)}/s` : '—',
        target ? (perSecond(t) >= target ? 'yes' : 'NO') : '',
      ]);
    }
    for (const l of r.lists) {
      const p50 = percentile(l.timing.samples, 50);
      const p99 = percentile(l.timing.samples, 99);
      rows.push([
        r.name,
        `list: ${l.label}`,
        `${fmtRate(perSecond(l.timing))} q/s`,
        fmtMs(p50),
        fmtMs(p99),
        `< ${LIST_TARGET_MS} ms`,
        p99 < LIST_TARGET_MS ? 'yes (p99)' : p50 < LIST_TARGET_MS ? 'p50 only' : 'NO',
      ]);
    }
    const n = r.notifications;
    const notify = [
      ['events/s, no rules (bare write)', n.bare],
      ['events/s, 1,000 rules (10 match)', n.rules1k],
      ['events/s, +10,000 other rules', n.rules11k],
      ['events/s, messages in the worker', n.workerMessages],
    ] as const;
    for (const [label, t] of notify) {
      const target = r.name === 'SQLite' && (t === n.rules1k || t === n.rules11k) ? NOTIFY_TARGET_SQLITE : undefined;
      rows.push([
        r.name,
        `notify: ${label}`,
        fmtRate(perSecond(t)),
        fmtMs(percentile(t.samples, 50)),
        fmtMs(percentile(t.samples, 99)),
        target ? `≥ ${fmtRate(target)}/s (issue 3)` : '—',
        target ? (perSecond(t) >= target ? 'yes' : 'NO') : '',
      ]);
    }
  }
  return table(['database', 'measure', 'result', 'p50 ms', 'p99 ms', 'target (issue 2/3)', 'met'], rows);
}

async function main(): Promise<void> {
  console.log(`Relais benchmark — Node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? 'unknown'})`);
  const results: DatabaseResult[] = [];
  if (settings.only !== 'postgres') results.push(await runOn(openSqliteBenchStore, settings.sqliteDocs));
  if (settings.only !== 'sqlite') {
    const why = await probePostgres();
    if (why)
      console.log(
        `\n== PostgreSQL skipped: ${BENCH_PG_URL.replace(/\/\/[^@/]*@/, '//…@')} is unreachable (${why}). Set RELAIS_BENCH_DATABASE_URL to bench it.`,
      );
    else results.push(await runOn(openPostgresBenchStore, settings.pgDocs));
  }
  console.log(`\n${finalTable(results)}`);
  await benchDelivery(deliveryOptionsFromEnv());
}

await main();
