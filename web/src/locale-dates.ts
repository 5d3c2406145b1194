/**
 * Dates, datetimes and times as a language writes them (31/12/2026 in French, 12/31/2026 in English),
 * read back into the forms the server stores: `2026-12-31`, `2026-12-31 14:05:00`, `14:05:00`.
 * Pure functions: the layout comes from `Intl.DateTimeFormat(language)`, nothing here touches the DOM.
 */

export type DateKind = 'Date' | 'Datetime' | 'Time';
export type DatePart = 'day' | 'month' | 'year';

/** How a language writes a date and a time. */
export interface DateLayout {
  /** The order of day, month and year: `['day', 'month', 'year']` in French. */
  order: DatePart[];
  /** What goes between them: `/` in English and French. */
  separator: string;
  /** The words after a 12-hour time (`['AM', 'PM']`), or undefined where the clock has 24 hours. */
  dayPeriods?: [string, string];
}

/** The letters a placeholder shows for each part: `{ day: 'jj', month: 'mm', year: 'aaaa', … }` in French. */
export type PlaceholderLetters = Record<DatePart | 'hour' | 'minute', string>;

/** A text read as a stored value (`''` for an empty text), or why it cannot be one. */
export type ParsedDate = { value: string } | { error: 'format' | 'impossible' };

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const SAMPLE = new Date(2026, 11, 31, 14, 5);

/** The layout of `language`'s short numeric dates and times, from Intl. */
export function dateLayout(language: string): DateLayout {
  const parts = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(SAMPLE);
  const order = parts.map((p) => p.type).filter((type): type is DatePart => type === 'day' || type === 'month' || type === 'year');
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '/';
  const time = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
  if (!time.resolvedOptions().hour12) return { order, separator };
  const period = (hour: number) =>
    time.formatToParts(new Date(2026, 0, 1, hour)).find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
  return { order, separator, dayPeriods: [period(9), period(21)] };
}

/** What to type, for the input's placeholder: `jj/mm/aaaa`, `mm/dd/yyyy hh:mm AM/PM`, `hh:mm`. */
export function datePlaceholder(kind: DateKind, layout: DateLayout, letters: PlaceholderLetters): string {
  const date = layout.order.map((part) => letters[part]).join(layout.separator);
  const time = `${letters.hour}:${letters.minute}${layout.dayPeriods ? ` ${layout.dayPeriods.join('/')}` : ''}`;
  return kind === 'Date' ? date : kind === 'Time' ? time : `${date} ${time}`;
}

/** A stored value as `layout` writes it; a value that is not in a stored form is returned unchanged. */
export function formatStoredDate(stored: string, kind: DateKind, layout: DateLayout): string {
  const parts = storedParts(stored, kind);
  if (!parts) return stored;
  const date = () =>
    layout.order.map((part) => (part === 'year' ? String(parts.year).padStart(4, '0') : pad(parts[part]))).join(layout.separator);
  const time = () => {
    const seconds = parts.second ? `:${pad(parts.second)}` : '';
    if (!layout.dayPeriods) return `${pad(parts.hour)}:${pad(parts.minute)}${seconds}`;
    const hour = parts.hour % 12 || 12;
    return `${hour}:${pad(parts.minute)}${seconds} ${layout.dayPeriods[parts.hour < 12 ? 0 : 1]}`;
  };
  return kind === 'Date' ? date() : kind === 'Time' ? time() : `${date()} ${time()}`;
}

/**
 * What a person typed, read in `layout` (any of / . - or spaces between the date's numbers; a date
 * typed the stored way, 2026-12-31, is understood too), as the value to store. A Datetime without a
 * time is midnight. `format`: not a date of that shape; `impossible`: the shape is right but there is
 * no such day or time (31/02/2026, 25:00).
 */
