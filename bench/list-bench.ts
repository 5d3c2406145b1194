import { CompiledQuery, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { RelaisApp } from '../src/app.ts';
import { runListQuery, type ListParams } from '../src/documents/list-query/list-query.ts';
import { SYSTEM_ACTOR } from '../src/documents/permissions.ts';
import { DOCTYPE } from './bench-doctype.ts';
import { timeSequential, type Timing } from './stats.ts';

/** One list query of the benchmark. */
export interface ListCase {
  label: string;
  params: ListParams;
  /** What every returned row must satisfy (a correctness check, not a timing one). */
  check: (row: Record<string, unknown>) => boolean;
}

export interface ListResult {
  label: string;
  timing: Timing;
  rows: number;
  /** How many documents match the filter, for the report. */
  matching: number;
  /** The database's plan for the query (EXPLAIN QUERY PLAN / EXPLAIN). */
  plan: string[];
}

const FIELDS = ['name', 'subject', 'status', 'priority', 'amount', 'modified'];

/** The queries timed: a selective filter on two indexed fields, and a broad one in the default order. */
export const LIST_CASES: ListCase[] = [
  {
    label: "status='Open' and priority='High', modified desc",
    params: {
      fields: FIELDS,
      filters: [
        ['status', '=', 'Open'],
        ['priority', '=', 'High'],
      ],
      order_by: 'modified desc',
      limit_page_length: 20,
    },
    check: (r) => r.status === 'Open' && r.priority === 'High',
  },
  {
    label: "priority='Medium', default order",
    params: { fields: FIELDS, filters: { priority: 'Medium' }, limit_page_length: 20 },
    check: (r) => r.priority === 'Medium',
  },
];

/** Runs each case `warmup` times untimed, then `count` times timed through `app.documents.list`. */
export async function benchLists(app: RelaisApp, count: number, warmup: number): Promise<ListResult[]> {
  const results: ListResult[] = [];
  for (const c of LIST_CASES) {
    const first = (await app.documents.list(DOCTYPE, c.params, SYSTEM_ACTOR)) as Record<string, unknown>[];
    if (first.length !== 20 || !first.every(c.check)) {
      throw new Error(`list query "${c.label}" returned ${first.length} rows, or rows that do not match its filter`);
    }
    for (let i = 0; i < warmup; i++) await app.documents.list(DOCTYPE, c.params, SYSTEM_ACTOR);
    const timing = await timeSequential(count, () => app.documents.list(DOCTYPE, c.params, SYSTEM_ACTOR));
    const matching = await app.documents.count(DOCTYPE, c.params.filters, undefined, SYSTEM_ACTOR);
    results.push({ label: c.label, timing, rows: first.length, matching, plan: await explain(app, c.params) });
  }
  return results;
}

/** The plan the database chooses for the exact SQL the list query runs. */
async function explain(app: RelaisApp, params: ListParams): Promise<string[]> {
  let captured: RootOperationNode | undefined;
  const capture: KyselyPlugin = {
    transformQuery: (args) => (captured = args.node),
    transformResult: async (args) => args.result,
  };
  const db = app.store.db.withPlugin(capture);
  await runListQuery(db, app.store.adapter, await app.documents.metaOf(DOCTYPE), params);
  if (!captured) return [];
  const compiled = app.store.db.getExecutor().compileQuery(captured, { queryId: 'bench-explain' });
  const sqlite = app.store.adapter.name === 'sqlite';
  const prefix = sqlite ? 'explain query plan ' : 'explain (analyze, costs off, buffers off, timing off) ';
  const result = await app.store.db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]),
  );
  const lines = result.rows.map((r) => String(sqlite ? r.detail : r['QUERY PLAN']));
  return [compiled.sql, ...lines];
}
