import { FrappeApp } from 'frappe-js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { ADMIN_KEY, ADMIN_PASSWORD, ADMIN_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Drives a listening Relais with the published `frappe-js-sdk` (axios over real HTTP), through
 * every call the SDK's db(), auth() and call() offer for documents, and checks what Frappe returns.
 */
const ORDER = 'SDK Order';

describe.each(await testDatabases())('frappe-js-sdk against Relais on $name', (db) => {
  let t: TestApp;
  let url: string;
  let frappe: FrappeApp;

  beforeAll(async () => {
    t = await startTestApp(db);
    url = await t.server.listen({ port: 0, host: '127.0.0.1' });
    frappe = new FrappeApp(url, { useToken: true, token: () => `${ADMIN_KEY}:${ADMIN_SECRET}`, type: 'token' });
    await frappe.db().createDoc('DocType', {
      name: 'SDK Order Item',
      istable: 1,
      fields: [
        { fieldname: 'item', fieldtype: 'Data', reqd: 1 },
        { fieldname: 'qty', fieldtype: 'Int' },
      ],
    });
    await frappe.db().createDoc('DocType', {
      name: ORDER,
      module: 'Sales',
      is_submittable: 1,
      autoname: 'SO-.####',
      title_field: 'title',
      fields: [
        { fieldname: 'title', label: 'Title', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
        { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Open\nClosed', default: 'Open' },
        { fieldname: 'qty', label: 'Qty', fieldtype: 'Int' },
        { fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' },
        { fieldname: 'items', label: 'Items', fieldtype: 'Table', options: 'SDK Order Item' },
      ],
    });
  });
  afterAll(() => t.close());

  const sdkError = async (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (err) => err,
    );

  it('creates, reads, updates and deletes documents', async () => {
    const sdb = frappe.db();
    const created = await sdb.createDoc(ORDER, { title: 'First', qty: 3, amount: 12.5, items: [{ item: 'pen', qty: 2 }] });
    expect(created).toMatchObject({
      doctype: ORDER,
      name: 'SO-0001',
      title: 'First',
      status: 'Open',
      qty: 3,
      amount: 12.5,
      docstatus: 0,
      owner: 'Administrator',
      modified_by: 'Administrator',
    });
    expect(created.creation).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    expect(created.items).toMatchObject([
      { item: 'pen', qty: 2, idx: 1, parent: 'SO-0001', parenttype: ORDER, parentfield: 'items', doctype: 'SDK Order Item' },
    ]);

    const read = await sdb.getDoc(ORDER, created.name);
    expect(read).toEqual(created);

    const updated = await sdb.updateDoc<Record<string, unknown>>(ORDER, created.name, { qty: 4, status: 'Closed' });
    expect(updated).toMatchObject({ name: 'SO-0001', qty: 4, status: 'Closed', title: 'First' });
    expect(updated.items).toHaveLength(1);

    expect(await sdb.deleteDoc(ORDER, created.name)).toEqual({ message: 'ok' });
    const missing = await sdkError(sdb.getDoc(ORDER, created.name));
    expect(missing).toMatchObject({ httpStatus: 404, exc_type: 'DoesNotExistError' });
    expect(missing.exception).toMatch(/^frappe\.exceptions\.DoesNotExistError/);
  });

  it('lists with fields, filters, or_filters, order_by, paging and as_dict, and counts', async () => {
    const sdb = frappe.db();
    const rows = [
      ['L1', 'Open', 1, 5],
      ['L2', 'Open', 6, 20],
      ['L3', 'Closed', 7, 3],
      ['L4', 'Open', 9, 1],
      ['L5', 'Open', 2, 50],
    ] as const;
    for (const [title, status, qty, amount] of rows) await sdb.createDoc(ORDER, { title, status, qty, amount });

    const open = await sdb.getDocList(ORDER, {
      fields: ['name', 'title', 'qty', 'amount'],
      filters: [
        ['status', '=', 'Open'],
        ['title', 'like', 'L%'],
      ],
      orFilters: [
        ['qty', '>', 5],
        ['amount', '<', 10],
      ],
      orderBy: { field: 'qty', order: 'desc' },
      limit: 10,
    });
    expect(open.map((r) => r.title)).toEqual(['L4', 'L2', 'L1']);
    expect(open[0]).toEqual({ name: expect.stringMatching(/^SO-/), title: 'L4', qty: 9, amount: 1 });

    const page = await sdb.getDocList(ORDER, {
      fields: ['title'],
      filters: [['title', 'in', ['L1', 'L2', 'L3', 'L4', 'L5']]],
      orderBy: { field: 'title', order: 'asc' },
      limit: 2,
      limit_start: 1,
    });
    expect(page).toEqual([{ title: 'L2' }, { title: 'L3' }]);

    const lists = await sdb.getDocList(ORDER, {
      fields: ['title', 'qty'],
      filters: [['qty', 'between', [6, 7]]],
      orderBy: { field: 'qty' },
      asDict: false,
    });
    expect(lists).toEqual([
      ['L2', 6],
      ['L3', 7],
    ]);

    const names = await sdb.getDocList(ORDER);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(names[0])).toEqual(['name']);

    expect(await sdb.getLastDoc(ORDER, { filters: [['title', '=', 'L3']] })).toMatchObject({ title: 'L3', status: 'Closed', qty: 7 });
    expect(
      await sdb.getCount(ORDER, [
        ['status', '=', 'Open'],
        ['title', 'like', 'L%'],
      ]),
    ).toBe(4);
    expect(await sdb.getCount(ORDER)).toBeGreaterThanOrEqual(5);
  });

  it('gets and sets values', async () => {
    const sdb = frappe.db();
    const doc = await sdb.createDoc(ORDER, { title: 'Values', qty: 2, amount: 7 });
    expect(await sdb.getValue(ORDER, ['title', 'qty'], [['name', '=', doc.name]])).toEqual({ message: { title: 'Values', qty: 2 } });
    expect(await sdb.getValue(ORDER, 'amount', [['title', '=', 'Values']])).toEqual({ message: { amount: 7 } });
    expect(await sdb.getValue(ORDER, ['title', 'qty'], [['name', '=', doc.name]], false)).toEqual({ message: ['Values', 2] });
    expect(await sdb.getValue(ORDER, 'qty', [['name', '=', doc.name]], false)).toEqual({ message: 2 });
    expect(await sdb.getValue(ORDER, 'title', [['title', '=', 'no such title']])).toEqual({ message: {} });

    const one = await sdb.setValue(ORDER, doc.name, 'qty', 5);
    expect(one.message).toMatchObject({ name: doc.name, doctype: ORDER, qty: 5, title: 'Values' });
    const many = await sdb.setValue(ORDER, doc.name, { status: 'Closed', amount: 8.25 });
    expect(many.message).toMatchObject({ name: doc.name, status: 'Closed', amount: 8.25, qty: 5 });
    expect((await sdb.getDoc(ORDER, doc.name)).amount).toBe(8.25);
  });

  it('submits, cancels and renames', async () => {
    const sdb = frappe.db();
    const draft = await sdb.createDoc(ORDER, { title: 'Lifecycle', qty: 1, items: [{ item: 'cup', qty: 1 }] });
    // A client submits the document as it read it (Frappe's `frappe.client.submit(doc)`).
    const submitted = await sdb.submit(await sdb.getDoc(ORDER, draft.name));
    expect(submitted).toMatchObject({ name: draft.name, doctype: ORDER, docstatus: 1, title: 'Lifecycle' });
    const refused = await sdkError(sdb.updateDoc(ORDER, draft.name, { title: 'Changed' }));
    expect(refused).toMatchObject({ httpStatus: 417, exc_type: 'UpdateAfterSubmitError' });

    const cancelled = await sdb.cancel(ORDER, draft.name);
    expect(cancelled).toMatchObject({ message: { name: draft.name, docstatus: 2 } });

    const other = await sdb.createDoc(ORDER, { title: 'Rename me', items: [{ item: 'plate' }] });
    expect(await sdb.renameDoc(ORDER, other.name, 'SO-RENAMED')).toEqual({ message: 'SO-RENAMED' });
    const renamed = await sdb.getDoc(ORDER, 'SO-RENAMED');
    expect(renamed).toMatchObject({ name: 'SO-RENAMED', title: 'Rename me' });
    expect(renamed.items[0]).toMatchObject({ item: 'plate', parent: 'SO-RENAMED' });
    expect(await sdkError(sdb.getDoc(ORDER, other.name))).toMatchObject({ httpStatus: 404, exc_type: 'DoesNotExistError' });
    const clash = await sdkError(sdb.renameDoc(ORDER, draft.name, 'SO-RENAMED'));
    expect(clash).toMatchObject({ httpStatus: 409, exc_type: 'DuplicateEntryError' });
  });

  it('logs in with a password, tells the logged-in user and logs out', async () => {
    const guest = new FrappeApp(url);
    const login = await guest.auth().loginWithUsernamePassword({ username: 'Administrator', password: ADMIN_PASSWORD });
    expect(login).toEqual({ message: 'Logged In', home_page: '/app', full_name: 'Administrator' });
    // Node's axios keeps no cookies: the guest app stays a guest, the token app is Administrator.
    expect(await sdkError(guest.auth().getLoggedInUser())).toMatchObject({ httpStatus: 401, exc_type: 'AuthenticationError' });
    expect(await frappe.auth().getLoggedInUser()).toBe('Administrator');
    await expect(guest.auth().logout()).resolves.toBeUndefined();

    const wrong = await sdkError(guest.auth().loginWithUsernamePassword({ username: 'Administrator', password: 'wrong' }));
    expect(wrong).toMatchObject({ httpStatus: 401, exc_type: 'AuthenticationError' });
  });

  it('calls whitelisted methods with call().get and call().post', async () => {
    await frappe.db().createDoc(ORDER, { title: 'Called', qty: 42 });
    const args = { doctype: ORDER, fields: ['title', 'qty'], filters: { title: 'Called' } };
    expect(await frappe.call().get('frappe.client.get_list', args)).toEqual({ message: [{ title: 'Called', qty: 42 }] });
    expect(await frappe.call().post('frappe.client.get_list', args)).toEqual({ message: [{ title: 'Called', qty: 42 }] });
    expect(await frappe.call().get('frappe.client.get_count', { doctype: ORDER, filters: [['qty', '=', 42]] })).toEqual({ message: 1 });
    expect(await frappe.call().get('ping')).toEqual({ message: 'pong' });
    const unknown = await sdkError(frappe.call().post('frappe.client.no_such_method', {}));
    expect(unknown).toMatchObject({ httpStatus: 404, exc_type: 'DoesNotExistError' });
  });

  it('surfaces Relais errors the way the SDK expects', async () => {
    const bad = await sdkError(frappe.db().createDoc(ORDER, { qty: 1 }));
    expect(bad).toMatchObject({ httpStatus: 417, exc_type: 'MandatoryError' });
    expect(JSON.parse(JSON.parse(bad._server_messages)[0]).message).toMatch(/Value missing for SDK Order: Title/);
    const noAuth = new FrappeApp(url, { useToken: true, token: () => `${ADMIN_KEY}:wrong`, type: 'token' });
    expect(await sdkError(noAuth.db().getDocList(ORDER))).toMatchObject({ httpStatus: 401, exc_type: 'AuthenticationError' });
  });
});
