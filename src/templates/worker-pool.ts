import { Worker } from 'node:worker_threads';
import { isRelaisError } from '../errors/relais-error.ts';
import { tr, verbatim, type Text } from '../i18n/text.ts';
import { problem } from './engine-errors.ts';
import type { RenderOutcome, TemplateDataSource } from './template-types.ts';
import {
  CONTROL_BYTES,
  STATE_ANSWERED,
  outcomeFromWire,
  type DataAnswer,
  type DataOp,
  type WorkerInit,
  type WorkerJob,
  type WorkerMessage,
} from './worker-protocol.ts';
import { textToWire } from './wire-text.ts';

const BOOT_URL = new URL('./render-worker.boot.mjs', import.meta.url);

interface Batch {
  jobs: WorkerJob[];
  dataSource: TemplateDataSource | null;
  outcomes: RenderOutcome[];
  /** Index of the job the worker is running now. */
  current: number;
  resolve(outcomes: RenderOutcome[]): void;
}

/** One worker thread running one batch at a time, replaced when it times out or crashes. */
class RenderSlot {
  private worker!: Worker;
  private ready!: Promise<void>;
  private shared!: SharedArrayBuffer;
  private batch: Batch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly init: Omit<WorkerInit, 'shared'>,
    private readonly onIdle: () => void,
  ) {
    this.spawn();
  }

  get busy(): boolean {
    return this.batch !== null;
  }

  private spawn(): void {
    this.shared = new SharedArrayBuffer(CONTROL_BYTES + this.init.limits.maxDataBytes);
    this.worker = new Worker(BOOT_URL, { workerData: { ...this.init, shared: this.shared } });
    const worker = this.worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    this.ready.catch(() => undefined);
    worker.on('message', (message: WorkerMessage) => this.onMessage(worker, message));
    worker.on('exit', () => this.onExit(worker));
    worker.on('error', () => undefined);
  }

  /** Runs a batch (the slot must be idle); resolves with one outcome per job. */
  run(batch: Batch): void {
    this.batch = batch;
    void this.ready.then(
      () => this.send(),
      (error: unknown) => this.failRemaining(tr`the template engine could not start: ${String(error)}`),
    );
  }

  private send(): void {
    const batch = this.batch!;
    this.worker.postMessage({ type: 'batch', offset: batch.current, jobs: batch.jobs.slice(batch.current) });
    this.startTimer();
  }

  private startTimer(): void {
    this.stopTimer();
    this.timer = setTimeout(() => this.onTimeout(), this.init.limits.timeLimitMs);
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    const batch = this.batch;
    if (worker !== this.worker || !batch) return;
    if (message.type === 'result') {
      batch.outcomes[message.index] = outcomeFromWire(message.outcome);
      batch.current = message.index + 1;
      if (batch.current < batch.jobs.length) this.startTimer();
      else this.finish();
    } else if (message.type === 'data') {
      this.stopTimer();
      void this.answer(batch, this.shared, message.op, message.args).then(() => {
        if (this.batch === batch && worker === this.worker) this.startTimer();
      });
    } else if (message.type === 'crashed') {
      this.replaceWorker(tr`the template engine crashed: ${message.message}`, 'TEMPLATE_ENGINE_CRASHED');
    }
  }

  private async answer(batch: Batch, shared: SharedArrayBuffer, op: DataOp, args: unknown[]): Promise<void> {
    let bytes = new TextEncoder().encode(JSON.stringify(await dataAnswer(batch.dataSource, op, args)));
    if (bytes.length > shared.byteLength - CONTROL_BYTES) {
      const limit = this.init.limits.maxDataBytes;
      const tooLarge: DataAnswer = { ok: false, message: textToWire(tr`the ${op} answer is larger than ${limit} bytes`) };
      bytes = new TextEncoder().encode(JSON.stringify(tooLarge));
    }
    new Uint8Array(shared, CONTROL_BYTES).set(bytes);
    const control = new Int32Array(shared, 0, 2);
    Atomics.store(control, 1, bytes.length);
    Atomics.store(control, 0, STATE_ANSWERED);
    Atomics.notify(control, 0);
  }

  private onTimeout(): void {
    const limit = this.init.limits.timeLimitMs;
    this.replaceWorker(tr`the template took longer than ${limit} ms`, 'TEMPLATE_TIMEOUT');
  }

  private onExit(worker: Worker): void {
    if (worker !== this.worker || this.closed) return;
    this.replaceWorker(tr`the template engine stopped unexpectedly`, 'TEMPLATE_ENGINE_CRASHED');
  }

  /** Fails the running job, starts a fresh worker and resumes the batch after that job. */
  private replaceWorker(message: Text, code: 'TEMPLATE_TIMEOUT' | 'TEMPLATE_ENGINE_CRASHED'): void {
    this.stopTimer();
    const old = this.worker;
    const batch = this.batch;
    if (batch && batch.current < batch.jobs.length && !batch.outcomes[batch.current]) {
      batch.outcomes[batch.current] = { ok: false, problem: problem(code, message) };
      batch.current += 1;
    }
    this.spawn();
    void old.terminate();
    if (!batch) return;
    if (batch.current >= batch.jobs.length) return this.finish();
    void this.ready.then(
      () => this.send(),
      (error: unknown) => this.failRemaining(tr`the template engine could not restart: ${String(error)}`),
    );
  }

  private failRemaining(message: Text): void {
    const batch = this.batch!;
    for (let i = batch.current; i < batch.jobs.length; i++) {
      batch.outcomes[i] = { ok: false, problem: problem('TEMPLATE_ENGINE_CRASHED', message) };
    }
    batch.current = batch.jobs.length;
    this.finish();
  }

  private finish(): void {
    this.stopTimer();
    const batch = this.batch!;
    this.batch = null;
    batch.resolve(batch.outcomes);
    this.onIdle();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    await this.worker.terminate();
  }
}

/** The data source's answer to a worker's call; a refusal in its own words (a RelaisError's in the reader's language). */
async function dataAnswer(dataSource: TemplateDataSource | null, op: DataOp, args: unknown[]): Promise<DataAnswer> {
  if (!dataSource) return { ok: false, message: textToWire(tr`no data source is available here`) };
  try {
    const value =
      op === 'getValue'
        ? await dataSource.getValue(args[0] as string, args[1] as never, args[2] as string[])
        : await dataSource.getDoc(args[0] as string, args[1] as string);
    return { ok: true, value: value ?? null };
  } catch (error) {
    const text = isRelaisError(error) ? error.text : verbatim(error instanceof Error ? error.message : String(error));
    return { ok: false, message: textToWire(text) };
  }
}

/** A fixed number of render workers fed from one queue of batches. */
export class WorkerPool {
  private readonly slots: RenderSlot[];
  private readonly queue: Batch[] = [];
  private closed = false;

  constructor(init: Omit<WorkerInit, 'shared'>, size: number) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => new RenderSlot(init, () => this.pump()));
  }

  /** Renders the jobs on one worker, in order; never rejects. */
  run(jobs: WorkerJob[], dataSource: TemplateDataSource | null): Promise<RenderOutcome[]> {
    if (this.closed) return Promise.reject(new Error('the template engine is closed'));
    if (jobs.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.queue.push({ jobs, dataSource, outcomes: new Array(jobs.length), current: 0, resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.busy) slot.run(this.queue.shift()!);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.close()));
  }
}
