import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renameDocument } from '../../src/documents/document-rename.ts';
import type { HookContext } from '../../src/documents/hook-bus.ts';
import { tableName } from '../../src/documents/meta.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { testDatabases } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOOKED = 'Hooked Doc';
const LOG = 'Hook Log';
const A = SYSTEM_ACTOR;

type Seen = [event: string, doctype: string, name: string, beforeX: unknown];

describe.each(await testDatabases())('lifecycle hooks on $name', (db) => {
  let t: TestApp;
  let unsubscribe: Array<() => void> = [];

  beforeAll(async () => {
    t = await startTestApp(db);
    await t.app.documents.insert(
      'DocType',
      {
        name: HOOKED,
        is_submittable: 1,
        autoname: 'prompt',
        fields: [
          { fieldname: 'x', fieldtype: 'Data', allow_on_submit: 1 },
          { fieldname: 'y', fieldtype: 'Data' },
        ],
      },
      A,
    );
    await t.app.documents.insert('DocType', { name: LOG, autoname: 'hash', fields: [{ fieldname: 'note', fieldtype: 'Data' }] }, A);
  });
  afterEach(() => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
  });
  afterAll(() => t.close());

  function subscribe(event: Parameters<TestApp['app']['hooks']['on']>[0], handler: (ctx: HookContext) => unknown, doctype?: string) {
    unsubscribe.push(
      t.app.hooks.on(
        event,
        async (ctx) => {
          await handler(ctx);
        },
        { doctype },
      ),
    );
  }
  /** Records every hook of every doctype as (event, doctype, name, docBefore.x). */
  function recordAll(): Seen[] {
    const seen: Seen[] = [];
    subscribe('*', (ctx) => {
      seen.push([ctx.event, ctx.doctype, ctx.doc.name, ctx.docBefore?.x ?? null]);
    });
    return seen;
  }
  const take = (seen: Seen[]) => seen.splice(0, seen.length);
  const h = (events: string[], name: string, beforeX: unknown): Seen[] => events.map((e) => [e, HOOKED, name, beforeX]);

  async function countRows(doctype: string, where: Record<string, string>): Promise<number> {
    let qb = t.app.store.db.selectFrom(tableName(doctype)).select((eb) => eb.fn.countAll().as('n'));
    for (const [k, v] of Object.entries(where)) qb = qb.where(k, '=', v);
    return Number((await qb.executeTakeFirstOrThrow()).n);
  }
  const versionsOf = (doctype: string, name?: string) =>
    countRows('Version', name ? { ref_doctype: doctype, docname: name } : { ref_doctype: doctype });

  it("publishes every write's hooks in Frappe's order, with the document before the write", async () => {
    const seen = recordAll();
    const docs = t.app.documents;

    await docs.insert(HOOKED, { name: 'H-1', x: 'a' }, A);
    expect(take(seen)).toEqual([
      ['before_insert', HOOKED, '', null],
      ...h(['validate', 'before_save', 'after_insert', 'on_update', 'on_change'], 'H-1', null),
    ]);

    await docs.insert(HOOKED, { name: 'H-2', x: 'b', docstatus: 1 }, A);
    expect(take(seen)).toEqual([
      ['before_insert', HOOKED, '', null],
      ...h(['validate', 'before_submit', 'after_insert', 'on_update', 'on_submit', 'on_change'], 'H-2', null),
    ]);

    await docs.update(HOOKED, 'H-1', { x: 'a2' }, A);
    expect(take(seen)).toEqual(h(['validate', 'before_save', 'on_update', 'on_change'], 'H-1', 'a'));

    await docs.submit(HOOKED, 'H-1', { x: 'a3' }, A);
    expect(take(seen)).toEqual(h(['validate', 'before_submit', 'on_update', 'on_submit', 'on_change'], 'H-1', 'a2'));

    await docs.update(HOOKED, 'H-1', { x: 'a4' }, A);
    expect(take(seen)).toEqual(h(['before_update_after_submit', 'on_update_after_submit', 'on_change'], 'H-1', 'a3'));

    await docs.cancel(HOOKED, 'H-1', A);
    expect(take(seen)).toEqual(h(['before_cancel', 'on_cancel', 'on_change'], 'H-1', 'a4'));

    await docs.delete(HOOKED, 'H-1', A);
    expect(take(seen)).toEqual(h(['on_trash', 'after_delete'], 'H-1', 'a4'));

    await docs.insert(HOOKED, { name: 'H-3', x: 'c' }, A);
    take(seen);
    await renameDocument(docs, HOOKED, 'H-3', 'H-3b', false, A);
    expect(take(seen)).toEqual([
      ['before_rename', HOOKED, 'H-3', 'c'],
      ['after_rename', HOOKED, 'H-3b', 'c'],
    ]);
  });

  it('gives handlers the action, the user, and lets before_* and validate change the document', async () => {
    const calls: Array<[string, string, string]> = [];
    subscribe(
      '*',
      (ctx) => {
        calls.push([ctx.event, ctx.action, ctx.user]);
      },
      HOOKED,
    );
    subscribe(
      'validate',
      (ctx) => {
        ctx.doc.y = `checked ${String(ctx.doc.x)}`;
      },
      HOOKED,
    );
    const doc = await t.app.documents.insert(HOOKED, { name: 'H-4', x: 'v' }, A);
    expect(doc.y).toBe('checked v');
    expect((await t.app.documents.get(HOOKED, 'H-4', A)).y).toBe('checked v');
    expect(calls.every(([, action, user]) => action === 'insert' && user === 'Administrator')).toBe(true);
    calls.length = 0;
    await t.app.documents.cancel(HOOKED, (await t.app.documents.submit(HOOKED, 'H-4', {}, A)).name, A);
    expect(calls.map(([e, a]) => `${e}:${a}`)).toEqual([
      'validate:submit',
      'before_submit:submit',
      'on_update:submit',
      'on_submit:submit',
      'on_change:submit',
      'before_cancel:cancel',
      'on_cancel:cancel',
      'on_change:cancel',
    ]);
  });

  it("commits what a subscriber writes in the write's transaction with the document", async () => {
    subscribe(
      'on_update',
      async (ctx) => {
        await t.app.documents.insert(LOG, { note: `updated ${ctx.doc.name}` }, { ...A, trx: ctx.trx });
      },
      HOOKED,
    );
    await t.app.documents.insert(HOOKED, { name: 'H-5', x: 'ok' }, A);
    await t.app.documents.update(HOOKED, 'H-5', { x: 'ok2' }, A);
    expect(await countRows(LOG, { note: 'updated H-5' })).toBe(2);
    expect(await countRows(HOOKED, { name: 'H-5', x: 'ok2' })).toBe(1);
  });

  it('rolls back the document and what subscribers wrote when a subscriber throws', async () => {
    const logsBefore = await countRows(LOG, {});
    const logVersionsBefore = await versionsOf(LOG);
    subscribe(
      'after_insert',
      async (ctx) => {
        await t.app.documents.insert(LOG, { note: `inserted ${ctx.doc.name}` }, { ...A, trx: ctx.trx });
      },
      HOOKED,
    );
    subscribe(
      'on_update',
      async (ctx) => {
        await t.app.documents.insert(LOG, { note: `updated ${ctx.doc.name}` }, { ...A, trx: ctx.trx });
        if (ctx.doc.x === 'boom') throw new Error(`refused ${ctx.doc.name}`);
      },
      HOOKED,
    );

    await expect(t.app.documents.insert(HOOKED, { name: 'H-6', x: 'boom' }, A)).rejects.toThrow('refused H-6');
    expect(await countRows(HOOKED, { name: 'H-6' })).toBe(0);
    expect(await versionsOf(HOOKED, 'H-6')).toBe(0);
    expect(await countRows(LOG, {})).toBe(logsBefore);
    expect(await versionsOf(LOG)).toBe(logVersionsBefore);

    // A failing save leaves the stored document, its versions and the log as they were.
    await t.app.documents.insert(HOOKED, { name: 'H-7', x: 'fine' }, A);
    const logsAfterInsert = await countRows(LOG, {});
    const versionsH7 = await versionsOf(HOOKED, 'H-7');
    await expect(t.app.documents.update(HOOKED, 'H-7', { x: 'boom' }, A)).rejects.toThrow('refused H-7');
    expect((await t.app.documents.get(HOOKED, 'H-7', A)).x).toBe('fine');
    expect(await versionsOf(HOOKED, 'H-7')).toBe(versionsH7);
    expect(await countRows(LOG, {})).toBe(logsAfterInsert);
    expect(await versionsOf(LOG)).toBe(logVersionsBefore + 2);
  });

  it('rolls back a delete and a rename when a subscriber throws', async () => {
    await t.app.documents.insert(HOOKED, { name: 'H-8', x: 'keep' }, A);
    subscribe(
      'after_delete',
      () => {
        throw new Error('no delete');
      },
      HOOKED,
    );
    subscribe(
      'after_rename',
      () => {
        throw new Error('no rename');
      },
      HOOKED,
    );
    await expect(t.app.documents.delete(HOOKED, 'H-8', A)).rejects.toThrow('no delete');
    await expect(renameDocument(t.app.documents, HOOKED, 'H-8', 'H-8b', false, A)).rejects.toThrow('no rename');
    expect((await t.app.documents.get(HOOKED, 'H-8', A)).x).toBe('keep');
    expect(await countRows(HOOKED, { name: 'H-8b' })).toBe(0);
    expect(await versionsOf(HOOKED, 'H-8b')).toBe(0);
  });
});
