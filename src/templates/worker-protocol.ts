import type { RenderJob, RenderOutcome, TemplateLimits } from './template-types.ts';

/** Given to each worker at start. */
export interface WorkerInit {
  siteUrl: string;
  timeZone: string;
  limits: TemplateLimits;
  /** Control words ([0] state, [1] answer length) followed by the answer bytes of a data call. */
  shared: SharedArrayBuffer;
}

/** A job as the worker sees it: `parse` checks a template's syntax without rendering it. */
export type WorkerJob = Omit<RenderJob, 'kind'> & { kind: RenderJob['kind'] | 'parse' };

/** Main → worker: render `jobs`, numbering results from `offset`. */
export interface BatchMessage {
  type: 'batch';
  offset: number;
  jobs: WorkerJob[];
}

export type DataOp = 'getValue' | 'getDoc';

/** Worker → main. `data` asks for a data-source answer, written into `shared`, while the worker waits. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; outcome: RenderOutcome }
  | { type: 'data'; op: DataOp; args: unknown[] }
  | { type: 'crashed'; index: number; message: string };

/** Data answers travel as JSON in the shared buffer. */
export type DataAnswer = { ok: true; value: unknown } | { ok: false; message: string };

export const CONTROL_BYTES = 8;
export const STATE_WAITING = 0;
export const STATE_ANSWERED = 1;
