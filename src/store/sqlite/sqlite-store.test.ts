import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store.ts';

const dirs: string[] = [];
async function freshStore(): Promise<{ store: Store; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-sqlite-'));
  dirs.push(dir);
  const file = path.join(dir, 'relais.db');
  return { store: await openStore({ sqliteFile: file }), file };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('runs in WAL mode and checkpoints in the background, keeping the WAL bounded', async () => {
    const { store, file } = await freshStore();
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db)).rows[0].journal_mode).toBe('wal');
    await store.db.schema
      .createTable('t')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('v', 'text')
      .execute();
    const payload = 'x'.repeat(2000);
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 500; i++)
        await store.db
          .insertInto('t')
          .values({ id: round * 500 + i, v: payload })
          .execute();
      // Give the checkpoint worker time to run between bursts, as a real server would have.
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const checkpointed = fs.statSync(file).size;
    expect(checkpointed).toBeGreaterThan(2000 * 1000); // the rows reached the database file, not only the WAL
    const row = await store.db
      .selectFrom('t')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirst();
    expect(Number(row?.n)).toBe(2000);
    await store.close();
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('sees a column added after a query on the table was prepared (the statement cache empties on DDL)', async () => {
    const { store } = await freshStore();
    await store.db.schema
      .createTable('t')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    await store.db.insertInto('t').values({ id: 1 }).execute();
    expect(await store.db.selectFrom('t').selectAll().execute()).toEqual([{ id: 1 }]);
    await store.db.schema
      .alterTable('t')
      .addColumn('extra', 'integer', (c) => c.defaultTo(0))
      .execute();
    expect(await store.db.selectFrom('t').selectAll().execute()).toEqual([{ id: 1, extra: 0 }]);
    await store.close();
  });

  it('keeps data across a close and reopen', async () => {
    const { store, file } = await freshStore();
    await store.db.schema
      .createTable('t')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
    await store.db
      .insertInto('t')
      .values([{ id: 1 }, { id: 2 }])
      .execute();
    await store.close();
    const reopened = await openStore({ sqliteFile: file });
    expect(await reopened.db.selectFrom('t').select('id').orderBy('id').execute()).toEqual([{ id: 1 }, { id: 2 }]);
    await reopened.close();
  });

  it('lets a script that closes the store go on afterwards (the checkpoint worker does not end the process early)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-sqlite-'));
    dirs.push(dir);
    const script = path.join(dir, 'close.mts');
    const storeModule = fileURLToPath(new URL('../store.ts', import.meta.url));
    fs.writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(storeModule)};
const store = await openStore({ sqliteFile: ${JSON.stringify(path.join(dir, 'r.db'))} });
await store.close();
console.log('after close');\n`,
    );
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(output.trim()).toBe('after close');
  });
});
