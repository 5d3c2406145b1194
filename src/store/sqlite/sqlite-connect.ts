import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';

const require = createRequire(import.meta.url);

const STATEMENT_CACHE_SIZE = 500;
const DDL = /^\s*(create|alter|drop)\b/i;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs as much as running a small
 * insert. This keeps the last prepared statements by SQL text (queries on one connection never run
 * concurrently, so a statement is never in use twice). Schema changes empty the cache, so no
 * statement outlives the table shape it was compiled for.
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      if (DDL.test(sql)) {
        cache.clear();
        return database.prepare(sql) as unknown as SqliteStatement;
      }
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-insert: the map's order is least recently used first
      } else {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/** An open SQLite database: the Kysely instance, and what must stop before it closes. */
export interface SqliteConnection {
  db: Kysely<any>;
  beforeClose(): Promise<void>;
}

/** Opens (and creates) the SQLite file in WAL mode, tuned for one writer and many readers. */
export function connectSqlite(file: string): SqliteConnection {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): indexes of a few hundred thousand documents and
  // deliveries stay in memory. It is an upper bound, used only as pages are read.
  database.pragma('cache_size = -65536');
  let checkpointer: Checkpointer | undefined;
  if (file !== ':memory:') {
    database.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(file, require.resolve('better-sqlite3'), (reason) => {
      // Never let the WAL grow without bound: fall back to SQLite's own checkpoints.
      if (database.open) database.pragma('wal_autocheckpoint = 1000');
      process.emitWarning(`SQLite background checkpoints stopped (${reason}); checkpointing on commit instead`);
    });
  }
  return {
    db: new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }),
    beforeClose: async () => checkpointer?.stop(),
  };
}
