import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from './catalogue.ts';

/** Rows of the table in docs/errors.md: | `CODE` | status | exc_type | when | */
function documentedCodes(): Map<string, { status: number; excType: string }> {
  const text = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { status: number; excType: string }>();
  for (const match of text.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (\w+) \|/gm)) {
    rows.set(match[1], { status: Number(match[2]), excType: match[3] });
  }
  return rows;
}

describe('error catalogue', () => {
  it('documents every code with its status and exc_type, and nothing else', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(documented.get(code), code).toEqual({ status: entry.status, excType: entry.excType });
    }
  });

  it('uses client-error statuses for everything but INTERNAL_ERROR', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      if (code === 'INTERNAL_ERROR') expect(entry.status).toBe(500);
      else expect(entry.status >= 400 && entry.status < 500, code).toBe(true);
    }
  });
});