export function parseLocalDate(text: string, kind: DateKind, layout: DateLayout): ParsedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { value: '' };
  if (kind === 'Time') {
    const time = readTime(trimmed, layout);
    return 'error' in time ? time : { value: storedTime(time) };
  }
  let dateText = trimmed;
  let time: ReturnType<typeof readTime> = { hour: 0, minute: 0, second: 0 };
  const split = kind === 'Datetime' ? DATE_THEN_TIME.exec(trimmed) : null;
  if (split) {
    dateText = split[1];
    time = readTime(split[2], layout);
  }
  const date = readDate(dateText, layout);
  if ('error' in date) return date;
  if ('error' in time) return time;
  const day = `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
  return { value: kind === 'Date' ? day : `${day} ${storedTime(time)}` };
}

/** The value of a native picker (`<input type=date|datetime-local|time>`) for a stored value, or ''. */
export function pickerValue(stored: string, kind: DateKind): string {
  const parts = storedParts(stored, kind);
  if (!parts) return '';
  const day = `${String(parts.year).padStart(4, '0')}-${pad(parts.month)}-${pad(parts.day)}`;
  return kind === 'Date' ? day : kind === 'Time' ? storedTime(parts) : `${day}T${storedTime(parts)}`;
}

/** A native picker's value as the value to store ('' when the picker was cleared). */
export function fromPickerValue(value: string, kind: DateKind): string {
  if (!value) return '';
  if (kind === 'Date') return value;
  const withSeconds = (time: string) => (time.length === 5 ? `${time}:00` : time.slice(0, 8));
  if (kind === 'Time') return withSeconds(value);
  const [day, time = '00:00'] = value.split('T');
  return `${day} ${withSeconds(time)}`;
}

/** A datetime's text: its date (three numbers, or eight digits), then a comma, spaces or `T`, then its time. */
const DATE_THEN_TIME = /^(\d{1,4}[\s/.-]+\d{1,2}[\s/.-]+\d{1,4}|\d{8})(?:\s*,\s*|\s+|T)(\S.*)$/;

function readDate(text: string, layout: DateLayout): { year: number; month: number; day: number } | { error: 'format' | 'impossible' } {
  let numbers: string[];
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    numbers = layout.order.map((part) => iso[{ year: 1, month: 2, day: 3 }[part]]);
  } else if (/^\d{8}$/.test(text)) {
    // typed without separators: two digits for the day and month, four for the year
    let at = 0;
    numbers = layout.order.map((part) => text.slice(at, (at += part === 'year' ? 4 : 2)));
  } else {
    numbers = text.split(/[\s/.-]+/);
    if (numbers.length !== 3 || !numbers.every((n) => /^\d+$/.test(n))) return { error: 'format' };
  }
  const value = (part: DatePart) => numbers[layout.order.indexOf(part)];
  const [year, month, day] = [value('year'), value('month'), value('day')];
  if (month.length > 2 || day.length > 2 || (year.length !== 4 && year.length !== 2)) return { error: 'format' };
  const parsed = { year: Number(year) + (year.length === 2 ? 2000 : 0), month: Number(month), day: Number(day) };
  if (parsed.year < 1 || parsed.month < 1 || parsed.month > 12 || parsed.day < 1 || parsed.day > daysInMonth(parsed.year, parsed.month))
    return { error: 'impossible' };
  return parsed;
}

function readTime(text: string, layout: DateLayout): { hour: number; minute: number; second: number } | { error: 'format' | 'impossible' } {
  // 14:05, 14:05:30, 2:05 PM, 14h05, 14h
  const m = /^(\d{1,2})(?:\s*[:hH]\s*(\d{2})?)?(?:\s*:\s*(\d{2}))?\s*(.*)$/.exec(text);
  if (!m) return { error: 'format' };
  const [, h, min = '0', s = '0', periodText] = m;
  const period = dayPeriodOf(periodText, layout);
  if (period === undefined) return { error: 'format' };
  let hour = Number(h);
  if (period !== 'none') {
    if (hour < 1 || hour > 12) return { error: 'impossible' };
    hour = (hour % 12) + (period === 'pm' ? 12 : 0);
  }
  const time = { hour, minute: Number(min), second: Number(s) };
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return { error: 'impossible' };
  return time;
}

/** `am`/`pm` for a day period written after a time (the layout's words, or AM/PM, a/p), `none` for none. */
function dayPeriodOf(text: string, layout: DateLayout): 'am' | 'pm' | 'none' | undefined {
  const word = text.replace(/[\s.]/g, '').toLowerCase();
  if (word === '') return 'none';
  const [am, pm] = (layout.dayPeriods ?? ['AM', 'PM']).map((p) => p.replace(/[\s.]/g, '').toLowerCase());
  if (word === am || word === 'am' || word === 'a') return 'am';
  if (word === pm || word === 'pm' || word === 'p') return 'pm';
  return undefined;
}

function storedParts(stored: string, kind: DateKind): Parts | undefined {
  const m =
    kind === 'Time'
      ? /^()()()(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(stored)
      : /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(stored);
  if (!m) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = m;
  return { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
}

function storedTime(t: { hour: number; minute: number; second: number }): string {
  return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0); // day 0 of the next month (setUTCFullYear keeps years below 100 as they are)
  return lastDay.getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
