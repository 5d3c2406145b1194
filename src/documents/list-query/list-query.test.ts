import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestStoreHandle } from '../../../test/support/databases.ts';
import { RelaisError } from '../../errors/relais-error.ts';
import type { DocTypeMeta } from '../meta.ts';
import { applyConditions, countDocuments, doctypeTable, runListQuery, type ListParams } from './list-query.ts';
import { createTaskTable, TASK_META } from '../../../test/support/task-table.ts';

const t = (...ids: number[]) => ids.map((i) => `T-${String(i).padStart(2, '0')}`);
const all = t(...Array.from({ length: 20 }, (_, i) => i + 1));
const except = (...ids: number[]) => all.filter((n) => !t(...ids).includes(n));

describe.each(await testDatabases())('list query on $name', (database) => {
  let handle: TestStoreHandle;
  beforeAll(async () => {
    handle = await database.create();
    await createTaskTable(handle.store);
  });
  afterAll(async () => handle?.dispose());

  const list = (params: ListParams, meta: DocTypeMeta = TASK_META) => runListQuery(handle.store.db, handle.store.adapter, meta, params);
  /** Names matching `filters`, in name order, unpaged. */
  const names = async (filters: unknown, or_filters?: unknown) =>
    ((await list({ filters, or_filters, order_by: 'name asc', limit: 0 })) as { name: string }[]).map((r) => r.name);

  describe('operators', () => {
    it.each([
      ['= on text', ['status', '=', 'Open'], t(1, 2, 8, 10, 13, 16, 18)],
      ['!= matches NULL and empty text', ['status', '!=', 'Open'], t(3, 4, 5, 6, 7, 9, 11, 12, 14, 15, 17, 19, 20)],
      ['<> is !=', ['status', '<>', 'Open'], t(3, 4, 5, 6, 7, 9, 11, 12, 14, 15, 17, 19, 20)],
      ["= '' matches NULL", ['status', '=', ''], t(6, 7, 20)],
      ['> on Int', ['priority', '>', 3], t(10, 11, 16, 17)],
      ['< on Int counts NULL as 0', ['priority', '<', 1], t(6, 7, 12, 18)],
      ['>= on Int', ['priority', '>=', 5], t(10, 17)],
      ['<= on Int', ['priority', '<=', 1], t(1, 4, 6, 7, 12, 13, 18, 19)],
      ['!= on Int', ['priority', '!=', 2], except(2, 5, 9, 14, 20)],
      ['= 0 on Int matches NULL', ['priority', '=', 0], t(6, 7, 12, 18)],
      ['numeric string on Int', ['priority', '=', '3'], t(3, 8, 15)],
      ['fraction on Int', ['priority', '>', 1.5], t(2, 3, 5, 8, 9, 10, 11, 14, 15, 16, 17, 20)],
      ['> on Currency', ['amount', '>', 100], t(11)],
      ['>= on Currency', ['amount', '>=', '100'], t(10, 11)],
      ['< on Currency counts NULL as 0', ['amount', '<', 10], t(4, 5, 6, 7)],
      ['= float string', ['amount', '=', '10.5'], t(1)],
      ['< on Date counts NULL as empty', ['due_date', '<', '2024-02-01'], t(1, 2, 6, 7, 12)],
      ['>= on Date', ['due_date', '>=', '2024-08-01'], t(18, 19, 20)],
      ['like is case-insensitive', ['description', 'like', '%printer%'], t(1, 2)],
      ['like prefix', ['description', 'like', 'CALL%'], t(6, 7)],
      ['not like matches NULL', ['description', 'not like', '%printer%'], except(1, 2)],
      ['like: _ is a wildcard', ['description', 'like', 'Email_report'], t(8, 9)],
      ['like: \\_ is a literal underscore', ['description', 'like', 'Email\\_report'], t(8)],
      ['like: \\% is a literal percent', ['description', 'like', '100\\%%'], t(5)],
      ['like on an Int column', ['priority', 'like', '%5%'], t(10, 17)],
      ['in (list)', ['status', 'in', ['Open', 'Pending']], t(1, 2, 5, 8, 10, 12, 13, 15, 16, 18, 19)],
      ['in (comma string)', ['status', 'in', 'Open, Pending'], t(1, 2, 5, 8, 10, 12, 13, 15, 16, 18, 19)],
      ["in with '' matches NULL", ['status', 'in', ['', 'Cancelled']], t(6, 7, 9, 20)],
      ["in () is in ('')", ['status', 'in', []], t(6, 7, 20)],
      ['not in matches NULL', ['status', 'not in', ['Open', 'Closed']], t(5, 6, 7, 9, 12, 15, 19, 20)],
      ['in on Int', ['priority', 'in', [4, 5]], t(10, 11, 16, 17)],
      ['in on Int (comma string)', ['priority', 'in', '4,5'], t(10, 11, 16, 17)],
      ['not in on Int', ['priority', 'not in', [1, 2, 3]], t(6, 7, 10, 11, 12, 16, 17, 18)],
      ['between on Int', ['priority', 'between', [2, 3]], t(2, 3, 5, 8, 9, 14, 15, 20)],
      ['between on Date', ['due_date', 'between', ['2024-02-01', '2024-03-01']], t(3, 4, 5)],
      ['between dates on Datetime covers whole days', ['creation', 'between', ['2024-01-03', '2024-01-05']], t(3, 4, 5)],
      ['is set', ['status', 'is', 'set'], except(6, 7, 20)],
      ['is not set', ['status', 'is', 'not set'], t(6, 7, 20)],
      ['is not set on NULL text', ['description', 'is', 'not set'], t(4, 12)],
      ['is set on Check', ['urgent', 'is', 'set'], t(1, 5, 10)],
      ['is not set on Check', ['urgent', 'is', 'not set'], except(1, 5, 10)],
      ['operator case and spacing', ['status', '  NOT   IN ', 'Open,Closed'], t(5, 6, 7, 9, 12, 15, 19, 20)],
      ['values are parameters, not SQL', ['name', '=', "x' or '1'='1"], []],
    ])('%s', async (_label, filter, expected) => {
      expect(await names([filter])).toEqual(expected);
    });
  });

  describe('filter forms', () => {
    const open = t(1, 2, 8, 10, 13, 16, 18);
    it.each([
      ['list of [field, op, value]', [['status', '=', 'Open']]],
      ['[doctype, field, op, value]', [['Test Task', 'status', '=', 'Open']]],
      ['[field, value]', [['status', 'Open']]],
      ['a single flat filter', ['status', '=', 'Open']],
      ['{field: value}', { status: 'Open' }],
      ['{field: [op, value]}', { status: ['=', 'Open'] }],
      ['a list of objects', [{ status: 'Open' }]],
      ['a JSON string', '[["status","=","Open"]]'],
      ['tabDocType.field', [['tabTest Task.status', '=', 'Open']]],
      ['`tabDocType`.`field`', [['`tabTest Task`.`status`', '=', 'Open']]],
    ])('%s', async (_label, filters) => {
      expect(await names(filters)).toEqual(open);
    });

    it('takes {field: ["is", "set"]} and {field: [op, list]}', async () => {
      expect(await names({ description: ['is', 'not set'] })).toEqual(t(4, 12));
      expect(await names({ priority: ['in', [4, 5]], status: 'Open' })).toEqual(t(10, 16));
    });

    it('treats no filters as all rows', async () => {
      for (const empty of [undefined, null, '', '[]', '{}', [], {}]) expect(await names(empty)).toEqual(all);
    });

    it('ANDs filters', async () => {
      expect(
        await names([
          ['status', '=', 'Open'],
          ['priority', '>=', 3],
        ]),
      ).toEqual(t(8, 10, 16));
    });

    it('ORs or_filters and ANDs the group with filters', async () => {
      const or = [
        ['status', '=', 'Closed'],
        ['priority', '=', 5],
      ];
      expect(await names(undefined, or)).toEqual(t(3, 4, 10, 11, 14, 17));
      expect(await names([['docstatus', '=', 0]], or)).toEqual(t(4, 10, 17));
      expect(await names(undefined, JSON.stringify({ status: 'Cancelled', urgent: 1 }))).toEqual(t(1, 5, 9, 10));
    });
  });

  describe('fields', () => {
    const one = async (params: ListParams) => (await list({ ...params, filters: { name: 'T-11' } }))[0];

    it('returns name only by default', async () => {
      expect(await one({})).toEqual({ name: 'T-11' });
    });

    it('returns the listed fields in order, numbers as numbers', async () => {
      const row = await one({ fields: ['name', 'status', 'priority', 'amount'] });
      expect(Object.keys(row)).toEqual(['name', 'status', 'priority', 'amount']);
      expect(row).toEqual({ name: 'T-11', status: 'Closed', priority: 4, amount: 110.75 });
    });

    it('expands * to every column, not table fields', async () => {
      const row = (await one({ fields: '["*"]' })) as Record<string, unknown>;
      expect(Object.keys(row).sort()).toEqual([
        'amount',
        'creation',
        'description',
        'docstatus',
        'due_date',
        'idx',
        'modified',
        'modified_by',
        'name',
        'owner',
        'priority',
        'status',
        'urgent',
      ]);
      expect(row).toMatchObject({ docstatus: 1, idx: 11, urgent: 0, due_date: '2024-05-01', description: 'backup db' });
    });

    it('takes aliases, Frappe table spellings and comma strings', async () => {
      expect(await one({ fields: ['status as state', '`tabTest Task`.`priority` as prio', 'tabTest Task.idx'] })).toEqual({
        state: 'Closed',
        prio: 4,
        idx: 11,
      });
      expect(await one({ fields: 'name, status' })).toEqual({ name: 'T-11', status: 'Closed' });
    });

    it('returns NULLs as null', async () => {
      const [row] = await list({ fields: ['priority', 'amount', 'due_date'], filters: { name: 'T-06' } });
      expect(row).toEqual({ priority: null, amount: null, due_date: null });
    });

    it('returns lists of values in field order when as_dict is false', async () => {
      for (const as_dict of [false, 'false', 0, '0']) {
        const rows = await list({
          fields: ['priority', 'name', 'amount'],
          filters: { name: ['in', ['T-10', 'T-01']] },
          order_by: 'name',
          as_dict,
        });
        expect(rows).toEqual([
          [1, 'T-01', 10.5],
          [5, 'T-10', 100],
        ]);
      }
    });
  });

  describe('order_by', () => {
    const order = async (order_by: unknown, meta?: DocTypeMeta) =>
      ((await list({ order_by, limit: 0 }, meta)) as { name: string }[]).map((r) => r.name);

    it('defaults to modified desc', async () => {
      expect(await order(undefined)).toEqual([...all].reverse());
      expect(await order('')).toEqual([...all].reverse());
    });

    it('defaults to the doctype sort field, docstatus first when submittable', async () => {
      expect((await order(undefined, { ...TASK_META, sort_field: 'idx', sort_order: 'ASC' }))[0]).toBe('T-01');
      const submittable = await order(undefined, { ...TASK_META, is_submittable: 1 });
      expect(submittable[0]).toBe('T-20');
      expect(submittable.slice(-3)).toEqual(t(11, 3, 14));
    });

    it('sorts on several terms, NULLs first ascending and last descending', async () => {
      expect((await order('priority asc, name asc')).slice(0, 8)).toEqual(t(6, 12, 7, 18, 1, 4, 13, 19));
      const desc = await order('priority DESC, name desc');
      expect(desc.slice(0, 4)).toEqual(t(17, 10, 16, 11));
      expect(desc.slice(-2)).toEqual(t(12, 6));
    });

    it('takes Frappe table spellings', async () => {
      expect((await order('`tabTest Task`.`idx` desc'))[0]).toBe('T-20');
      expect((await order('tabTest Task.amount')).slice(0, 4)).toEqual(t(6, 4, 5, 7));
    });
  });

  describe('paging', () => {
    const page = async (params: ListParams) => ((await list({ ...params, order_by: 'name asc' })) as { name: string }[]).map((r) => r.name);

    it('applies limit_start and limit_page_length', async () => {
      expect(await page({ limit_start: 5, limit_page_length: 5 })).toEqual(t(6, 7, 8, 9, 10));
      expect(await page({ limit_start: '18', limit_page_length: '0' })).toEqual(t(19, 20));
    });

    it('takes limit as an alias, limit_page_length first', async () => {
      expect(await page({ limit: '3' })).toEqual(t(1, 2, 3));
      expect(await page({ limit_page_length: 2, limit: 5 })).toEqual(t(1, 2));
    });

    it('pages 20 rows by default and none with 0', async () => {
      expect(await page({ limit_start: 2 })).toHaveLength(18);
      expect(await page({ limit_page_length: 0 })).toEqual(all);
    });
  });

  describe('count and reuse', () => {
    const count = (filters: unknown, orFilters?: unknown) =>
      countDocuments(handle.store.db, handle.store.adapter, TASK_META, filters, orFilters);

    it('counts matching rows', async () => {
      expect(await count(undefined)).toBe(20);
      expect(await count({ status: 'Open' })).toBe(7);
      expect(
        await count('[["docstatus","=",0]]', [
          ['status', '=', 'Closed'],
          ['priority', '=', 5],
        ]),
      ).toBe(3);
    });

    it("adds conditions to a caller's own query", async () => {
      const qb = handle.store.db.selectFrom(doctypeTable(TASK_META)).select('description').orderBy('name');
      const rows = await applyConditions(qb, handle.store.adapter, TASK_META, [['status', '=', 'Open']], { urgent: 1 }).execute();
      expect(rows).toEqual([{ description: 'Fix the Printer' }, { description: 'BACKUP server' }]);
    });
  });

  describe('bad input', () => {
    it.each([
      ['unknown field', { filters: [['nope', '=', 1]] }, 'INVALID_FIELD_NAME', ['Filter 1 in filters', 'unknown field "nope"']],
      [
        'misspelled field',
        { filters: { status: 'Open', stauts: 'Open' } },
        'INVALID_FIELD_NAME',
        ['Filter 2 in filters', '"stauts"', 'did you mean "status"'],
      ],
      ['table field', { filters: [['items', '=', 'x']] }, 'INVALID_FIELD_NAME', ['"items"']],
      [
        'SQL as a field',
        { filters: [['name; drop table x', '=', 1]] },
        'INVALID_FIELD_NAME',
        ['"name; drop table x" is not a valid field name'],
      ],
      ['bad operator', { filters: [['status', '~~', 'x']] }, 'INVALID_FILTER', ['Filter 1 in filters: unknown operator "~~"']],
      [
        'bad operator in or_filters',
        {
          or_filters: [
            ['status', '=', 'x'],
            ['status', 'regexp', 'x'],
          ],
        },
        'INVALID_FILTER',
        ['Filter 2 in or_filters', '"regexp"'],
      ],
      ['between with one value', { filters: [['priority', 'between', [1]]] }, 'INVALID_FILTER', ['"between" on priority', 'two values']],
      ['in with an object', { filters: [['status', 'in', { a: 1 }]] }, 'INVALID_FILTER', ['"in" on status', 'an object']],
      ['text for an Int field', { filters: { priority: 'high' } }, 'INVALID_FILTER', ['priority', 'expects a number', '"high"']],
      ['list for =', { filters: [['status', '=', ['a']]] }, 'INVALID_FILTER', ['"=" on status', 'single value']],
      ['bad is value', { filters: [['status', 'is', 'maybe']] }, 'INVALID_FILTER', ['"is" expects "set" or "not set"']],
      ['other doctype', { filters: [['ToDo', 'status', '=', 'Open']] }, 'INVALID_FILTER', ['"ToDo"', 'Test Task']],
      ['other table spelling', { filters: [['`tabToDo`.`status`', '=', 'Open']] }, 'INVALID_FILTER', ['"ToDo"']],
      ['raw SQL filter', { filters: ["status = 'Open'"] }, 'INVALID_FILTER', ['Filter 1 in filters']],
      ['filter of five', { filters: [['a', 'b', 'c', 'd', 'e']] }, 'INVALID_FILTER', ['list of 5']],
      ['bad JSON', { filters: '[["status"' }, 'INVALID_FILTER', ['filters is not valid JSON']],
      ['SQL in fields', { fields: ['name; drop table x'] }, 'INVALID_FIELD_NAME', ['fields', '"name; drop table x"']],
      ['subquery in fields', { fields: ['(select 1)'] }, 'INVALID_FIELD_NAME', ['fields', '"(select 1)"']],
      ['function in fields', { fields: ['count(*) as n'] }, 'INVALID_FIELD_NAME', ['fields', 'count(*)']],
      ['misspelled field in fields', { fields: ['name', 'prority'] }, 'INVALID_FIELD_NAME', ['"prority"', 'did you mean "priority"']],
      ['unsafe alias', { fields: ['name as "x; drop"'] }, 'INVALID_FIELD_NAME', ['fields', 'name as']],
      ['other table in fields', { fields: ['`tabUser`.`name`'] }, 'INVALID_FIELD_NAME', ['"User"']],
      ['SQL in order_by', { order_by: 'name; drop table x' }, 'INVALID_ORDER_BY', ['order_by', '"name; drop table x"']],
      ['subquery in order_by', { order_by: '(select 1) desc' }, 'INVALID_ORDER_BY', ['order_by']],
      ['function in order_by', { order_by: 'sleep(5)' }, 'INVALID_ORDER_BY', ['order_by', 'sleep(5)']],
      ['unknown field in order_by', { order_by: 'modifed desc' }, 'INVALID_ORDER_BY', ['"modifed"', 'did you mean "modified"']],
      ['bad direction', { order_by: 'name sideways' }, 'INVALID_ORDER_BY', ['"name sideways"']],
      ['negative limit', { limit_page_length: -1 }, 'INVALID_PAGING', ['limit_page_length', 'non-negative integer']],
      ['fractional limit', { limit: 1.5 }, 'INVALID_PAGING', ['limit must']],
      ['text limit_start', { limit_start: 'abc' }, 'INVALID_PAGING', ['limit_start', '"abc"']],
    ] as [string, ListParams, string, string[]][])('%s → %s', async (_label, params, code, parts) => {
      const err = await list(params).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RelaisError);
      expect((err as RelaisError).code).toBe(code);
      for (const part of parts) expect((err as RelaisError).message).toContain(part);
    });

    it('reports where a filter error is', async () => {
      const err = (await list({
        or_filters: [
          ['status', '=', 'x'],
          ['priority', 'between', 'x'],
        ],
      }).catch((e) => e)) as RelaisError;
      expect(err.details).toEqual({ param: 'or_filters', index: 1, field: 'priority', operator: 'between' });
    });

    it('leaves the table intact', async () => {
      expect(await countDocuments(handle.store.db, handle.store.adapter, TASK_META, undefined)).toBe(20);
    });
  });
});
