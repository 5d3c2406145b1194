import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src/errors/catalogue.ts';
import { testDatabases } from '../support/databases.ts';
import { ISSUE, api, apiOk, createIssueDoctypes, resourceUrl, sampleIssue, serverMessages, type ApiResponse } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const NOTE = 'Prompt Note';
/** Documents every case may aim at: created once per database, compared before and after each case. */
interface Targets {
  draft: string;
  submitted: string;
  cancelled: string;
  note: string;
}
type Send = (t: TestApp, target: Targets) => Promise<ApiResponse>;

const post =
  (doctype: string, body: unknown): Send =>
  (t) =>
    api(t.server, 'POST', resourceUrl(doctype), body);
const put =
  (which: keyof Targets, body: unknown, doctype = ISSUE): Send =>
  (t, target) =>
    api(t.server, 'PUT', resourceUrl(doctype, target[which]), body);
const list =
  (query: Record<string, unknown>): Send =>
  (t) =>
    api(t.server, 'GET', resourceUrl(ISSUE), undefined, { query });
const item = (row: Record<string, unknown>) => sampleIssue({ items: [{ item: 'Toner', qty: 1 }, row] });

interface BadInput {
  case: string;
  send: Send;
  code: ErrorCode;
  /** What `error.details.field` must be; when the error has no field, a text the message must hold instead. */
  field?: string;
  mentions?: string;
}

