import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/store.ts';

/**
 * The databases every store and API test runs on. PostgreSQL comes from RELAIS_TEST_DATABASE_URL
 * (default postgres://postgres:postgres@127.0.0.1:5432/postgres); each test store gets a fresh
 * database on that server. Locally, a missing server skips the PostgreSQL cases with a notice;
 * under CI=true it fails them instead, so CI can never pass without PostgreSQL.
 */
export const TEST_PG_URL = process.env.RELAIS_TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Opens an empty, migrated store of this kind; call `dispose` when done. */
  create(): Promise<TestStoreHandle>;
}

export interface TestStoreHandle {
  store: Store;
  /** The URL or file path the store was opened with (for servers started on the same data). */
  databaseUrl?: string;
  sqliteFile?: string;
  dispose(): Promise<void>;
}

let pgAvailable: Promise<boolean> | undefined;

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL is required under CI but ${TEST_PG_URL} is unreachable: ${String(err)}`);
    return false;
  }
}

export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= probePostgres();
  return pgAvailable;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
    const sqliteFile = path.join(dir, 'relais.db');
    const store = await openStore({ sqliteFile });
    return {
      store,
      sqliteFile,
      async dispose() {
        await store.close().catch(() => {}); // a test may have closed it already
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  async create() {
    const dbName = `relais_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${dbName}`;
    const databaseUrl = url.toString();
    const store = await openStore({ databaseUrl });
    return {
      store,
      databaseUrl,
      async dispose() {
        await store.close().catch(() => {}); // a test may have closed it already
        const c = new pg.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`drop database if exists ${dbName} with (force)`);
        await c.end();
      },
    };
  },
};

/**
 * The databases to run on: SQLite always, PostgreSQL when reachable (always under CI).
 * Use with `describe.each(await testDatabases())('… on %s', …)` — or `forEachDatabase` below.
 */
export async function testDatabases(): Promise<TestDatabase[]> {
  if (await postgresAvailable()) return [sqlite, postgres];
  console.warn(`[relais tests] PostgreSQL unreachable at ${TEST_PG_URL}: PostgreSQL cases skipped (they fail under CI=true).`);
  return [sqlite];
}
