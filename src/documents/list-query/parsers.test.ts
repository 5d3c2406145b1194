import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../errors/relais-error.ts';
import { suggestField } from './field-names.ts';
import { parseAsDict } from './list-query.ts';
import { parsePaging } from './paging.ts';
import { parseFields } from './parse-fields.ts';
import { parseFilters } from './parse-filters.ts';
import { defaultOrderBy, parseOrderBy } from './parse-order-by.ts';
import { TASK_META } from '../../../test/support/task-table.ts';

const errorOf = (fn: () => unknown): RelaisError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof RelaisError) return err;
    throw err;
  }
  throw new Error('expected a RelaisError');
};

describe('parseFilters', () => {
  it('normalises operators and coerces values to the column class', () => {
    expect(
      parseFilters(
        [
          ['priority', ' >= ', '3'],
          ['status', '<>', 7],
          ['amount', 'BETWEEN', ['1.5', 2]],
          ['name', 'Not  In', 'a, b'],
          ['urgent', 'is', ' Not Set '],
          ['priority', '=', null],
          ['status', '=', null],
          ['priority', 'in', ''],
        ],
        TASK_META,
        'filters',
      ),
    ).toEqual([
      { field: 'priority', operator: '>=', value: 3 },
      { field: 'status', operator: '!=', value: '7' },
      { field: 'amount', operator: 'between', value: [1.5, 2] },
      { field: 'name', operator: 'not in', value: ['a', 'b'] },
      { field: 'urgent', operator: 'is', value: 'not set' },
      { field: 'priority', operator: '=', value: 0 },
      { field: 'status', operator: '=', value: '' },
      { field: 'priority', operator: 'in', value: [0] },
    ]);
  });

  it('widens date-only between bounds on datetime columns only', () => {
    expect(
      parseFilters(
        { modified: ['between', ['2024-01-01', '2024-01-31']], due_date: ['between', ['2024-01-01', '2024-01-31']] },
        TASK_META,
        'filters',
      ),
    ).toEqual([
      { field: 'modified', operator: 'between', value: ['2024-01-01 00:00:00.000000', '2024-01-31 23:59:59.999999'] },
      { field: 'due_date', operator: 'between', value: ['2024-01-01', '2024-01-31'] },
    ]);
  });

  it('names the parameter, position, field and operator of an error', () => {
    const err = errorOf(() => parseFilters('[["status","=","a"],["priority","<",{}]]', TASK_META, 'or_filters'));
    expect(err.code).toBe('INVALID_FILTER');
    expect(err.message).toBe('Filter 2 in or_filters: "<" on priority expects a number, got an object');
    expect(err.details).toEqual({ param: 'or_filters', index: 1, field: 'priority', operator: '<' });
  });

  it('rejects a value that is neither a list nor an object', () => {
    expect(errorOf(() => parseFilters('"status = 1"', TASK_META, 'filters')).message).toContain(
      'filters must be a list of filters or an object',
    );
    expect(errorOf(() => parseFilters(42, TASK_META, 'filters')).code).toBe('INVALID_FILTER');
  });
});

describe('suggestField', () => {
  it('suggests close column names only', () => {
    expect(suggestField(TASK_META, 'Stauts')).toBe('status');
    expect(suggestField(TASK_META, 'due_dat')).toBe('due_date');
    expect(suggestField(TASK_META, 'customer')).toBeUndefined();
    expect(suggestField(TASK_META, 'item')).toBeUndefined(); // `items` is a table field, not a column
  });
});

describe('parseFields', () => {
  it('defaults to name and expands *', () => {
    expect(parseFields(undefined, TASK_META)).toEqual([{ field: 'name', alias: 'name' }]);
    expect(parseFields('*', TASK_META).map((f) => f.field)).toEqual([
      'name',
      'owner',
      'creation',
      'modified',
      'modified_by',
      'docstatus',
      'idx',
      'status',
      'priority',
      'amount',
      'due_date',
      'description',
      'urgent',
    ]);
    expect(parseFields(['`tabTest Task`.*'], TASK_META)).toHaveLength(13);
  });

  it('rejects an alias used for two columns', () => {
    const err = errorOf(() => parseFields(['status as x', 'priority AS `x`'], TASK_META));
    expect(err.code).toBe('INVALID_FIELD_NAME');
    expect(err.message).toBe('fields: "x" names both status and priority');
  });
});

describe('parseOrderBy', () => {
  it('parses terms and defaults', () => {
    expect(parseOrderBy(' `tabTest Task`.`modified`  DESC , name ', TASK_META)).toEqual([
      { field: 'modified', direction: 'desc' },
      { field: 'name', direction: 'asc' },
    ]);
    expect(defaultOrderBy(TASK_META)).toEqual([{ field: 'modified', direction: 'desc' }]);
    expect(defaultOrderBy({ ...TASK_META, sort_field: 'priority desc, idx asc' })).toEqual([
      { field: 'priority', direction: 'desc' },
      { field: 'idx', direction: 'asc' },
    ]);
  });

  it('rejects non-strings and empty terms', () => {
    expect(errorOf(() => parseOrderBy(['name'], TASK_META)).code).toBe('INVALID_ORDER_BY');
    expect(errorOf(() => parseOrderBy('name,,idx', TASK_META)).message).toContain('empty term');
  });
});

describe('parsePaging and parseAsDict', () => {
  it('defaults to the first 20 rows', () => {
    expect(parsePaging({})).toEqual({ start: 0, pageLength: 20 });
    expect(parsePaging({ limit_start: '', limit_page_length: null })).toEqual({ start: 0, pageLength: 20 });
    expect(parsePaging({ limit_start: ' 40 ', limit: 10 })).toEqual({ start: 40, pageLength: 10 });
  });

  it('names the bad parameter', () => {
    const err = errorOf(() => parsePaging({ limit_start: '-5' }));
    expect(err.code).toBe('INVALID_PAGING');
    expect(err.details).toEqual({ param: 'limit_start', value: '-5' });
  });

  it('reads as_dict like Frappe', () => {
    expect([false, 'false', 'False', 0, '0'].map(parseAsDict)).toEqual([false, false, false, false, false]);
    expect([undefined, true, 'true', 1, '1'].map(parseAsDict)).toEqual([true, true, true, true, true]);
  });
});