const CASES: BadInput[] = [
  { case: 'malformed JSON body', send: post(ISSUE, '{"subject": "unterminated'), code: 'BAD_JSON', mentions: 'JSON' },
  { case: 'malformed JSON in the {"data": …} wrapper', send: post(ISSUE, { data: '{"subject": ' }), code: 'BAD_JSON', field: 'data' },
  {
    case: 'malformed JSON in a form-encoded data wrapper',
    code: 'BAD_JSON',
    field: 'data',
    send: (t) =>
      api(t.server, 'POST', resourceUrl(ISSUE), 'data=%7Bbad', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  },
  { case: 'unknown doctype', send: post('No Such Type', { subject: 'x' }), code: 'DOCTYPE_NOT_FOUND', mentions: 'No Such Type' },
  { case: 'unknown field', send: post(ISSUE, sampleIssue({ colour: 'red' })), code: 'UNKNOWN_FIELD', field: 'colour' },
  {
    case: 'misspelled field',
    send: post(ISSUE, sampleIssue({ subjet: 'x' })),
    code: 'UNKNOWN_FIELD',
    field: 'subjet',
    mentions: 'Did you mean "subject"',
  },
  {
    case: 'misspelled field in a child row',
    send: post(ISSUE, item({ item: 'x', qtty: 2 })),
    code: 'UNKNOWN_FIELD',
    field: 'qtty',
    mentions: '"qty"',
  },
  {
    case: 'misspelled field on update',
    send: put('draft', { priorty: 2 }),
    code: 'UNKNOWN_FIELD',
    field: 'priorty',
    mentions: '"priority"',
  },
  { case: 'Int given "abc"', send: post(ISSUE, sampleIssue({ priority: 'abc' })), code: 'INVALID_VALUE', field: 'priority' },
  { case: 'Date given "31/12/2026"', send: post(ISSUE, sampleIssue({ due_date: '31/12/2026' })), code: 'INVALID_VALUE', field: 'due_date' },
  { case: 'Check given "yes"', send: post(ISSUE, sampleIssue({ urgent: 'yes' })), code: 'INVALID_VALUE', field: 'urgent' },
  { case: 'JSON given "{bad"', send: post(ISSUE, sampleIssue({ payload: '{bad' })), code: 'INVALID_VALUE', field: 'payload' },
  { case: 'wrong type on update', send: put('draft', { amount: 'lots' }), code: 'INVALID_VALUE', field: 'amount' },
  { case: 'missing mandatory field', send: post(ISSUE, sampleIssue({ subject: undefined })), code: 'MANDATORY_MISSING', field: 'subject' },
  { case: 'mandatory field emptied on update', send: put('draft', { subject: '' }), code: 'MANDATORY_MISSING', field: 'subject' },
  {
    case: 'missing mandatory field in a child row',
    send: post(ISSUE, item({ qty: 3 })),
    code: 'MANDATORY_MISSING',
    field: 'item',
    mentions: 'items row 2',
  },
  { case: 'invalid Select option', send: post(ISSUE, sampleIssue({ status: 'Pending' })), code: 'INVALID_SELECT_OPTION', field: 'status' },
  { case: 'duplicate name', send: post(NOTE, { name: 'note-1', title: 'again' }), code: 'DUPLICATE_NAME', field: 'name' },
  { case: 'unique violation', send: post(ISSUE, sampleIssue({ external_ref: 'EXT-1' })), code: 'UNIQUE_VIOLATION', field: 'external_ref' },
  {
    case: 'Link to a missing document',
    send: post(ISSUE, sampleIssue({ assigned_to: 'ghost@example.com' })),
    code: 'LINK_NOT_FOUND',
    field: 'assigned_to',
  },
  {
    case: 'Link to a missing document in a child row',
    send: post(ISSUE, item({ item: 'x', owner_user: 'ghost' })),
    code: 'LINK_NOT_FOUND',
    field: 'owner_user',
  },
  {
    case: 'submit of a non-submittable type on insert',
    send: post(NOTE, { name: 'note-2', docstatus: 1 }),
    code: 'NOT_SUBMITTABLE',
    field: 'docstatus',
  },
  {
    case: 'submit of a non-submittable type on update',
    send: put('note', { docstatus: 1 }, NOTE),
    code: 'NOT_SUBMITTABLE',
    field: 'docstatus',
  },
  { case: 'editing a submitted document', send: put('submitted', { subject: 'Changed' }), code: 'UPDATE_AFTER_SUBMIT', field: 'subject' },
  { case: "editing a submitted document's child rows", send: put('submitted', { items: [] }), code: 'UPDATE_AFTER_SUBMIT', field: 'items' },
  { case: 'editing a cancelled document', send: put('cancelled', { resolution: 'late' }), code: 'DOCUMENT_CANCELLED', field: 'docstatus' },
  { case: 'cancelling a draft', send: put('draft', { docstatus: 2 }), code: 'INVALID_DOCSTATUS', field: 'docstatus' },
  { case: 'invalid docstatus', send: put('draft', { docstatus: 7 }), code: 'INVALID_DOCSTATUS', field: 'docstatus' },
  { case: 'invalid filter (not JSON)', send: list({ filters: '[["subject", "=", ' }), code: 'INVALID_FILTER', mentions: 'filters' },
  {
    case: 'invalid filter (shape)',
    send: list({ filters: [['subject', '=', 'x', 'y', 'z']] }),
    code: 'INVALID_FILTER',
    mentions: 'filters',
  },
  {
    case: 'invalid filter (unknown field)',
    send: list({ filters: [['subjekt', '=', 'x']] }),
    code: 'INVALID_FIELD_NAME',
    field: 'subjekt',
    mentions: '"subject"',
  },
  { case: 'invalid operator', send: list({ filters: [['subject', '~=', 'x']] }), code: 'INVALID_FILTER', field: 'subject', mentions: '~=' },
  {
    case: 'invalid operator in or_filters',
    send: list({ or_filters: { priority: ['≥', 1] } }),
    code: 'INVALID_FILTER',
    field: 'priority',
    mentions: 'or_filters',
  },
  {
    case: 'order_by that tries SQL',
    send: list({ order_by: 'name; drop table "tabIssue"' }),
    code: 'INVALID_ORDER_BY',
    mentions: 'order_by',
  },
  { case: 'order_by with a subquery', send: list({ order_by: '(select 1) desc' }), code: 'INVALID_ORDER_BY', mentions: 'order_by' },
  {
    case: 'fields entry that tries SQL',
    send: list({ fields: ['name', 'subject from "tabUser"; --'] }),
    code: 'INVALID_FIELD_NAME',
    field: 'subject from "tabUser"; --',
  },
  {
    case: 'filter field that tries SQL',
    send: list({ filters: { 'name = name or 1': 1 } }),
    code: 'INVALID_FIELD_NAME',
    field: 'name = name or 1',
  },
  {
    case: 'body over 1 MiB',
    code: 'PAYLOAD_TOO_LARGE',
    mentions: 'too large',
    send: post(ISSUE, sampleIssue({ description: 'x'.repeat(1024 * 1024 + 10) })),
  },
  {
    case: 'bad input through frappe.client.set_value',
    code: 'UNKNOWN_FIELD',
    field: 'priorit',
    send: (t, target) =>
      api(t.server, 'POST', '/api/method/frappe.client.set_value', { doctype: ISSUE, name: target.draft, fieldname: 'priorit', value: 1 }),
  },
];

/** Every row of every table a write could touch, and the series counters: equal before and after means nothing was written. */
async function snapshot(t: TestApp, target: Targets): Promise<unknown> {
  const db = t.app.store.db;
  const counts: Record<string, number> = {};
  for (const table of ['tabIssue', 'tabIssue Item', 'tabVersion', 'tabPrompt Note', 'tabDocType', 'tabDocField', 'tabUser']) {
    const row = await db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  const series = await sql`select name, current from __series order by name`.execute(db);
  const docs = [];
  for (const name of [target.draft, target.submitted, target.cancelled])
    docs.push((await apiOk(t.server, 'GET', resourceUrl(ISSUE, name))).data);
  docs.push((await apiOk(t.server, 'GET', resourceUrl(NOTE, target.note))).data);
  return { counts, series: series.rows.map((r) => ({ ...(r as object) })), docs };
}

describe.each(await testDatabases())('bad input on $name', (db) => {
  let t: TestApp;
  let target: Targets;

  beforeAll(async () => {
    t = await startTestApp(db);
    await createIssueDoctypes(t.server);
    await apiOk(t.server, 'POST', resourceUrl('DocType'), {
      name: NOTE,
      autoname: 'prompt',
      fields: [{ fieldname: 'title', fieldtype: 'Data' }],
    });
    const create = async (body: unknown) => (await apiOk(t.server, 'POST', resourceUrl(ISSUE), body)).data.name as string;
    const draft = await create(sampleIssue({ subject: 'Draft', external_ref: 'EXT-1' }));
    const submitted = await create({ ...sampleIssue({ subject: 'Submitted' }), docstatus: 1 });
    const cancelled = await create({ ...sampleIssue({ subject: 'Cancelled' }), docstatus: 1 });
    await apiOk(t.server, 'PUT', resourceUrl(ISSUE, cancelled), { docstatus: 2 });
    await apiOk(t.server, 'POST', resourceUrl(NOTE), { name: 'note-1', title: 'first' });
    target = { draft, submitted, cancelled, note: 'note-1' };
  });
  afterAll(() => t.close());

  it.each(CASES)('$case → $code, Frappe-shaped, naming the field, nothing written', async (c) => {
    const before = await snapshot(t, target);
    const res = await c.send(t, target);
    const { status, excType } = ERROR_CATALOGUE[c.code];
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(res.body.error.code).toBe(c.code);
    expect(res.body.exc_type).toBe(excType);
    expect(res.body.exception).toBe(`frappe.exceptions.${excType}: ${res.body.error.message}`);
    const messages = serverMessages(res.body);
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toBe(res.body.error.message);
    if (c.field !== undefined) expect(res.body.error.details.field).toBe(c.field);
    if (c.mentions !== undefined) expect(res.body.error.message).toContain(c.mentions);
    expect(await snapshot(t, target)).toEqual(before);
  });

  it('the snapshot sees a write (control for "nothing written")', async () => {
    const before = await snapshot(t, target);
    await apiOk(t.server, 'PUT', resourceUrl(ISSUE, target.draft), { priority: 9 });
    expect(await snapshot(t, target)).not.toEqual(before);
  });
});
