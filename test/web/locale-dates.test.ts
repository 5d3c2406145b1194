import { describe, expect, it } from 'vitest';
import {
  dateLayout,
  datePlaceholder,
  formatStoredDate,
  fromPickerValue,
  parseLocalDate,
  pickerValue,
  type DateKind,
} from '../../web/src/locale-dates.ts';

const fr = dateLayout('fr');
const en = dateLayout('en');
const FR_LETTERS = { day: 'jj', month: 'mm', year: 'aaaa', hour: 'hh', minute: 'mm' };
const EN_LETTERS = { day: 'dd', month: 'mm', year: 'yyyy', hour: 'hh', minute: 'mm' };

describe('dateLayout', () => {
  it('reads the order, the separator and the clock from Intl', () => {
    expect(fr).toEqual({ order: ['day', 'month', 'year'], separator: '/' });
    expect(en).toEqual({ order: ['month', 'day', 'year'], separator: '/', dayPeriods: ['AM', 'PM'] });
    expect(dateLayout('de')).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
  });
});

describe('datePlaceholder', () => {
  it('spells the expected format in the language', () => {
    expect(datePlaceholder('Date', fr, FR_LETTERS)).toBe('jj/mm/aaaa');
    expect(datePlaceholder('Datetime', fr, FR_LETTERS)).toBe('jj/mm/aaaa hh:mm');
    expect(datePlaceholder('Date', en, EN_LETTERS)).toBe('mm/dd/yyyy');
    expect(datePlaceholder('Datetime', en, EN_LETTERS)).toBe('mm/dd/yyyy hh:mm AM/PM');
    expect(datePlaceholder('Time', fr, FR_LETTERS)).toBe('hh:mm');
  });
});

describe('formatStoredDate', () => {
  it.each<[DateKind, string, string, string]>([
    ['Date', '2026-12-31', '31/12/2026', '12/31/2026'],
    ['Date', '2026-03-01', '01/03/2026', '03/01/2026'],
    ['Datetime', '2026-12-31 14:05:00', '31/12/2026 14:05', '12/31/2026 2:05 PM'],
    ['Datetime', '2026-12-31 00:30:15.250000', '31/12/2026 00:30:15', '12/31/2026 12:30:15 AM'],
    ['Time', '09:05:00', '09:05', '9:05 AM'],
    ['Time', '12:00:00', '12:00', '12:00 PM'],
  ])('%s %s → %s (fr), %s (en)', (kind, stored, inFrench, inEnglish) => {
    expect(formatStoredDate(stored, kind, fr)).toBe(inFrench);
    expect(formatStoredDate(stored, kind, en)).toBe(inEnglish);
  });

  it('leaves a value that is not in a stored form as it is', () => {
    expect(formatStoredDate('31/02/2026', 'Date', fr)).toBe('31/02/2026');
    expect(formatStoredDate('', 'Date', fr)).toBe('');
  });
});

describe('parseLocalDate', () => {
  it.each<[DateKind, string, string]>([
    ['Date', '31/12/2026', '2026-12-31'],
    ['Date', ' 1/3/2026 ', '2026-03-01'],
    ['Date', '31.12.2026', '2026-12-31'],
    ['Date', '31-12-26', '2026-12-31'],
    ['Date', '31122026', '2026-12-31'],
    ['Date', '2026-12-31', '2026-12-31'],
    ['Date', '29/02/2028', '2028-02-29'],
    ['Date', '', ''],
    ['Datetime', '31/12/2026 14:05', '2026-12-31 14:05:00'],
    ['Datetime', '31/12/2026 14h05', '2026-12-31 14:05:00'],
    ['Datetime', '31/12/2026, 9:05:30', '2026-12-31 09:05:30'],
    ['Datetime', '2026-12-31T14:05', '2026-12-31 14:05:00'],
    ['Datetime', '31/12/2026', '2026-12-31 00:00:00'],
    ['Time', '9:05', '09:05:00'],
    ['Time', '14h', '14:00:00'],
    ['Time', '23:59:59', '23:59:59'],
  ])('French: %s %j → %j', (kind, text, value) => {
    expect(parseLocalDate(text, kind, fr)).toEqual({ value });
  });

  it.each<[DateKind, string, string]>([
    ['Date', '12/31/2026', '2026-12-31'],
    ['Date', '3/1/2026', '2026-03-01'],
    ['Datetime', '12/31/2026, 2:05 PM', '2026-12-31 14:05:00'],
    ['Datetime', '12/31/2026 12:15 am', '2026-12-31 00:15:00'],
    ['Datetime', '12/31/2026 14:05', '2026-12-31 14:05:00'],
    ['Time', '9 p.m.', '21:00:00'],
    ['Time', '12:00 PM', '12:00:00'],
  ])('English: %s %j → %j', (kind, text, value) => {
    expect(parseLocalDate(text, kind, en)).toEqual({ value });
  });

  it.each<[DateKind, string, 'format' | 'impossible', typeof fr]>([
    ['Date', '31/02/2026', 'impossible', fr],
    ['Date', '29/02/2027', 'impossible', fr],
    ['Date', '12/31/2026', 'impossible', fr], // the English way, read in French: month 31
    ['Date', '31/12/2026', 'impossible', en],
    ['Date', '00/12/2026', 'impossible', fr],
    ['Date', 'demain', 'format', fr],
    ['Date', '31/12', 'format', fr],
    ['Date', '31/12/202', 'format', fr],
    ['Date', '31/12/2026 14:05', 'format', fr],
    ['Datetime', '31/12/2026 25:00', 'impossible', fr],
    ['Datetime', '31/12/2026 13:00 PM', 'impossible', en],
    ['Datetime', '31/12/2026 14:05 heures', 'format', fr],
    ['Time', '14:60', 'impossible', fr],
    ['Time', '14:5', 'format', fr],
  ])('%s %j: %s', (kind, text, error, layout) => {
    expect(parseLocalDate(text, kind, layout)).toEqual({ error });
  });

  it('reads back what it formats', () => {
    for (const layout of [fr, en])
      for (const [kind, stored] of [
        ['Date', '2026-01-09'],
        ['Datetime', '2026-07-04 23:45:00'],
        ['Datetime', '2026-07-04 00:00:07'],
        ['Time', '12:30:00'],
      ] as const)
        expect(parseLocalDate(formatStoredDate(stored, kind, layout), kind, layout)).toEqual({ value: stored });
  });
});

describe('native picker values', () => {
  it('converts between stored values and <input type=date|datetime-local|time> values', () => {
    expect(pickerValue('2026-12-31', 'Date')).toBe('2026-12-31');
    expect(pickerValue('2026-12-31 14:05:00.000000', 'Datetime')).toBe('2026-12-31T14:05:00');
    expect(pickerValue('9:05:00', 'Time')).toBe('09:05:00');
    expect(pickerValue('31/12/2026', 'Date')).toBe('');
    expect(fromPickerValue('2026-12-31', 'Date')).toBe('2026-12-31');
    expect(fromPickerValue('2026-12-31T14:05', 'Datetime')).toBe('2026-12-31 14:05:00');
    expect(fromPickerValue('14:05', 'Time')).toBe('14:05:00');
    expect(fromPickerValue('', 'Time')).toBe('');
  });
});
