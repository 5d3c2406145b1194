/**
 * The delivery worker: claims due outbox rows under a lease, sends each through its channel, records
 * the outcome, and wakes as soon as a write queues something. Runs inside the server by default, or
 * as separate `relais worker` processes (any number, on PostgreSQL).
 *
 * Its promises: a claimed row is sent at most once per claim and its outcome recorded; a row whose
 * worker dies comes back when its lease expires (at once when the dead worker ran on this host); a
 * graceful stop lets sends in flight finish and gives back the rows it had not started.
 */
import type { Language } from '../channels/channel-types.ts';
import { nowDatetime } from '../documents/doc.ts';
import { isRelaisError } from '../errors/relais-error.ts';
import { verbatim } from '../i18n/text.ts';
import type { Store } from '../store/store.ts';
import type { AttemptResult, ResultWriter } from './delivery-results.ts';
import type { DestinationDirectory } from './destinations.ts';
import {
  claimDueRows,
  isDeadLocalWorker,
  leaseHolders,
  reclaimLeases,
  releaseUntried,
  type HeldDestinations,
  type OutboxRow,
} from './outbox-claim.ts';
import { outboxSignal } from './outbox-signal.ts';

export interface OutboxWorkerOptions {
  workerId: string;
  /** Sends in flight at once. */
  concurrency: number;
  /** How long a claim holds a row; a row whose worker vanished is retried after it. */
  leaseMs: number;
  /** Longest sleep when nothing is due and no write wakes the worker (other processes' writes). */
  pollMs: number;
  /** How often expired leases are looked for. */
  sweepMs: number;
}

export const DEFAULT_WORKER_OPTIONS: Omit<OutboxWorkerOptions, 'workerId'> = {
  concurrency: 64,
  leaseMs: 60_000,
  pollMs: 1_000,
  sweepMs: 15_000,
};

export interface OutboxWorkerDeps {
  store: Store;
  writer: ResultWriter;
  directory: DestinationDirectory;
  /** The site language (RELAIS_LANGUAGE): the words the worker stores itself (a lost lease's error). */
  language: Language;
  /** Sends one claimed row through its channel; never throws for a send problem. */
  attempt(row: OutboxRow): Promise<AttemptResult>;
  /** Channels that cannot send now (no SMTP settings…): their rows wait. */
  heldChannels(): Promise<string[]>;
  /** Told about every recorded attempt (logs, metrics, tests). */
  onAttempt?(result: AttemptResult): void;
  onError?(err: unknown): void;
}

export class OutboxWorker {
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Rows claimed whose send has not returned. */
  private readonly inFlight = new Map<string, Promise<void>>();
  /**
   * Sends that returned and whose outcome is being recorded: their rows stay Sending and leased until
   * then (the next message of the same document waits for it), but their sending slot is free.
   */
  private readonly recording = new Set<Promise<void>>();
  /** Claimed rows whose send has not started (given back on stop). */
  private readonly untried = new Set<string>();
  private lastSweep = 0;
  private wake: (() => void) | null = null;

  constructor(
    private readonly deps: OutboxWorkerDeps,
    readonly options: OutboxWorkerOptions,
  ) {}

  get id(): string {
    return this.options.workerId;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop().catch((err) => this.deps.onError?.(err));
  }

  /** Stops claiming, waits for the sends in flight, records them, gives back the rest. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    outboxSignal(this.deps.store).notify();
    await this.running;
    this.running = null;
  }

  /**
   * Sends everything due now and what becomes due while doing it (retries scheduled within `horizonMs`
   * included), then returns how many attempts were made: tests drain the queue with it instead of sleeping.
   */
  async runUntilIdle(horizonMs = 0): Promise<number> {
    let attempts = 0;
    for (;;) {
      await this.sweep(true);
      const claimed = await this.claim(this.room(), new Date(Date.now() + horizonMs));
      for (const row of claimed) this.launch(row);
      attempts += claimed.length;
      if (this.inFlight.size === 0 && this.recording.size === 0 && claimed.length === 0) return attempts;
      await Promise.race([...this.inFlight.values(), ...this.recording]);
    }
  }

