import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

// Return numeric and bigint columns as JS numbers: counts and sums stay numbers, as on SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Connects a pool to the PostgreSQL server named by `url`. */
export function connectPostgres(url: string, poolSize = 10): Kysely<any> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle pooled connection can die (server restart, database dropped): pg then emits 'error' on the
  // pool, which would crash the process without a listener. The pool replaces the connection by itself.
  pool.on('error', (err) => console.warn(`PostgreSQL: an idle connection was lost (${err.message}); it will be replaced`));
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
}
