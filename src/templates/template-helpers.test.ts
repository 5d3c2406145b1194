import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dateDiff, formatDate, formatDatetime, getDatetime, getdate, zonedNow } from './date-helpers.ts';
import { excerptOf, problemFromEngineError } from './engine-errors.ts';
import { checkExpressionNames } from './expression-names.ts';
import type { TemplateProblem } from './template-types.ts';
import {
  chatEscape,
  cint,
  cstr,
  doctypeSlug,
  escapeHtml,
  flt,
  fmtMoney,
  linkToForm,
  markdownEscape,
  stripHtml,
  urlToForm,
} from './text-helpers.ts';

/** A problem with its message in English (a `Text` says itself in English as a string), as tests compare it. */
const english = (problem: TemplateProblem | null) => problem && { ...problem, message: String(problem.message) };

describe('date helpers', () => {
  it('computes dates in the configured time zone', () => {
    const instant = new Date('2026-03-01T23:30:00Z');
    expect(zonedNow('UTC', instant)).toEqual({ date: '2026-03-01', time: '23:30:00' });
    expect(zonedNow('Europe/Paris', instant)).toEqual({ date: '2026-03-02', time: '00:30:00' });
  });

  it('adds days and months like Frappe', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-03-01 10:00:00', -1)).toBe('2024-02-29 10:00:00');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 2)).toBe('2025-02-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(dateDiff('2024-03-01', '2024-02-01')).toBe(29);
  });

  it('parses and formats dates', () => {
    expect(getdate('2024-05-06 12:00:00', 'UTC')).toBe('2024-05-06');
    expect(getDatetime('2024-05-06', 'UTC')).toBe('2024-05-06 00:00:00');
    expect(formatDate('2024-05-06')).toBe('06-05-2024');
    expect(formatDate('2024-05-06', 'mm/dd/yyyy')).toBe('05/06/2024');
    expect(formatDatetime('2024-05-06 07:08:09.123000')).toBe('06-05-2024 07:08:09');
    expect(() => getdate('2024-02-30', 'UTC')).toThrow(/not a real date/);
    expect(() => addDays('soon', 1)).toThrow(/not a date/);
  });
});

describe('text helpers', () => {
  it('converts numbers leniently', () => {
    expect(flt('1,234.567', 2)).toBe(1234.57);
    expect(flt('abc')).toBe(0);
    expect(cint('12.9')).toBe(12);
    expect(cint(null)).toBe(0);
    expect(cstr(null)).toBe('');
    expect(cstr(5)).toBe('5');
  });

  it('formats money', () => {
    expect(fmtMoney(1234567.891)).toBe('1,234,567.89');
    expect(fmtMoney(1234.5, null, 'EUR')).toBe('€ 1,234.50');
    expect(fmtMoney(-1234.5, 0, null, '#.###,##')).toBe('-1.235');
    expect(fmtMoney(1234.5, 2, 'USD', '# ###.##')).toBe('$ 1 234.50');
  });

  it('builds links to forms', () => {
    expect(doctypeSlug('Sales Invoice')).toBe('sales-invoice');
    expect(urlToForm('https://erp.example.com/', 'Issue', 'ISS-1')).toBe('https://erp.example.com/app/issue/ISS-1');
    expect(linkToForm('https://x.test', 'Issue', 'ISS-1', 'A & B')).toBe('<a href="https://x.test/app/issue/ISS-1">A &amp; B</a>');
  });

  it('escapes for each chat service', () => {
    expect(chatEscape('a < b & c > d "q"')).toBe('a &lt; b &amp; c &gt; d "q"');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(markdownEscape('*bold* _it_ [l](u) `c` ~s~')).toBe('\\*bold\\* \\_it\\_ \\[l\\]\\(u\\) \\`c\\` \\~s\\~');
    // A document value cannot ping a channel: an @ that could start a mention gets a zero-width space.
    expect(markdownEscape('@channel @all (@here) @jean-luc')).toBe('@\u200bchannel @\u200ball \\(@\u200bhere\\) @\u200bjean\\-luc');
    // An @ inside a word (an e-mail address) cannot start a mention and stays as written.
    expect(markdownEscape('jean@acme.fr')).toBe('jean@acme\\.fr');
    expect(markdownEscape('@')).toBe('@');
    expect(stripHtml('<p>Hello <b>you</b></p>')).toBe('Hello you');
  });
});

describe('engine error parsing', () => {
  it('reads line, column and excerpt from a minijinja debug message', () => {
    const message = [
      'syntax error: unexpected end of variable block (in <string>:2)',
      '---------------------------------- <string> -----------------------------------',
      '   1 | a',
      '   2 > é {{ x + }}',
      '     i          ^^ syntax error',
    ].join('\n');
    const p = problemFromEngineError(new Error(message), 'a\né {{ x + }}');
    expect(english(p)).toMatchObject({
      code: 'TEMPLATE_SYNTAX',
      message: 'syntax error: unexpected end of variable block',
      line: 2,
      column: 10,
    });
    expect(p.excerpt).toBe('é {{ x + }}\n         ^');
    expect(excerptOf('x', 3, null)).toBeNull();
  });
});

describe('expression name check', () => {
  const context = { doc: { status: 'Open', items: [{ qty: 1 }] }, frappe: { utils: { add_days: () => null } }, nowdate: () => null };

  it('accepts known names, methods, filters, tests and keyword arguments', () => {
    for (const ok of [
      'doc.status == "Open" and not doc.items',
      'doc.status.lower() in ["open", "closed"]',
      'doc.items[0].qty > 1',
      'doc.status is not none and doc.status is None',
      'frappe.utils.add_days(nowdate(), days=1) > "2024"',
      'doc.status|lower == "dco.x"',
      'True if doc.status else False',
    ]) {
      expect(checkExpressionNames(ok, context), ok).toBeNull();
    }
  });

  it('reports unknown variables and fields with their position', () => {
    expect(english(checkExpressionNames('dco.status', context))).toMatchObject({
      line: 1,
      column: 1,
      message: "unknown name 'dco' (did you mean 'doc'?)",
    });
    expect(english(checkExpressionNames('doc.status == "x" or\n doc.statsu', context))).toMatchObject({
      line: 2,
      column: 6,
      message: "unknown field 'statsu' of doc (did you mean 'status'?)",
    });
    expect(checkExpressionNames('frappe.utils.nope()', context)).toMatchObject({ code: 'TEMPLATE_UNKNOWN_NAME', column: 14 });
  });
});
