import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Executor } from './store.ts';

const CACHE_SIZE = 2000;
const cachesByDialect = new WeakMap<object, Map<string, string>>();

/**
 * Runs a query whose SQL text depends only on `key` (table, columns, row count…), compiling it once
 * per dialect: building and compiling a Kysely query costs about as much as SQLite takes to run a
 * small one, and document reads and writes repeat a few shapes. `build` makes the query (its
 * parameters are ignored); `parameters` are bound in the order the compiled SQL expects.
 */
export async function executeCached<R = Record<string, unknown>>(
  db: Executor,
  key: string,
  build: () => Compilable,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const dialect = db.getExecutor().adapter;
  let cache = cachesByDialect.get(dialect);
  if (!cache) {
    cache = new Map();
    cachesByDialect.set(dialect, cache);
  }
  const text = cache.get(key);
  if (text !== undefined) return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  const compiled = build().compile();
  // Only a shape whose parameters come out exactly as the caller lists them is cached: a mistake in
  // a caller's order costs speed, never correctness.
  if (sameParameters(compiled.parameters, parameters)) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, compiled.sql);
  }
  return db.executeQuery<R>(compiled as CompiledQuery<R>);
}

function sameParameters(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
