import { describe, expect, it } from 'vitest';
import { addDays, daysToScan, localDayAndTime, minutesWindow, referenceDay } from './schedule.ts';

const DAY = 24 * 3600 * 1000;

describe('daily scans', () => {
  it('reads the day and time in the site time zone', () => {
    const instant = new Date('2026-11-27T23:30:00Z');
    expect(localDayAndTime(instant, 'UTC')).toEqual({ day: '2026-11-27', time: '23:30' });
    expect(localDayAndTime(instant, 'Europe/Paris')).toEqual({ day: '2026-11-28', time: '00:30' });
    expect(localDayAndTime(instant, 'America/New_York')).toEqual({ day: '2026-11-27', time: '18:30' });
  });

  it('scans today once the scan time has passed, and never a day twice', () => {
    const morning = new Date('2026-11-27T06:00:00Z');
    const noon = new Date('2026-11-27T12:00:00Z');
    expect(daysToScan('2026-11-26', morning, 'UTC', '09:00', 2)).toEqual([]);
    expect(daysToScan('2026-11-26', noon, 'UTC', '09:00', 2)).toEqual(['2026-11-27']);
    expect(daysToScan('2026-11-27', noon, 'UTC', '09:00', 2)).toEqual([]);
  });

  it('catches up the days missed while down, up to the horizon', () => {
    const noon = new Date('2026-11-27T12:00:00Z');
    expect(daysToScan('2026-11-24', noon, 'UTC', '09:00', 2)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(daysToScan('2026-11-01', noon, 'UTC', '09:00', 2)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(daysToScan(null, noon, 'UTC', '09:00', 2)).toEqual(['2026-11-27']);
  });

  it('computes reference dates across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(referenceDay('Days Before', 3, '2026-12-30')).toBe('2027-01-02');
    expect(referenceDay('Days After', 1, '2026-03-01')).toBe('2026-02-28');
    expect(referenceDay('Days Before', 0, '2026-11-27')).toBe('2026-11-27');
  });
});

describe('minutes windows', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const lastRun = new Date('2026-11-27T11:59:00Z');

  it('shifts the window forward for Minutes Before and back for Minutes After', () => {
    expect(minutesWindow('Minutes Before', 30, lastRun, now, 2 * DAY)).toEqual({
      from: new Date('2026-11-27T12:29:00Z'),
      to: new Date('2026-11-27T12:30:00Z'),
    });
    expect(minutesWindow('Minutes After', 30, lastRun, now, 2 * DAY)).toEqual({
      from: new Date('2026-11-27T11:29:00Z'),
      to: new Date('2026-11-27T11:30:00Z'),
    });
  });

  it('tiles consecutive runs without gaps or overlaps, and bounds a catch-up by the horizon', () => {
    const first = minutesWindow('Minutes Before', 10, lastRun, now, 2 * DAY);
    const next = minutesWindow('Minutes Before', 10, now, new Date(now.getTime() + 60_000), 2 * DAY);
    expect(next.from).toEqual(first.to);
    const afterOutage = minutesWindow('Minutes After', 10, new Date('2026-11-01T00:00:00Z'), now, 2 * DAY);
    expect(afterOutage.from).toEqual(new Date(now.getTime() - 2 * DAY - 10 * 60_000));
  });
});
