import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

// Return numeric and bigint columns as JS numbers: counts and sums stay numbers, as on SQLite.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Connects a pool to the PostgreSQL server named by `url`. */
export function connectPostgres(url: string, poolSize = 10): Kysely<any> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
}
