import { describe, expect, it } from 'vitest';
import { term, tr } from '../i18n/text.ts';
import { textFromWire, textToWire } from './wire-text.ts';

describe('a Text across the worker boundary', () => {
  it('travels as plain data and is said in French again on the other side, terms and nested texts included', () => {
    const inner = tr`${term('Issue')} ${'NOPE-1'} not found`;
    const text = tr`${'frappe.get_doc'}(): ${inner}`;
    // What postMessage does to it: a structured clone keeps data, not classes.
    const wire = structuredClone(textToWire(text));
    expect(wire).toEqual({
      template: '{0}(): {1}',
      values: ['frappe.get_doc', { template: '{0} {1} not found', values: [{ term: 'Issue' }, 'NOPE-1'] }],
    });
    const back = textFromWire(wire);
    expect(String(back)).toBe('frappe.get_doc(): Issue NOPE-1 not found');
    expect(back.in('fr')).toBe(text.in('fr'));
    expect(back.in('fr')).toMatch(/^frappe\.get_doc\(\) : .* NOPE-1 introuvable$/);
  });

  it('keeps numbers and says other values as strings', () => {
    expect(textToWire(tr`the output is larger than ${65536} bytes`).values).toEqual([65536]);
    expect(textToWire(tr`${null} is not a real date`).values).toEqual(['null']);
  });
});
