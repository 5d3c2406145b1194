import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, api, apiOk, createIssueDoctypes, resourceUrl, sampleIssue } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe.each(await testDatabases())('resource and client API on $name', (db) => {
  let t: TestApp;
  const post = async (doctype: string, doc: unknown) => (await apiOk(t.server, 'POST', resourceUrl(doctype), doc)).data;
  const get = async (doctype: string, name: string) => (await apiOk(t.server, 'GET', resourceUrl(doctype, name))).data;
  const put = (doctype: string, name: string, doc: unknown) => api(t.server, 'PUT', resourceUrl(doctype, name), doc);
  const method = async (name: string, args: Record<string, unknown>, verb: 'GET' | 'POST' = 'POST') =>
    (await apiOk(t.server, verb, `/api/method/${name}`, verb === 'POST' ? args : undefined, verb === 'GET' ? { query: args } : {})).message;
  const versions = async (doctype: string, docname: string): Promise<Array<Record<string, any>>> => {
    const query = { fields: ['name', 'owner', 'data'], filters: { ref_doctype: doctype, docname }, limit: 0 };
    const rows = (await apiOk(t.server, 'GET', resourceUrl('Version'), undefined, { query })).data as Array<{
      owner: string;
      data: string;
    }>;
    return rows.map((r) => ({ owner: r.owner, ...JSON.parse(r.data) }));
  };

  beforeAll(async () => {
    t = await startTestApp(db);
    await createIssueDoctypes(t.server);
  });
  afterAll(() => t.close());

  it('POST returns the full document with standard fields, typed values and child rows', async () => {
    const doc = await post(ISSUE, sampleIssue());
    expect(doc).toMatchObject({
      doctype: ISSUE,
      owner: 'Administrator',
      modified_by: 'Administrator',
      docstatus: 0,
      subject: 'Printer on fire',
      status: 'Open',
      priority: 3,
      amount: 125.5,
      urgent: 1,
      due_date: '2026-12-31',
      opened_at: '2026-11-27 09:30:00',
      payload: { source: 'email', tags: ['hardware'] },
    });
    expect(doc.name).toMatch(/^ISS-\d{5}$/);
    expect(doc.creation).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(doc.modified).toBe(doc.creation);
    expect(doc.items).toHaveLength(2);
    doc.items.forEach((row: Record<string, unknown>, i: number) => {
      expect(row).toMatchObject({
        idx: i + 1,
        parent: doc.name,
        parenttype: ISSUE,
        parentfield: 'items',
        doctype: 'Issue Item',
        docstatus: 0,
      });
      expect(typeof row.name).toBe('string');
    });
    expect(await get(ISSUE, doc.name)).toEqual(doc);
  });

  it('accepts Frappe\'s {"data": <JSON text>} and {"data": {…}} wrappers', async () => {
    const fromText = await post(ISSUE, { data: JSON.stringify(sampleIssue({ subject: 'wrapped text' })) });
    const fromObject = await post(ISSUE, { data: sampleIssue({ subject: 'wrapped object' }) });
    expect(fromText).toMatchObject({ subject: 'wrapped text', priority: 3 });
    expect(fromObject).toMatchObject({ subject: 'wrapped object', priority: 3 });
    const updated = (await apiOk(t.server, 'PUT', resourceUrl(ISSUE, fromText.name), { data: JSON.stringify({ priority: 9 }) })).data;
    expect(updated).toMatchObject({ subject: 'wrapped text', priority: 9 });
  });

  it('PUT changes only the fields sent; child rows are kept by name, added and removed', async () => {
    const doc = await post(ISSUE, sampleIssue());
    const [first, second] = doc.items;
    const res = await put(ISSUE, doc.name, { priority: 5 });
    expect(res.status).toBe(200);
    const { modified: _m, priority: _p, ...rest } = doc;
    expect(res.body.data).toMatchObject({ ...rest, priority: 5 });
    expect(res.body.data.modified >= doc.modified).toBe(true);
    const rows = (
      await put(ISSUE, doc.name, {
        items: [
          { name: first.name, qty: 9 },
          { item: 'Ladder', qty: 1 },
        ],
      })
    ).body.data.items;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ name: first.name, item: 'Extinguisher', qty: 9, rate: 40, idx: 1, creation: first.creation });
    expect(rows[1]).toMatchObject({ item: 'Ladder', idx: 2, parent: doc.name });
    expect(rows.map((r: { name: string }) => r.name)).not.toContain(second.name);
    expect((await get(ISSUE, doc.name)).items).toEqual(rows);
  });

  it('DELETE answers {"message": "ok"}, then the document is gone (404)', async () => {
    const doc = await post(ISSUE, sampleIssue());
    expect(await apiOk(t.server, 'DELETE', resourceUrl(ISSUE, doc.name))).toEqual({ message: 'ok' });
    const res = await api(t.server, 'GET', resourceUrl(ISSUE, doc.name));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it('submits with docstatus 1, allows allow_on_submit edits only, cancels with docstatus 2, then is read-only', async () => {
    const doc = await post(ISSUE, sampleIssue());
    const submitted = (await put(ISSUE, doc.name, { docstatus: 1 })).body.data;
    expect(submitted.docstatus).toBe(1);
    expect(submitted.items.map((r: { docstatus: number }) => r.docstatus)).toEqual([1, 1]);
    expect((await put(ISSUE, doc.name, { resolution: 'Replaced the fuser' })).body.data).toMatchObject({
      resolution: 'Replaced the fuser',
      docstatus: 1,
    });
    const whole = await get(ISSUE, doc.name); // Frappe clients often send the whole document back
    expect((await put(ISSUE, doc.name, { ...whole, resolution: 'Replaced the drum' })).body.data).toMatchObject({
      resolution: 'Replaced the drum',
    });
    await put(ISSUE, doc.name, { resolution: 'Replaced the fuser' });
    const refused = await put(ISSUE, doc.name, { subject: 'Changed' });
    expect(refused.status).toBe(417);
    expect(refused.body.error).toMatchObject({ code: 'UPDATE_AFTER_SUBMIT', details: { field: 'subject' } });
    expect((await put(ISSUE, doc.name, { docstatus: 2 })).body.data.docstatus).toBe(2);
    for (const change of [{ resolution: 'again' }, { docstatus: 1 }, { docstatus: 0 }]) {
      const res = await put(ISSUE, doc.name, change);
      expect(res.status).toBe(417);
      expect(res.body.error.code).toBe('DOCUMENT_CANCELLED');
    }
    expect(await get(ISSUE, doc.name)).toMatchObject({ docstatus: 2, subject: 'Printer on fire', resolution: 'Replaced the fuser' });
  });

  it('names documents by hash, field:<fieldname>, prompt and series', async () => {
    const define = (name: string, autoname: string) =>
      post('DocType', {
        name,
        autoname,
        fields: [
          { fieldname: 'code', fieldtype: 'Data' },
          { fieldname: 'title', fieldtype: 'Data' },
        ],
      });
    await define('Hash Note', 'hash');
    await define('Coded Note', 'field:code');
    await define('Prompt Note', 'prompt');
    expect((await post('Hash Note', { title: 'x' })).name).toMatch(/^[0-9a-f]{10}$/);
    expect((await post('Coded Note', { code: 'ALPHA-1' })).name).toBe('ALPHA-1');
    expect((await post('Prompt Note', { name: 'my-note', title: 'x' })).name).toBe('my-note');
    const missing = await api(t.server, 'POST', resourceUrl('Prompt Note'), { title: 'no name' });
    expect(missing.body.error).toMatchObject({ code: 'MANDATORY_MISSING', details: { field: 'name' } });
    const a = Number((await post(ISSUE, sampleIssue())).name.slice(4));
    const b = Number((await post(ISSUE, sampleIssue())).name.slice(4));
    expect(b).toBe(a + 1);
  });

  it('keeps a Version per write saying what changed and who changed it', async () => {
    const doc = await post(ISSUE, sampleIssue());
    await put(ISSUE, doc.name, { priority: 4, items: [doc.items[0]] });
    await put(ISSUE, doc.name, { docstatus: 1 });
    const byAction = Object.fromEntries((await versions(ISSUE, doc.name)).map((v): [string, Record<string, any>] => [v.action, v]));
    expect(Object.keys(byAction).sort()).toEqual(['insert', 'save', 'submit']);
    expect(Object.values(byAction).every((v) => v.owner === 'Administrator')).toBe(true);
    // The creation is recorded as such; its values are the first state, which later versions' old values give back.
    expect(byAction.insert).toMatchObject({ changed: [], added: [], removed: [], row_changed: [] });
    expect(byAction.save.changed).toEqual([['priority', 3, 4]]);
    expect(byAction.save.removed.map(([f, row]: [string, { name: string; item: string }]) => [f, row.name, row.item])).toEqual([
      ['items', doc.items[1].name, doc.items[1].item],
    ]);
    expect(byAction.submit.changed).toEqual([['docstatus', 0, 1]]);
  });

  it('lists with fields, filters, or_filters, order_by, paging and as_dict', async () => {
    for (const [i, status] of ['Open', 'Replied', 'Closed', 'Open', 'Replied'].entries()) {
      await post(ISSUE, sampleIssue({ subject: `List-${i}`, status, priority: i * 10 }));
    }
    const list = async (query: Record<string, unknown>) => (await apiOk(t.server, 'GET', resourceUrl(ISSUE), undefined, { query })).data;
    const mine = [['subject', 'like', 'List-%']];
    expect(await list({ fields: ['subject', 'priority'], filters: mine, order_by: 'priority desc', limit_page_length: 2 })).toEqual([
      { subject: 'List-4', priority: 40 },
      { subject: 'List-3', priority: 30 },
    ]);
    expect(await list({ fields: ['subject'], filters: mine, order_by: 'priority asc', limit_start: 1, limit: 2 })).toEqual([
      { subject: 'List-1' },
      { subject: 'List-2' },
    ]);
    expect(
      await list({ fields: ['subject'], filters: { subject: ['like', 'List-%'], status: 'Replied' }, order_by: 'subject asc' }),
    ).toEqual([{ subject: 'List-1' }, { subject: 'List-4' }]);
    expect(
      await list({
        fields: ['subject'],
        filters: [[ISSUE, 'subject', 'like', 'List-%']],
        or_filters: [
          ['status', '=', 'Closed'],
          ['priority', '>=', 40],
        ],
        order_by: 'subject asc',
      }),
    ).toEqual([{ subject: 'List-2' }, { subject: 'List-4' }]);
    expect(
      await list({ fields: ['subject', 'priority', 'urgent'], filters: mine, order_by: 'priority asc', limit: 1, as_dict: 0 }),
    ).toEqual([['List-0', 0, 1]]);
    expect(await list({ filters: mine, limit: 1 })).toEqual([{ name: expect.stringMatching(/^ISS-/) }]);
  });

  it('frappe.client.get_count, get_value, get_list and get', async () => {
    const doc = await post(ISSUE, sampleIssue({ subject: 'Value-1', priority: 77 }));
    const filters = { subject: 'Value-1' };
    expect(await method('frappe.client.get_count', { doctype: ISSUE, filters }, 'GET')).toBe(1);
    expect(await method('frappe.client.get_count', { doctype: ISSUE, filters: [['priority', '=', 77]] })).toBe(1);
    expect(await method('frappe.client.get_value', { doctype: ISSUE, fieldname: ['subject', 'priority'], filters }, 'GET')).toEqual({
      subject: 'Value-1',
      priority: 77,
    });
    expect(await method('frappe.client.get_value', { doctype: ISSUE, fieldname: ['subject', 'priority'], filters, as_dict: 0 })).toEqual([
      'Value-1',
      77,
    ]);
    expect(await method('frappe.client.get_value', { doctype: ISSUE, fieldname: 'priority', filters: doc.name, as_dict: 0 })).toBe(77);
    expect(await method('frappe.client.get_value', { doctype: ISSUE, fieldname: 'subject', filters: doc.name })).toEqual({
      subject: 'Value-1',
    });
    expect(await method('frappe.client.get_list', { doctype: ISSUE, fields: ['name', 'priority'], filters })).toEqual([
      { name: doc.name, priority: 77 },
    ]);
    expect(await method('frappe.client.get', { doctype: ISSUE, name: doc.name }, 'GET')).toEqual(await get(ISSUE, doc.name));
  });

  it('frappe.client.insert, set_value, submit, cancel and delete', async () => {
    const doc = await method('frappe.client.insert', { doc: { doctype: ISSUE, ...sampleIssue({ subject: 'Via method' }) } });
    expect(doc).toMatchObject({ doctype: ISSUE, subject: 'Via method', docstatus: 0 });
    expect(await method('frappe.client.set_value', { doctype: ISSUE, name: doc.name, fieldname: 'priority', value: 8 })).toMatchObject({
      name: doc.name,
      priority: 8,
    });
    const both = await method('frappe.client.set_value', {
      doctype: ISSUE,
      name: doc.name,
      fieldname: JSON.stringify({ priority: 9, status: 'Replied' }),
    });
    expect(both).toMatchObject({ priority: 9, status: 'Replied', subject: 'Via method' });
    const submitted = await method('frappe.client.submit', { doc: both });
    expect(submitted).toMatchObject({ name: doc.name, docstatus: 1, priority: 9 });
    expect(await method('frappe.client.cancel', { doctype: ISSUE, name: doc.name })).toMatchObject({ docstatus: 2 });
    // Like Frappe, a method that returns nothing answers {} (no `message` key).
    expect(await apiOk(t.server, 'POST', '/api/method/frappe.client.delete', { doctype: ISSUE, name: doc.name })).toEqual({});
    expect((await api(t.server, 'GET', resourceUrl(ISSUE, doc.name))).status).toBe(404);
  });

  it('frappe.client.rename_doc moves child rows, links in other documents and child rows, and history', async () => {
    const user = await post('User', { email: 'ren@example.com', first_name: 'Ren' });
    const doc = await post(ISSUE, sampleIssue({ assigned_to: user.name, items: [{ item: 'Cable', owner_user: user.name }] }));
    expect(await method('frappe.client.rename_doc', { doctype: 'User', old_name: user.name, new_name: 'renamed@example.com' })).toBe(
      'renamed@example.com',
    );
    const relinked = await get(ISSUE, doc.name);
    expect(relinked.assigned_to).toBe('renamed@example.com');
    expect(relinked.items[0].owner_user).toBe('renamed@example.com');
    expect((await api(t.server, 'GET', resourceUrl('User', user.name))).status).toBe(404);

    expect(await method('frappe.client.rename_doc', { doctype: ISSUE, old_name: doc.name, new_name: 'ISS-RENAMED' })).toBe('ISS-RENAMED');
    const renamed = await get(ISSUE, 'ISS-RENAMED');
    expect(renamed.items).toEqual([expect.objectContaining({ item: 'Cable', parent: 'ISS-RENAMED', name: relinked.items[0].name })]);
    expect((await versions(ISSUE, 'ISS-RENAMED')).map((v) => v.action).sort()).toEqual(['insert', 'rename']);
    expect(await versions(ISSUE, doc.name)).toEqual([]);
  });
});
