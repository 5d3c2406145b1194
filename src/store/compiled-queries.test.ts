import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestStoreHandle } from '../../test/support/databases.ts';
import { executeCached } from './compiled-queries.ts';

describe.each(await testDatabases())('executeCached on $name', (database) => {
  let handle: TestStoreHandle;
  beforeAll(async () => {
    handle = await database.create();
    await handle.store.db.schema
      .createTable('pairs')
      .addColumn('k', 'text', (c) => c.primaryKey())
      .addColumn('v', 'integer')
      .execute();
  });
  afterAll(() => handle.dispose());

  const insert = (k: string, v: number | null, parameters: unknown[]) => {
    const db = handle.store.db;
    return executeCached(db, 'test-insert-pairs', () => db.insertInto('pairs').values({ k, v }), parameters);
  };

  it('reuses the compiled SQL with new parameters', async () => {
    await insert('a', 1, ['a', 1]);
    await insert('b', null, ['b', null]);
    await insert('c', 3, ['c', 3]);
    const rows = await handle.store.db.selectFrom('pairs').selectAll().orderBy('k').execute();
    expect(rows).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: null },
      { k: 'c', v: 3 },
    ]);
  });

  it('runs a query whose parameters the caller listed wrongly as built, and does not cache it', async () => {
    const db = handle.store.db;
    const select = (k: string, parameters: unknown[]) =>
      executeCached(db, 'test-select-pairs', () => db.selectFrom('pairs').select('v').where('k', '=', k), parameters);
    expect((await select('a', ['wrong'])).rows).toEqual([{ v: 1 }]);
    expect((await select('c', ['c'])).rows).toEqual([{ v: 3 }]);
    expect((await select('a', ['a'])).rows).toEqual([{ v: 1 }]);
  });
});
