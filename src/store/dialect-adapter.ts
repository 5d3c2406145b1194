import type { Kysely } from 'kysely';
import type { ColumnClass } from '../documents/meta.ts';

/**
 * What differs between the databases Relais runs on. Code outside `store/sqlite` and `store/postgres`
 * asks this adapter instead of testing which database it talks to.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** SQL column type for a field's column class. */
  columnType(columnClass: Exclude<ColumnClass, 'none'>): string;
  /** The operator for a case-insensitive LIKE (Frappe on MariaDB compares case-insensitively). */
  readonly caseInsensitiveLike: 'like' | 'ilike';
  /** Workers may claim rows with `FOR UPDATE SKIP LOCKED`. */
  readonly supportsSkipLocked: boolean;
  /**
   * SQLite's `INDEXED BY`, which makes a query use the named index: without statistics its planner
   * prefers a full index on a column of the WHERE clause to a small partial index that also gives the
   * ORDER BY (the outbox claim). PostgreSQL plans by its statistics and has no such clause: false.
   */
  readonly supportsIndexedBy: boolean;
  /** Whether a driver error is a unique/primary-key violation. */
  isUniqueViolation(err: unknown): boolean;
  /** The column a unique violation is about, when the driver says. */
  uniqueViolationColumn(err: unknown): string | undefined;
  /**
   * `SELECT … FOR UPDATE` locks rows until the transaction ends. Without it (SQLite) writes are
   * serialised anyway: the database has a single writer.
   */
  readonly supportsRowLocks: boolean;
  /** Names of the columns a table has, or an empty list when the table does not exist. */
  listColumns(db: Kysely<any>, table: string): Promise<string[]>;
  /**
   * Runs `fn` only if no other process holds the lock named `key`, holding it while `fn` runs:
   * PostgreSQL takes `pg_try_advisory_xact_lock` in a transaction kept open (on its own pooled
   * connection) until `fn` ends, so `fn` may open its own transactions; SQLite has a single process
   * and always acquires. Returns `{ acquired: false }` when another process holds the lock.
   */
  withTryLock<T>(db: Kysely<any>, key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
}
