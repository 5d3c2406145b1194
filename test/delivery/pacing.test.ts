import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../src/delivery/pacing.ts';
import { testDatabases, type TestStoreHandle } from '../support/databases.ts';

/**
 * The slack allowed: a send leaves at most 5 ms after taking its slot, or else right after the one
 * statement that moves the next slot back, which a loaded machine may take longer than that to run.
 */
const SLACK_MS = 25;

describe.each(await testDatabases())('pacing on $name', (db) => {
  let handle: TestStoreHandle;
  beforeAll(async () => {
    handle = await db.create();
  });
  afterAll(() => handle.dispose());

  /** Sends `count` messages to `key` at once through `pacers` (round robin), returning when each left. */
  async function burst(pacers: Pacer[], key: string, perMinute: number, count: number) {
    const sentAt: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        pacers[i % pacers.length].run(key, perMinute, async () => {
          sentAt.push(Date.now());
          return i;
        }),
      ),
    );
    return { sentAt: sentAt.sort((a, b) => a - b), outcomes };
  }

  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

  it('spaces the sends to one destination by the interval, even from two workers', async () => {
    const one = new Pacer(handle.store.db);
    const two = new Pacer(handle.store.db);
    const { sentAt, outcomes } = await burst([one, two], 'space-a', 600, 12);
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
    expect(Math.min(...gaps(sentAt))).toBeGreaterThanOrEqual(100 - SLACK_MS);
  });

  it('sends to different destinations without waiting for each other', async () => {
    const pacer = new Pacer(handle.store.db);
    const results = await Promise.all(['b1', 'b2', 'b3'].map((key) => pacer.run(key, 1, async () => Date.now())));
    expect(results.map((r) => r.kind)).toEqual(['sent', 'sent', 'sent']);
  });

  it('puts back what would wait beyond the horizon, with the time to come back', async () => {
    const pacer = new Pacer(handle.store.db, { horizonMs: 500 });
    const { outcomes } = await burst([pacer], 'space-c', 600, 20);
    const sent = outcomes.filter((o) => o.kind === 'sent');
    const deferred = outcomes.filter((o) => o.kind === 'defer');
    expect(sent.length).toBeGreaterThanOrEqual(1); // a busy machine makes some go around, and wait longer
    expect(sent.length).toBeLessThanOrEqual(8);
    expect(deferred.length).toBe(20 - sent.length);
    for (const d of deferred) if (d.kind === 'defer') expect(d.until.getTime()).toBeGreaterThan(Date.now() - 1_000);
  });

  it('a late send pushes the next one back: the interval holds between real sends', async () => {
    const pacer = new Pacer(handle.store.db);
    const sentAt: number[] = [];
    await pacer.run('space-d', 600, async () => sentAt.push(Date.now()));
    // The machine stalls for 150 ms before the next attempt: it may go at once, the one after must wait.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await Promise.all([0, 1].map(() => pacer.run('space-d', 600, async () => sentAt.push(Date.now()))));
    expect(Math.min(...gaps(sentAt.sort((a, b) => a - b)))).toBeGreaterThanOrEqual(100 - SLACK_MS);
  });
});
