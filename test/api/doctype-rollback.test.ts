import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { api, apiOk } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe.each(await testDatabases())('DocType changes that fail on $name', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(db);
    await apiOk(t.server, 'POST', '/api/resource/DocType', {
      name: 'Gadget',
      fields: [{ fieldname: 'code', fieldtype: 'Data' }],
    });
    await apiOk(t.server, 'POST', '/api/resource/Gadget', { code: 'same' });
    await apiOk(t.server, 'POST', '/api/resource/Gadget', { code: 'same' });
  });
  afterAll(() => t.close());

  it('roll back the table and the in-memory definition together', async () => {
    // Making `code` unique fails while creating its index (two documents share a value), after the
    // definition was already saved in the transaction: everything must roll back.
    const response = await api(t.server, 'PUT', '/api/resource/DocType/Gadget', {
      fields: [
        { fieldname: 'code', fieldtype: 'Data', unique: 1 },
        { fieldname: 'added', fieldtype: 'Int' },
      ],
    });
    expect(response.status).toBe(417);
    expect(response.body.error).toMatchObject({ code: 'INVALID_DOCTYPE_DEFINITION', details: { field: 'code' } });
    const stored = (await apiOk(t.server, 'GET', '/api/resource/DocType/Gadget')).data;
    expect(stored.fields.map((f: { fieldname: string; unique: number }) => [f.fieldname, f.unique])).toEqual([['code', 0]]);
    // The registry forgot the failed definition: `added` is unknown, duplicates are still accepted.
    const withAdded = await api(t.server, 'POST', '/api/resource/Gadget', { code: 'same', added: 1 });
    expect(withAdded.body.error?.code).toBe('UNKNOWN_FIELD');
    await apiOk(t.server, 'POST', '/api/resource/Gadget', { code: 'same' });
  });
});
