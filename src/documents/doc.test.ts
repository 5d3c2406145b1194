import { describe, expect, it } from 'vitest';
import { nowDatetime, writeTimestamp } from './doc.ts';

describe('writeTimestamp', () => {
  it('never hands out the same timestamp twice, even within one millisecond', () => {
    const stamps = Array.from({ length: 500 }, () => writeTimestamp());
    expect(new Set(stamps).size).toBe(500);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it("follows the document's current modified when that is ahead of the clock", () => {
    const ahead = nowDatetime(new Date(Date.now() + 60_000));
    const next = writeTimestamp(ahead);
    expect(next > ahead).toBe(true);
    expect(next.slice(0, 23)).toBe(ahead.slice(0, 23));
    expect(writeTimestamp() > next).toBe(true);
  });

  it('carries a microsecond over into the next second, and reads timestamps without a fraction', () => {
    const future = new Date(Date.now() + 3_600_000);
    const base = nowDatetime(future).slice(0, 19);
    expect(writeTimestamp(`${base}.999999`)).toBe(`${nowDatetime(new Date(future.getTime() + 1000)).slice(0, 19)}.000000`);
    const later = nowDatetime(new Date(Date.now() + 7_200_000)).slice(0, 19);
    expect(writeTimestamp(later)).toBe(`${later}.000001`);
  });
});
