import { describe, expect, it } from 'vitest';
import type { DocTypeMeta, FieldType } from '../documents/meta.ts';
import { valueChanged } from './value-change.ts';

const meta: DocTypeMeta = {
  name: 'Issue',
  fields: (
    [
      ['status', 'Select'],
      ['subject', 'Data'],
      ['priority', 'Int'],
      ['urgent', 'Check'],
      ['total', 'Currency'],
      ['rate', 'Float'],
      ['due_date', 'Date'],
      ['due_at', 'Datetime'],
      ['at', 'Time'],
      ['payload', 'JSON'],
      ['owner_user', 'Link'],
    ] as Array<[string, FieldType]>
  ).map(([fieldname, fieldtype]) => ({ fieldname, fieldtype })),
  permissions: [],
};

describe('valueChanged (Frappe cast semantics)', () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['status', 'Open', 'Closed', true],
    ['status', 'Open', 'Open', false],
    ['subject', null, '', false],
    ['subject', undefined, '', false],
    ['subject', null, 'x', true],
    ['priority', null, 0, false],
    ['priority', '5', 5, false],
    ['priority', 5, 6, true],
    ['urgent', 0, null, false],
    ['urgent', 0, 1, true],
    ['total', null, 0, false],
    ['total', 40000, 40000.0, false],
    ['total', 40000, 40000.5, true],
    ['rate', '1.50', 1.5, false],
    ['due_date', '2026-11-27', '2026-11-27', false],
    ['due_date', null, '', false],
    ['due_date', '2026-11-27', '2026-11-28', true],
    ['due_at', '2026-11-27 10:00:00', '2026-11-27T10:00:00Z', false],
    ['due_at', '2026-11-27 10:00:00', '2026-11-27 10:00:00.000000', false],
    ['due_at', '2026-11-27 10:00:00', '2026-11-27 10:00:01', true],
    ['at', '9:05', '09:05:00', false],
    ['payload', { a: 1 }, { a: 1 }, false],
    ['payload', { a: 1 }, { a: 2 }, true],
    ['payload', null, '', false],
    ['owner_user', null, 'admin@example.com', true],
    ['docstatus', 0, 1, true],
  ])('%s: %j → %j changed=%s', (field, before, after, expected) => {
    expect(valueChanged(meta, field, { [field]: before }, { [field]: after })).toBe(expected);
  });

  it('never reports a change without a previous state (creation)', () => {
    expect(valueChanged(meta, 'status', null, { status: 'Open' })).toBe(false);
  });
});
