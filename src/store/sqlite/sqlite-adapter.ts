import { sql, type Kysely } from 'kysely';
import type { DialectAdapter } from '../dialect-adapter.ts';

export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  columnType(columnClass) {
    return { text: 'text', integer: 'integer', float: 'real' }[columnClass];
  },
  caseInsensitiveLike: 'like',
  supportsSkipLocked: false,
  supportsIndexedBy: true,
  isUniqueViolation(err) {
    const code = (err as { code?: string } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  },
  uniqueViolationColumn(err) {
    // "UNIQUE constraint failed: tabIssue.external_ref"
    const match = /UNIQUE constraint failed: [^.]+\.(\w+)/.exec(String((err as Error | null)?.message ?? ''));
    return match?.[1];
  },
  supportsRowLocks: false,
  async listColumns(db: Kysely<any>, table: string) {
    const result = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
    return result.rows.map((r) => r.name);
  },
  async withTryLock(_db, _key, fn) {
    return { acquired: true as const, value: await fn() }; // one process: nothing to exclude
  },
};
