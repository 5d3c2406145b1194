import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { RelaisError } from '../../src/errors/relais-error.ts';
import { testDatabases } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const A = SYSTEM_ACTOR;

describe.each(await testDatabases())('concurrent writes on $name', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db);
    await t.app.documents.insert(
      'DocType',
      {
        name: 'Counter',
        autoname: 'prompt',
        fields: [
          { fieldname: 'label', fieldtype: 'Data' },
          { fieldname: 'code', fieldtype: 'Data', unique: 1 },
        ],
      },
      A,
    );
  });
  afterAll(() => t.close());

  async function outcomes(writes: Array<Promise<unknown>>): Promise<string[]> {
    const settled = await Promise.allSettled(writes);
    return settled.map((s) =>
      s.status === 'fulfilled' ? 'ok' : s.reason instanceof RelaisError ? s.reason.code : `unexpected: ${String(s.reason)}`,
    );
  }

  it('serialises updates of one document: each version starts where the previous one ended', async () => {
    await t.app.documents.insert('Counter', { name: 'c1', label: 'v0' }, A);
    const results = await outcomes(Array.from({ length: 8 }, (_, i) => t.app.documents.update('Counter', 'c1', { label: `v${i + 1}` }, A)));
    expect(results).toEqual(Array(8).fill('ok'));
    const versions = (await t.app.documents.list(
      'Version',
      {
        fields: ['data'],
        filters: { ref_doctype: 'Counter', docname: 'c1' },
        order_by: 'creation asc',
        limit: 0,
      },
      A,
    )) as Array<{ data: string }>;
    const labels = versions
      .map((v) => JSON.parse(v.data))
      .filter((d) => d.action === 'save')
      .map((d) => d.changed.find((c: unknown[]) => c[0] === 'label'));
    expect(labels).toHaveLength(8);
    // No two updates read the same "before": the old value of each is the new value of the one before.
    for (let i = 1; i < labels.length; i++) expect(labels[i][1]).toBe(labels[i - 1][2]);
    expect(labels[0][1]).toBe('v0');
  });

  it('lets exactly one of several inserts with the same name or unique value win, with a clear error for the rest', async () => {
    const sameName = await outcomes(
      Array.from({ length: 6 }, (_, i) => t.app.documents.insert('Counter', { name: 'dup', label: `try ${i}` }, A)),
    );
    expect(sameName.filter((r) => r === 'ok')).toHaveLength(1);
    expect(sameName.filter((r) => r !== 'ok')).toEqual(Array(5).fill('DUPLICATE_NAME'));

    const sameCode = await outcomes(
      Array.from({ length: 6 }, (_, i) => t.app.documents.insert('Counter', { name: `u${i}`, code: 'X-1' }, A)),
    );
    expect(sameCode.filter((r) => r === 'ok')).toHaveLength(1);
    expect(sameCode.filter((r) => r !== 'ok')).toEqual(Array(5).fill('UNIQUE_VIOLATION'));
  });
});
