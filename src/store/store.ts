import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { DialectAdapter } from './dialect-adapter.ts';
import { migrateSystemTables } from './migrations.ts';
import { postgresAdapter } from './postgres/postgres-adapter.ts';
import { connectPostgres } from './postgres/postgres-connect.ts';
import { sqliteAdapter } from './sqlite/sqlite-adapter.ts';
import { connectSqlite } from './sqlite/sqlite-connect.ts';

/** A query runner: the database itself or an open transaction on it. */
export type Executor = Kysely<any> | Transaction<any>;

/** Where the data lives: an SQLite file path or a `postgres://` URL. */
export interface StoreOptions {
  databaseUrl?: string;
  sqliteFile?: string;
}

/** The database Relais runs on, with the adapter that tells its dialect apart. */
export class Store {
  constructor(
    readonly db: Kysely<any>,
    readonly adapter: DialectAdapter,
    private readonly beforeClose: () => Promise<void> = async () => {},
  ) {}

  private readonly rollbackCallbacks = new WeakMap<Transaction<any>, Array<() => void>>();
  private readonly commitCallbacks = new WeakMap<Transaction<any>, Array<() => void>>();

  /** Runs `fn` in `executor`'s transaction when it is one, or in a new transaction otherwise. */
  async transaction<T>(executor: Executor | undefined, fn: (trx: Transaction<any>) => Promise<T>): Promise<T> {
    if (executor && executor.isTransaction) return fn(executor as Transaction<any>);
    let opened: Transaction<any> | undefined;
    let result: T;
    try {
      result = await this.db.transaction().execute((trx) => {
        opened = trx;
        return fn(trx);
      });
    } catch (err) {
      const callbacks = opened ? this.rollbackCallbacks.get(opened) : undefined;
      for (const callback of callbacks ?? []) callback();
      throw err;
    }
    for (const callback of (opened && this.commitCallbacks.get(opened)) || []) callback();
    return result;
  }

  /**
   * Registers `callback` to run if `trx` rolls back: in-memory state changed during a transaction
   * (cached metadata) is undone with it.
   */
  onRollback(trx: Transaction<any>, callback: () => void): void {
    const list = this.rollbackCallbacks.get(trx) ?? [];
    list.push(callback);
    this.rollbackCallbacks.set(trx, list);
  }

  /**
   * Registers `callback` to run once `trx` has committed (say, to wake the delivery worker for rows
   * the transaction queued). Only transactions opened by `transaction()` run these callbacks.
   */
  afterCommit(trx: Transaction<any>, callback: () => void): void {
    const list = this.commitCallbacks.get(trx) ?? [];
    list.push(callback);
    this.commitCallbacks.set(trx, list);
  }

  async close(): Promise<void> {
    await this.beforeClose();
    await this.db.destroy();
  }
}

/** Opens the database named by the options (PostgreSQL URL, else the SQLite file) and migrates it. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  let store: Store;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    store = new Store(connectPostgres(url), postgresAdapter);
  } else {
    const sqlite = connectSqlite(options.sqliteFile ?? path.join('data', 'relais.db'));
    store = new Store(sqlite.db, sqliteAdapter, sqlite.beforeClose);
  }
  await migrateSystemTables(store.db);
  return store;
}
