import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestStoreHandle } from '../../test/support/databases.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { nextSeriesName, parseAutoname, validateName } from './naming.ts';

describe('parseAutoname', () => {
  it('understands Frappe rules', () => {
    expect(parseAutoname(undefined)).toEqual({ kind: 'hash' });
    expect(parseAutoname('hash')).toEqual({ kind: 'hash' });
    expect(parseAutoname('Prompt')).toEqual({ kind: 'prompt' });
    expect(parseAutoname('field:email')).toEqual({ kind: 'field', fieldname: 'email' });
    expect(parseAutoname('ISS-.#####')).toEqual({ kind: 'series', pattern: 'ISS-.#####' });
    expect(() => parseAutoname('autoincrement-ish')).toThrow(RelaisError);
  });

  it('refuses names with slashes, control characters or too long', () => {
    expect(validateName('Issue', '  A-1 ')).toBe('A-1');
    for (const bad of ['', 'a/b', 'a?b', 'x'.repeat(141), '\u0000', 12]) expect(() => validateName('Issue', bad)).toThrow(RelaisError);
  });
});

describe.each(await testDatabases())('naming series on $name', (db) => {
  let handle: TestStoreHandle;
  beforeAll(async () => {
    handle = await db.create();
  });
  afterAll(() => handle.dispose());

  it('counts per prefix, pads, expands dates and fields', async () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const next = (pattern: string, doc: Record<string, unknown> = {}) =>
      handle.store.db.transaction().execute((trx) => nextSeriesName(trx, pattern, now, doc));
    expect(await next('ISS-.#####')).toBe('ISS-00001');
    expect(await next('ISS-.#####')).toBe('ISS-00002');
    expect(await next('INV-.YYYY.-.MM.-.####')).toBe('INV-2026-11-0001');
    expect(await next('INV-.YY.-.###')).toBe('INV-26-001');
    expect(await next('{branch}-.##', { branch: 'LYON' })).toBe('LYON-01');
    expect(await next('ISS-.#####')).toBe('ISS-00003');
  });
});
