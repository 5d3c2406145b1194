import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.ts';

export const postgresAdapter: DialectAdapter = {
  name: 'postgres',
  columnType(columnClass) {
    return { text: 'text', integer: 'integer', float: 'double precision' }[columnClass];
  },
  caseInsensitiveLike: 'ilike',
  supportsSkipLocked: true,
  supportsIndexedBy: false,
  isUniqueViolation(err) {
    return (err as { code?: string } | null)?.code === '23505';
  },
  uniqueViolationColumn(err) {
    // detail: "Key (external_ref)=(X) already exists."
    const match = /^Key \((\w+)\)=/.exec(String((err as { detail?: string } | null)?.detail ?? ''));
    return match?.[1];
  },
  supportsRowLocks: true,
  async listColumns(db: Kysely<any>, table: string) {
    const result = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    return result.rows.map((r) => r.column_name);
  },
  async withTryLock(db, key, fn) {
    return db.transaction().execute(async (trx) => {
      const result = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`.execute(trx);
      if (!result.rows[0]?.locked) return { acquired: false as const };
      return { acquired: true as const, value: await fn() };
    });
  },
};