  /**
   * How many rows to claim now: the free sending slots, but none while too many outcomes wait to be
   * recorded. Claims are made in batches (once half the slots are free) rather than one per finished
   * send: a claim statement costs as much for 1 row as for 16.
   */
  private room(): number {
    const { concurrency } = this.options;
    if (this.recording.size >= concurrency * 4) return 0;
    const free = concurrency - this.inFlight.size;
    return this.inFlight.size === 0 || free >= Math.ceil(concurrency / 2) ? free : 0;
  }

  private async loop(): Promise<void> {
    const signal = outboxSignal(this.deps.store);
    while (!this.stopping) {
      try {
        await this.sweep(false);
        const room = this.room();
        const claimed = room > 0 ? await this.claim(room, new Date()) : [];
        for (const row of claimed) this.launch(row);
        // A full claim means more may be due: go again as soon as there is room (wakeIfRoom says).
        const woken = new Promise<void>((resolve) => (this.wake = resolve));
        if (claimed.length > 0 && claimed.length === room) {
          if (this.room() === 0) await woken;
          continue;
        }
        await Promise.race([signal.wait(this.options.pollMs), woken]);
      } catch (err) {
        this.deps.onError?.(err);
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.pollMs, 1_000)));
      }
    }
    await this.finish();
  }

  private async claim(limit: number, dueBy: Date): Promise<OutboxRow[]> {
    if (limit <= 0) return [];
    const held: HeldDestinations = {
      destinations: await this.deps.directory.heldDestinations(),
      channels: await this.deps.heldChannels(),
    };
    const rows = await claimDueRows(this.deps.store, {
      workerId: this.id,
      now: nowDatetime(dueBy),
      leaseUntil: nowDatetime(new Date(Date.now() + this.options.leaseMs)),
      limit,
      held,
    });
    for (const row of rows) this.untried.add(row.name);
    return rows;
  }

  private launch(row: OutboxRow): void {
    const task = this.send(row).then((result) => {
      this.inFlight.delete(row.name);
      if (result) {
        const recorded = this.record(row, result).finally(() => {
          this.recording.delete(recorded);
          this.wakeIfRoom();
        });
        this.recording.add(recorded);
      }
      this.wakeIfRoom();
    });
    this.inFlight.set(row.name, task);
  }

  /** Wakes the loop when it can claim again (not after every send: a claim is worth a batch). */
  private wakeIfRoom(): void {
    if (this.room() > 0) this.wake?.();
  }

  /** One attempt at `row`; undefined when the worker is stopping and the row was not tried. */
  private async send(row: OutboxRow): Promise<AttemptResult | undefined> {
    if (this.stopping) return undefined; // given back by finish()
    this.untried.delete(row.name);
    try {
      return await this.deps.attempt(row);
    } catch (err) {
      // A bug of Relais's own, not the destination's: recorded and retried like a network error.
      const message = isRelaisError(err) ? err.text : verbatim(err instanceof Error ? err.message : String(err));
      return {
        row,
        startedAt: nowDatetime(),
        verdict: { kind: 'error', code: 'INTERNAL_ERROR', message, retryable: true },
        httpStatus: null,
        latencyMs: null,
        response: null,
      };
    }
  }

  private async record(row: OutboxRow, result: AttemptResult): Promise<void> {
    try {
      await this.deps.writer.record(result);
    } catch (err) {
      // Not recorded: the row stays leased and comes back when the lease expires.
      this.deps.onError?.(err);
      return;
    }
    this.deps.onAttempt?.(result);
    const { verdict } = result;
    if (verdict.kind === 'broken' && row.channel === 'External Collaboration Tool') {
      await this.deps.directory.markBroken(row.destination, verdict.code, verdict.message).catch((err) => this.deps.onError?.(err));
    }
  }

  /** Gives back expired leases (and at once those of dead workers on this host). */
  private async sweep(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastSweep < this.options.sweepMs) return;
    this.lastSweep = now;
    const dead = (await leaseHolders(this.deps.store)).filter(isDeadLocalWorker);
    await reclaimLeases(this.deps.store, nowDatetime(), dead, this.deps.language);
  }

  private async finish(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
    await Promise.allSettled([...this.recording]);
    await this.deps.writer.drain();
    const untried = [...this.untried];
    this.untried.clear();
    await releaseUntried(this.deps.store.db, this.id, untried, nowDatetime());
  }
}
