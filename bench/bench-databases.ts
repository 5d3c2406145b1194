import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/store/store.ts';

/** PostgreSQL server the benchmark creates its scratch database on. */
export const BENCH_PG_URL = process.env.RELAIS_BENCH_DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** A freshly created, empty store, and how to throw it away. */
export interface BenchStore {
  name: 'SQLite' | 'PostgreSQL';
  store: Store;
  /** Where the data lives (file path or database name), for the report. */
  where: string;
  dispose(): Promise<void>;
}

/** An SQLite file in a new temporary directory (removed by dispose). */
export async function openSqliteBenchStore(): Promise<BenchStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  const sqliteFile = path.join(dir, 'relais.db');
  const store = await openStore({ sqliteFile });
  return {
    name: 'SQLite',
    store,
    where: sqliteFile,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why the PostgreSQL server cannot be used, or undefined when it answers. */
export async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new database `relais_bench_<random>` on the server (dropped by dispose). */
export async function openPostgresBenchStore(): Promise<BenchStore> {
  const dbName = `relais_bench_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${dbName}`);
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${dbName}`;
  let store: Store;
  try {
    store = await openStore({ databaseUrl: url.toString() });
  } catch (err) {
    await adminQuery(`drop database if exists ${dbName} with (force)`);
    throw err;
  }
  return {
    name: 'PostgreSQL',
    store,
    where: `${url.host}/${dbName}`,
    async dispose() {
      await store.close();
      await adminQuery(`drop database if exists ${dbName} with (force)`);
    },
  };
}
