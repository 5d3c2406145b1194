import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { api, apiOk, resourceUrl } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** One field of each type the issue lists, with a value of that type. */
const EVERY_TYPE: Array<[fieldtype: string, value: unknown, options?: string]> = [
  ['Data', 'short text'],
  ['Small Text', 'a few\nlines'],
  ['Text', 'plain text'],
  ['Long Text', 'x'.repeat(5000)],
  ['Text Editor', '<p>Hello <b>world</b></p>'],
  ['Int', 42],
  ['Float', 3.25],
  ['Currency', 1999.99],
  ['Percent', 12.5],
  ['Check', 1],
  ['Select', 'Beta', 'Alpha\nBeta\nGamma'],
  ['Link', 'Administrator', 'User'],
  ['Date', '2026-02-28'],
  ['Datetime', '2026-02-28 23:59:58'],
  ['Time', '08:30:00'],
  ['Attach', '/files/report.pdf'],
  ['JSON', { nested: { list: [1, 'two', null] }, flag: true }],
];
const fieldnameOf = (fieldtype: string) => `f_${fieldtype.toLowerCase().replace(/ /g, '_')}`;

describe.each(await testDatabases())('DocType API on $name', (db) => {
  let t: TestApp;
  const post = async (doctype: string, doc: unknown) => (await apiOk(t.server, 'POST', resourceUrl(doctype), doc)).data;
  const get = async (doctype: string, name: string) => (await apiOk(t.server, 'GET', resourceUrl(doctype, name))).data;

  beforeAll(async () => {
    t = await startTestApp(db);
  });
  afterAll(() => t.close());

  it('creates a DocType with every field type and round-trips typed values', async () => {
    await post('DocType', {
      name: 'Every Row',
      istable: 1,
      fields: [
        { fieldname: 'label', fieldtype: 'Data' },
        { fieldname: 'weight', fieldtype: 'Float' },
      ],
    });
    const fields = [
      ...EVERY_TYPE.map(([fieldtype, , options]) => ({ fieldname: fieldnameOf(fieldtype), label: fieldtype, fieldtype, options })),
      { fieldname: 'f_table', label: 'Table', fieldtype: 'Table', options: 'Every Row' },
    ];
    const doctype = await post('DocType', { name: 'Every Type', module: 'Tests', fields });
    expect(doctype.fields.map((f: { fieldtype: string }) => f.fieldtype)).toEqual([...EVERY_TYPE.map(([ft]) => ft), 'Table']);

    const values = Object.fromEntries(EVERY_TYPE.map(([ft, value]) => [fieldnameOf(ft), value]));
    const rows = [
      { label: 'first', weight: 0.5 },
      { label: 'second', weight: 2 },
    ];
    const created = await post('Every Type', { ...values, f_table: rows });
    const read = await get('Every Type', created.name);
    for (const doc of [created, read]) {
      expect(doc).toMatchObject(values);
      expect(doc.f_table).toMatchObject(rows);
    }
    // Numbers sent as text are stored as numbers; JSON sent as text comes back parsed.
    const coerced = await post('Every Type', { f_int: '7', f_float: '0.125', f_currency: '10', f_check: true, f_json: '[1,2]' });
    expect(coerced).toMatchObject({ f_int: 7, f_float: 0.125, f_currency: 10, f_check: 1, f_json: [1, 2] });
    const listed = (
      await apiOk(t.server, 'GET', resourceUrl('Every Type'), undefined, {
        query: { fields: ['f_int', 'f_float', 'f_percent', 'f_check'], filters: { name: created.name } },
      })
    ).data;
    expect(listed).toEqual([{ f_int: 42, f_float: 3.25, f_percent: 12.5, f_check: 1 }]);
  });

  it('adds a field to a DocType that has documents without losing them', async () => {
    await post('DocType', { name: 'Growing', fields: [{ fieldname: 'title', fieldtype: 'Data', reqd: 1 }] });
    const old = await post('Growing', { title: 'before the change' });
    const definition = await get('DocType', 'Growing');
    const updated = (
      await apiOk(t.server, 'PUT', resourceUrl('DocType', 'Growing'), {
        fields: [...definition.fields, { fieldname: 'count', fieldtype: 'Int' }, { fieldname: 'note', fieldtype: 'Data' }],
      })
    ).data;
    expect(updated.fields.map((f: { fieldname: string }) => f.fieldname)).toEqual(['title', 'count', 'note']);
    expect(await get('Growing', old.name)).toMatchObject({ title: 'before the change', count: 0, note: null });
    expect(await post('Growing', { title: 'after', count: 5 })).toMatchObject({ count: 5 });
    const counts = (
      await apiOk(t.server, 'GET', resourceUrl('Growing'), undefined, { query: { fields: ['title', 'count'], order_by: 'title asc' } })
    ).data;
    expect(counts).toEqual([
      { title: 'after', count: 5 },
      { title: 'before the change', count: 0 },
    ]);
  });

  const BAD_DEFINITIONS: Array<{ case: string; fields: unknown[]; autoname?: string; code?: string; names: string }> = [
    { case: 'a fieldname that is not an identifier', fields: [{ fieldname: 'Bad Name', fieldtype: 'Data' }], names: 'Bad Name' },
    {
      case: 'a duplicate fieldname',
      fields: [
        { fieldname: 'code', fieldtype: 'Data' },
        { fieldname: 'code', fieldtype: 'Int' },
      ],
      names: 'code',
    },
    { case: 'a Link to a missing DocType', fields: [{ fieldname: 'ref', fieldtype: 'Link', options: 'No Such Type' }], names: 'ref' },
    {
      case: 'a Table of a DocType that is not a child table',
      fields: [{ fieldname: 'rows', fieldtype: 'Table', options: 'User' }],
      names: 'rows',
    },
    { case: 'an unknown fieldtype', fields: [{ fieldname: 'blob', fieldtype: 'Blob' }], code: 'INVALID_SELECT_OPTION', names: 'fieldtype' },
    {
      case: 'autoname by a missing field',
      fields: [{ fieldname: 'code', fieldtype: 'Data' }],
      autoname: 'field:missing_field',
      names: 'autoname',
    },
  ];

  it.each(BAD_DEFINITIONS)('refuses $case, naming the field, and creates nothing', async (bad) => {
    const res = await api(t.server, 'POST', resourceUrl('DocType'), { name: 'Bad Definition', autoname: bad.autoname, fields: bad.fields });
    const code = bad.code ?? 'INVALID_DOCTYPE_DEFINITION';
    expect(res.status).toBe(417);
    expect(res.body.exc_type).toBe('ValidationError');
    expect(res.body.error.code).toBe(code);
    const { field, fieldname } = res.body.error.details;
    expect([field, fieldname]).toContain(bad.names);
    expect(res.body.error.message).toContain(bad.names);
    expect((await api(t.server, 'GET', resourceUrl('DocType', 'Bad Definition'))).status).toBe(404);
    expect((await api(t.server, 'GET', resourceUrl('Bad Definition'))).body.error.code).toBe('DOCTYPE_NOT_FOUND');
  });

  it('refuses to change a field from Int to Data and keeps the definition', async () => {
    await post('DocType', { name: 'Typed', fields: [{ fieldname: 'amount', fieldtype: 'Int' }] });
    await post('Typed', { amount: 3 });
    const before = await get('DocType', 'Typed');
    const res = await api(t.server, 'PUT', resourceUrl('DocType', 'Typed'), { fields: [{ ...before.fields[0], fieldtype: 'Data' }] });
    expect(res.status).toBe(417);
    expect(res.body.error).toMatchObject({ code: 'INVALID_DOCTYPE_DEFINITION', details: { fieldname: 'amount' } });
    expect(res.body.error.message).toContain('amount');
    expect(await get('DocType', 'Typed')).toEqual(before);
    expect(await post('Typed', { amount: '12' })).toMatchObject({ amount: 12 });
  });

  it('refuses to delete a DocType that has documents, and deletes it once empty', async () => {
    await post('DocType', { name: 'Disposable', fields: [{ fieldname: 'title', fieldtype: 'Data' }] });
    const doc = await post('Disposable', { title: 'keep me' });
    const refused = await api(t.server, 'DELETE', resourceUrl('DocType', 'Disposable'));
    expect(refused.status).toBe(417);
    expect(refused.body).toMatchObject({ exc_type: 'LinkExistsError', error: { code: 'DOCTYPE_HAS_DOCUMENTS' } });
    expect(await get('Disposable', doc.name)).toMatchObject({ title: 'keep me' });
    await apiOk(t.server, 'DELETE', resourceUrl('Disposable', doc.name));
    expect(await apiOk(t.server, 'DELETE', resourceUrl('DocType', 'Disposable'))).toEqual({ message: 'ok' });
    expect((await api(t.server, 'GET', resourceUrl('DocType', 'Disposable'))).status).toBe(404);
    const gone = await api(t.server, 'POST', resourceUrl('Disposable'), { title: 'x' });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('DOCTYPE_NOT_FOUND');
  });

  it.each([
    ['changing User', 'PUT', 'User', { description: 'mine now' }],
    ['changing DocType', 'PUT', 'DocType', { fields: [] }],
    ['deleting User', 'DELETE', 'User', undefined],
    ['redefining User', 'POST', undefined, { name: 'User', fields: [{ fieldname: 'x', fieldtype: 'Data' }] }],
  ] as const)('refuses %s: core DocTypes are read-only', async (_case, verb, name, body) => {
    const before = await get('DocType', name ?? 'User');
    const res = await api(t.server, verb, resourceUrl('DocType', name), body);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ exc_type: 'PermissionError', error: { code: 'CORE_DOCTYPE_READ_ONLY' } });
    expect(await get('DocType', name ?? 'User')).toEqual(before);
    expect(
      (await post('User', { email: `core-${verb.toLowerCase()}-${name ?? 'new'}@example.com`, first_name: 'Still works' })).name,
    ).toContain('@');
  });
});
