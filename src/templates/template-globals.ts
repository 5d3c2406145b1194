import type { Environment } from 'minijinja-js';
import { term, tr, type Text } from '../i18n/text.ts';
import { TemplateTextError, textOfError } from './engine-errors.ts';
import { addDays, addMonths, dateDiff, formatDate, formatDatetime, getDatetime, getdate, zonedNow } from './date-helpers.ts';
import { chatEscape, cint, cstr, escapeHtml, flt, fmtMoney, linkToForm, markdownEscape, stripHtml, urlToForm } from './text-helpers.ts';
import type { DataOp } from './worker-protocol.ts';

/** What the helpers need from the worker that hosts them. */
export interface HelperHost {
  siteUrl: string;
  timeZone: string;
  /** Synchronous data-source call (blocks the worker thread until the main thread answers). */
  callMain(op: DataOp, args: unknown[]): unknown;
  /** Records a helper failure: the job fails with this message even if the template swallowed the value. */
  onError(message: Text): void;
}

type Helper = (...args: unknown[]) => unknown;

/** Plain data with BigInts as numbers, so helpers do ordinary arithmetic. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * Wraps a helper with Python-style parameters: minijinja passes keyword arguments as a trailing Map.
 * A throwing helper would panic the engine, so errors are recorded and `undefined` is returned
 * (which the strict engine then refuses to print).
 */
function helper(name: string, params: string[], fn: Helper, host: HelperHost): Helper {
  return (...raw: unknown[]) => {
    try {
      const last = raw[raw.length - 1];
      const kwargs = last instanceof Map ? (plain(raw.pop()) as Record<string, unknown>) : {};
      const args = raw.map(plain);
      for (const [key, value] of Object.entries(kwargs)) {
        const position = params.indexOf(key);
        if (position < 0) throw new TemplateTextError(tr`unexpected keyword argument '${key}'`);
        args[position] = value;
      }
      const result = fn(...args);
      return result === undefined ? null : result;
    } catch (error) {
      host.onError(tr`${name}(): ${textOfError(error)}`);
      return undefined;
    }
  };
}

function getValue(host: HelperHost, doctype: unknown, filters: unknown, fieldname: unknown = 'name', asDict: unknown = false): unknown {
  const fields = Array.isArray(fieldname) ? fieldname.map(cstr) : [cstr(fieldname)];
  const row = host.callMain('getValue', [cstr(doctype), filters ?? cstr(doctype), fields]) as Record<string, unknown> | null;
  if (row === null) return null;
  if (asDict) return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
  if (!Array.isArray(fieldname)) return row[fields[0]] ?? null;
  return fields.map((f) => row[f] ?? null);
}

/** The global names templates and conditions see: `frappe` (utils, db.get_value, get_doc), `nowdate`, `now`, `_`. */
export function buildGlobals(host: HelperHost): Record<string, unknown> {
  const tz = host.timeZone;
  const h = (name: string, params: string[], fn: Helper) => helper(name, params, fn, host);
  const nowdate = h('nowdate', [], () => zonedNow(tz).date);
  const now = h('now', [], () => `${getDatetime(null, tz)}.000000`);
  const utils = {
    nowdate,
    today: nowdate,
    now,
    getdate: h('getdate', ['string_date'], (v) => getdate(v, tz)),
    get_datetime: h('get_datetime', ['datetime_str'], (v) => getDatetime(v, tz)),
    add_days: h('add_days', ['date', 'days'], addDays),
    add_months: h('add_months', ['date', 'months'], addMonths),
    date_diff: h('date_diff', ['string_ed_date', 'string_st_date'], dateDiff),
    format_date: h('format_date', ['string_date', 'format_string'], formatDate),
    format_datetime: h('format_datetime', ['datetime_string', 'format_string'], formatDatetime),
    fmt_money: h('fmt_money', ['amount', 'precision', 'currency', 'format'], fmtMoney),
    flt: h('flt', ['s', 'precision'], flt),
    cint: h('cint', ['s'], cint),
    cstr: h('cstr', ['s'], cstr),
    get_url_to_form: h('get_url_to_form', ['doctype', 'name'], (d, n) => urlToForm(host.siteUrl, d, n)),
    get_link_to_form: h('get_link_to_form', ['doctype', 'name', 'label'], (d, n, l) => linkToForm(host.siteUrl, d, n, l)),
    strip_html: h('strip_html', ['text'], stripHtml),
    escape_html: h('escape_html', ['text'], escapeHtml),
  };
  const db = {
    get_value: h('frappe.db.get_value', ['doctype', 'filters', 'fieldname', 'as_dict'], (d, f, n, a) => getValue(host, d, f, n, a)),
  };
  const getDoc = h('frappe.get_doc', ['doctype', 'name'], (doctype, name) => {
    const found = host.callMain('getDoc', [cstr(doctype), cstr(name)]);
    if (found === null) throw new TemplateTextError(tr`${term(cstr(doctype))} ${cstr(name)} not found`);
    return found;
  });
  return { frappe: { utils, db, get_doc: getDoc }, nowdate, now, _: h('_', ['msg'], (msg) => cstr(msg)) };
}

/** Registers the globals and the escaping and Frappe filters on a minijinja environment. */
export function registerHelpers(env: Environment, host: HelperHost): void {
  for (const [name, value] of Object.entries(buildGlobals(host))) env.addGlobal(name, value);
  const h = (name: string, params: string[], fn: Helper) => helper(name, params, fn, host);

  const filters: Record<string, Helper> = {
    google_chat_escape: chatEscape,
    slack_escape: chatEscape,
    markdown_escape: markdownEscape,
    html_escape: escapeHtml,
    flt,
    cint,
    cstr,
    int: cint,
    str: cstr,
    len: (v) => (Array.isArray(v) ? v.length : typeof v === 'string' ? [...v].length : Object.keys(Object(v)).length),
    json: (v) => JSON.stringify(v),
  };
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, h(`|${name}`, [], fn));
  env.addTest('None', (value: unknown) => value === null || value === undefined);
}
