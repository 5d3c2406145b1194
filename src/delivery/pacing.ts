/**
 * Pacing per destination: at most `perMinute` messages to one destination (a Google Chat space, a
 * Slack webhook…), whichever worker process sends them. Each send takes the next free slot from
 * `__delivery_pacing` in one statement; a message whose slot is further away than the horizon is put
 * back in the queue until then instead of holding a worker and its lease.
 */
import { sql, type Kysely } from 'kysely';

export type PaceDecision = { kind: 'go'; waitMs: number } | { kind: 'defer'; until: Date };

export interface PacerOptions {
  /** Longest wait for a slot inside one attempt; beyond it the message goes back to the queue. */
  horizonMs?: number;
}

export class Pacer {
  private readonly horizonMs: number;

  constructor(
    private readonly db: Kysely<any>,
    options: PacerOptions = {},
  ) {
    this.horizonMs = options.horizonMs ?? 2_000;
  }

  /** Takes a sending slot for `key` at `perMinute`, or says when to come back. */
  async take(key: string, perMinute: number, now = Date.now()): Promise<PaceDecision> {
    const interval = Math.ceil(60_000 / perMinute);
    const current = await sql<{ next_at: number | string }>`select next_at from __delivery_pacing where destination = ${key}`.execute(
      this.db,
    );
    const nextAt = current.rows[0] ? Number(current.rows[0].next_at) : 0;
    if (nextAt - now > this.horizonMs) return { kind: 'defer', until: new Date(nextAt) };
    const taken = await sql<{ next_at: number | string }>`
      insert into __delivery_pacing (destination, next_at) values (${key}, ${now + interval})
      on conflict (destination) do update
        set next_at = (case when __delivery_pacing.next_at > ${now} then __delivery_pacing.next_at else ${now} end) + ${interval}
      returning next_at`.execute(this.db);
    const slot = Number(taken.rows[0].next_at) - interval;
    return { kind: 'go', waitMs: Math.max(0, slot - Date.now()) };
  }
}
