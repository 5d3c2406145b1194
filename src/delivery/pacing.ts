/**
 * Pacing per destination: at most `perMinute` messages to one destination (a Google Chat space, a
 * Slack webhook…), whichever worker process sends them.
 *
 * `__delivery_pacing` holds, per destination, the earliest time of its next send (Unix ms). A send
 * waits until then, and at the moment it goes sets the next time to its own start plus the interval —
 * measured when it really starts, so a send that left late (a busy machine, a slow statement) pushes
 * the next one back instead of letting it follow too closely. In one process, sends to one destination
 * take their turn one after another; across processes the conditional update lets one of two racing
 * sends through and makes the other wait again. A message whose turn is further away than the horizon
 * goes back to the queue until then instead of holding a worker and its lease.
 */
import { sql, type Kysely } from 'kysely';

export type Paced<T> = { kind: 'sent'; value: T } | { kind: 'defer'; until: Date };

export interface PacerOptions {
  /** Longest wait for a turn inside one attempt; beyond it the message goes back to the queue. */
  horizonMs?: number;
}

/**
 * How late after taking its slot a send may leave before it moves the next slot back: the gap between
 * two sends to one destination is at least the interval minus this, or minus one statement's time.
 */
export const MAX_LATENESS_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Pacer {
  private readonly horizonMs: number;
  /** Per destination: the end of the last turn handed out in this process, and how many wait for one. */
  private readonly turns = new Map<string, { last: Promise<void>; waiting: number }>();

  constructor(
    private readonly db: Kysely<any>,
    options: PacerOptions = {},
  ) {
    this.horizonMs = options.horizonMs ?? 2_000;
  }

  /**
   * Runs `send` in `key`'s next free slot at `perMinute`, or says when to come back. `send` is started
   * once the slot is taken; its result is awaited outside the turn (the next send need not wait for
   * this one's answer, only for its slot).
   */
  async run<T>(key: string, perMinute: number, send: () => Promise<T>): Promise<Paced<T>> {
    const interval = Math.ceil(60_000 / perMinute);
    const turn = this.turns.get(key) ?? { last: Promise.resolve(), waiting: 0 };
    // Sends already waiting here will each take an interval: too many, and this one goes back to the queue.
    if (turn.waiting * interval > this.horizonMs) return { kind: 'defer', until: new Date(Date.now() + turn.waiting * interval) };
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = turn.last;
    turn.last = previous.then(() => mine);
    turn.waiting += 1;
    this.turns.set(key, turn);
    try {
      await previous;
      const started = await this.takeSlot(key, interval);
      if (started === null) return { kind: 'defer', until: new Date((await this.nextAt(key)) ?? Date.now() + interval) };
      const pending = send();
      release();
      return { kind: 'sent', value: await pending };
    } finally {
      release();
      turn.waiting -= 1;
      if (turn.waiting === 0 && this.turns.get(key) === turn) this.turns.delete(key);
    }
  }

  /** Waits for `key`'s slot and takes it; null when it is beyond the horizon. Returns the send's start time. */
  private async takeSlot(key: string, interval: number): Promise<number | null> {
    for (;;) {
      const nextAt = (await this.nextAt(key)) ?? 0;
      const wait = nextAt - Date.now();
      if (wait > this.horizonMs) return null;
      if (wait > 0) await sleep(wait);
      const start = Date.now();
      // Taken only if no other process took a slot after `start` meanwhile; else wait for that one.
      const taken = await sql<{ next_at: number | string }>`
        insert into __delivery_pacing (destination, next_at) values (${key}, ${start + interval})
        on conflict (destination) do update set next_at = excluded.next_at
        where __delivery_pacing.next_at <= ${start}
        returning next_at`.execute(this.db);
      if (taken.rows.length === 0) continue;
      if (Date.now() - start <= MAX_LATENESS_MS) return start;
      // The statement came back late (a slow commit, a busy machine): the slot is still this send's
      // until start + interval, so it moves the next one to an interval from now before going. If
      // someone took the next slot meanwhile (later than a whole interval), it waits for a new one.
      const now = Date.now();
      const moved = await sql`
        update __delivery_pacing set next_at = ${now + interval}
        where destination = ${key} and next_at = ${start + interval}
        returning next_at`.execute(this.db);
      if (moved.rows.length > 0) return now;
    }
  }

  private async nextAt(key: string): Promise<number | null> {
    const row = await sql<{ next_at: number | string }>`select next_at from __delivery_pacing where destination = ${key}`.execute(this.db);
    return row.rows[0] ? Number(row.rows[0].next_at) : null;
  }
}
