import { describe, expect, it } from 'vitest';
import { RelaisError } from '../errors/relais-error.ts';
import { coerceFieldValue, defaultValue } from './field-values.ts';
import type { DocField, FieldType } from './meta.ts';

const field = (fieldtype: FieldType, extra: Partial<DocField> = {}): DocField => ({ fieldname: 'f', fieldtype, ...extra });
const loc = { doctype: 'Issue', fieldname: 'f' };

describe('coerceFieldValue', () => {
  it.each<[FieldType, unknown, unknown]>([
    ['Int', '5', 5],
    ['Int', 7, 7],
    ['Int', '', null],
    ['Int', null, null],
    ['Float', '1.5', 1.5],
    ['Currency', 40000, 40000],
    ['Percent', '12', 12],
    ['Check', true, 1],
    ['Check', '0', 0],
    ['Check', false, 0],
    ['Date', '2026-02-28', '2026-02-28'],
    ['Datetime', '2026-11-27T10:20:30Z', '2026-11-27 10:20:30'],
    ['Datetime', '2026-11-27 10:20', '2026-11-27 10:20:00'],
    ['Datetime', '2026-11-27 10:20:30.5', '2026-11-27 10:20:30.500000'],
    ['Time', '9:05', '09:05:00'],
    ['JSON', '{"a":1}', { a: 1 }],
    ['JSON', [1, 2], [1, 2]],
    ['Data', 42, '42'],
    ['Text Editor', '<p>x</p>', '<p>x</p>'],
  ])('%s accepts %j as %j', (fieldtype, input, expected) => {
    expect(coerceFieldValue(field(fieldtype), input, loc)).toEqual(expected);
  });

  it.each<[FieldType, unknown]>([
    ['Int', 'abc'],
    ['Int', 1.5],
    ['Int', true],
    ['Float', 'x1'],
    ['Check', 'yes'],
    ['Check', 2],
    ['Date', '31/12/2026'],
    ['Date', '2026-02-30'],
    ['Datetime', 'tomorrow'],
    ['Time', '25:00'],
    ['JSON', '{bad'],
    ['Data', { a: 1 }],
    ['Data', 'x'.repeat(141)],
    ['Table', 'rows'],
  ])('%s refuses %j with INVALID_VALUE naming the field', (fieldtype, input) => {
    const error = (() => {
      try {
        coerceFieldValue(field(fieldtype), input, loc);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RelaisError);
    expect((error as RelaisError).code).toBe('INVALID_VALUE');
    expect((error as RelaisError).details.field).toBe('f');
    expect((error as RelaisError).message).toContain('Issue: f');
  });

  it('checks Select options, allowing empty', () => {
    const select = field('Select', { options: 'Open\nClosed' });
    expect(coerceFieldValue(select, 'Open', loc)).toBe('Open');
    expect(coerceFieldValue(select, '', loc)).toBe('');
    expect(() => coerceFieldValue(select, 'Nope', loc)).toThrow(/should be one of "Open", "Closed"/);
  });

  it('names the child row in messages', () => {
    expect(() => coerceFieldValue(field('Int'), 'x', { doctype: 'Issue', fieldname: 'qty', row: 2, tablefield: 'items' })).toThrow(
      'Issue: items row 2: qty (Int) expects a whole number',
    );
  });
});

describe('defaultValue', () => {
  const now = new Date('2026-11-27T18:00:00Z');
  it('resolves Today and now, numbers default to 0', () => {
    expect(defaultValue(field('Date', { default: 'Today' }), now)).toBe('2026-11-27');
    expect(defaultValue(field('Datetime', { default: 'now' }), now)).toBe('2026-11-27 18:00:00');
    expect(defaultValue(field('Int'), now)).toBe(0);
    expect(defaultValue(field('Check', { default: '1' }), now)).toBe(1);
    expect(defaultValue(field('Data'), now)).toBeNull();
    expect(defaultValue(field('Table'), now)).toEqual([]);
  });
});
