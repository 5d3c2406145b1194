import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, DEFAULT_MAX_ATTEMPTS, MAX_DELAY_MS, retryDelayMs } from './retry-policy.ts';

describe('retry policy', () => {
  it('doubles the ceiling from 5 minutes up to 6 hours, so ten attempts span at most about a day', () => {
    const ceilings = Array.from({ length: DEFAULT_MAX_ATTEMPTS - 1 }, (_, i) => backoffCeilingMs(i + 1) / 60_000);
    expect(ceilings).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
    const hours = ceilings.reduce((a, b) => a + b, 0) / 60;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(24);
  });

  it('draws the wait uniformly below the ceiling (full jitter)', () => {
    expect(retryDelayMs(3, null, () => 0)).toBe(0);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(10 * 60_000);
    expect(retryDelayMs(3, null, () => 0.999_999)).toBeLessThan(20 * 60_000);
  });

  it("obeys the service's hint within bounds", () => {
    expect(retryDelayMs(1, 2_000)).toBe(2_000);
    expect(retryDelayMs(1, 0)).toBe(1_000);
    expect(retryDelayMs(1, 90 * 24 * 3_600_000)).toBe(MAX_DELAY_MS);
    expect(retryDelayMs(9, 1_500)).toBe(1_500);
  });
});
