/** Date helpers of `frappe.utils`, on Relais's text dates (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.ffffff]`). */
import { tr } from '../i18n/text.ts';
import { TemplateTextError } from './engine-errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/;

interface Parts {
  y: number;
  m: number;
  d: number;
  time: string | null;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function parse(value: unknown): Parts {
  const m = typeof value === 'string' ? DATE_RE.exec(value.trim()) : null;
  if (!m) throw new TemplateTextError(tr`${JSON.stringify(value ?? null)} is not a date (expected YYYY-MM-DD)`);
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw new TemplateTextError(tr`${value} is not a real date`);
  const time = m[4] ? `${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}` : null;
  return { y, m: mo, d, time };
}

function format(p: Parts): string {
  const date = `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
  return p.time ? `${date} ${p.time}` : date;
}

function fromUtc(date: Date, time: string | null): Parts {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), time };
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
function zonedFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zonedFormats.set(timeZone, format);
  }
  return format;
}

/** Date and time now in `timeZone`: `{ date: 'YYYY-MM-DD', time: 'HH:MM:SS' }`. */
export function zonedNow(timeZone: string, now = new Date()): { date: string; time: string } {
  const parts = zonedFormat(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}` };
}

/** `getdate(value)`: the date part of a date or datetime, today (in `timeZone`) when empty. */
export function getdate(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return zonedNow(timeZone).date;
  return format({ ...parse(value), time: null });
}

/** `get_datetime(value)`: `YYYY-MM-DD HH:MM:SS[.ffffff]`, now (in `timeZone`) when empty. */
export function getDatetime(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') {
    const now = zonedNow(timeZone);
    return `${now.date} ${now.time}`;
  }
  const p = parse(value);
  return format({ ...p, time: p.time ?? '00:00:00' });
}

/** `add_days(date, days)`: keeps a time part when there is one. */
export function addDays(value: unknown, days: unknown): string {
  const p = parse(value);
  const date = new Date(Date.UTC(p.y, p.m - 1, p.d + Math.trunc(Number(days) || 0)));
  return format(fromUtc(date, p.time));
}

/** `add_months(date, months)`: the day is clamped to the end of a shorter month (Python's relativedelta). */
export function addMonths(value: unknown, months: unknown): string {
  const p = parse(value);
  const total = p.y * 12 + (p.m - 1) + Math.trunc(Number(months) || 0);
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return format({ y, m, d: Math.min(p.d, lastDay), time: p.time });
}

/** `date_diff(a, b)`: whole days from b to a. */
export function dateDiff(a: unknown, b: unknown): number {
  const pa = parse(a);
  const pb = parse(b);
  return Math.round((Date.UTC(pa.y, pa.m - 1, pa.d) - Date.UTC(pb.y, pb.m - 1, pb.d)) / 86_400_000);
}

/**
 * `format_date(date, format)` with Frappe's date formats (`dd-mm-yyyy` default, `mm/dd/yyyy`,
 * `yyyy-mm-dd`, `dd.mm.yyyy`…): `dd`, `mm`/`MM`, `yyyy`, `yy`.
 */
export function formatDate(value: unknown, pattern: unknown = 'dd-mm-yyyy'): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parse(value);
  return String(pattern || 'dd-mm-yyyy').replace(/yyyy|yy|dd|mm|MM/g, (token) => {
    if (token === 'yyyy') return pad(p.y, 4);
    if (token === 'yy') return pad(p.y % 100);
    if (token === 'dd') return pad(p.d);
    return pad(p.m);
  });
}

/** `format_datetime(datetime, format)`: the date as format_date, then `HH:mm:ss`. */
export function formatDatetime(value: unknown, pattern: unknown = 'dd-mm-yyyy'): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parse(value);
  return `${formatDate(value, pattern)} ${(p.time ?? '00:00:00').slice(0, 8)}`;
}
