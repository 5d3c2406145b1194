import type { NotificationEvent } from './events.ts';

/** A calendar day as Relais stores Date fields: `YYYY-MM-DD`. */
export type Day = string;

/** The calendar day and wall-clock time (`HH:MM`) of an instant in an IANA time zone. */
export function localDayAndTime(instant: Date, timeZone: string): { day: Day; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** `day` moved by `days` (negative for earlier). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The days whose daily scan is due, oldest first: every day after `lastScannedDay` up to today — today
 * only once the scan time of day has passed — and no further back than `horizonDays` before today.
 * A day missed while Relais was down is caught up on start; a day already scanned is never scanned again.
 */
export function daysToScan(lastScannedDay: Day | null, now: Date, timeZone: string, scanTime: string, horizonDays: number): Day[] {
  const { day: today, time } = localDayAndTime(now, timeZone);
  const newest = time >= scanTime ? today : addDays(today, -1);
  const oldestAllowed = addDays(today, -horizonDays);
  let day = lastScannedDay ? addDays(lastScannedDay, 1) : newest;
  if (day < oldestAllowed) day = oldestAllowed;
  const days: Day[] = [];
  for (; day <= newest; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The date a document's date field must hold for a Days Before/After rule to fire on `scanDay`:
 * Days Before N looks N days ahead (the date is coming), Days After N looks N days back.
 */
export function referenceDay(event: NotificationEvent, daysInAdvance: number, scanDay: Day): Day {
  if (event === 'Days Before') return addDays(scanDay, daysInAdvance);
  if (event === 'Days After') return addDays(scanDay, -daysInAdvance);
  throw new Error(`referenceDay: ${event} is not a day event`);
}

/** A half-open window `(from, to]` of instants. */
export interface Window {
  from: Date;
  to: Date;
}

/**
 * The datetimes a Minutes Before/After rule covers when the scheduler runs at `now` after last
 * running at `lastRun` (Frappe's offset alerts): Before N covers `(lastRun + N, now + N]`, After N
 * covers `(lastRun − N, now − N]`. Consecutive runs tile time without gaps or overlaps; a late run
 * widens its window, and a first run (or one after a long stop) reaches back at most `horizonMs`.
 */
export function minutesWindow(event: NotificationEvent, offsetMinutes: number, lastRun: Date | null, now: Date, horizonMs: number): Window {
  const shift = (event === 'Minutes Before' ? 1 : event === 'Minutes After' ? -1 : NaN) * offsetMinutes * 60_000;
  if (Number.isNaN(shift)) throw new Error(`minutesWindow: ${event} is not a minutes event`);
  const earliest = now.getTime() - horizonMs;
  const start = lastRun === null ? now.getTime() - 60_000 : Math.max(lastRun.getTime(), earliest);
  return { from: new Date(start + shift), to: new Date(now.getTime() + shift) };
}
