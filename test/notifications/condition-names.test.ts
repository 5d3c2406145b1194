import { describe, expect, it } from 'vitest';
import { buildGlobals } from '../../src/templates/template-globals.ts';
import { CONDITION_FUNCTIONS } from '../../web/src/notification/condition-names.ts';

/** The dotted paths of every function under `value`. */
function functionPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => functionPaths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('the condition editor’s completions', () => {
  it('offer exactly the functions a condition may call on the server', () => {
    const globals = buildGlobals({ siteUrl: 'http://relais.test', timeZone: 'UTC', callMain: () => null, onError: () => undefined });
    expect(CONDITION_FUNCTIONS.map((f) => f.path).sort()).toEqual(functionPaths(globals).sort());
  });
});
