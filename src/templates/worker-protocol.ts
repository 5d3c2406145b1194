import type { RenderJob, RenderOutcome, TemplateLimits, TemplateProblem } from './template-types.ts';
import { textFromWire, textToWire, type WireText } from './wire-text.ts';

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

/** A problem as it crosses the boundary: its words as plain data (see wire-text.ts). */
export type WireProblem = Omit<TemplateProblem, 'message'> & { message: WireText };
export type WireOutcome = { ok: true; value: string | boolean } | { ok: false; problem: WireProblem };

/**
 * Worker → main. `data` asks for a data-source answer, written into `shared`, while the worker waits;
 * `crashed` carries the engine's own words (a WebAssembly panic).
 */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; outcome: WireOutcome }
  | { type: 'data'; op: DataOp; args: unknown[] }
  | { type: 'crashed'; index: number; message: string };

/** Data answers travel as JSON in the shared buffer; a refusal in words the main thread made. */
export type DataAnswer = { ok: true; value: unknown } | { ok: false; message: WireText };

/** An outcome as the worker posts it. */
export function outcomeToWire(outcome: RenderOutcome): WireOutcome {
  return outcome.ok ? outcome : { ok: false, problem: { ...outcome.problem, message: textToWire(outcome.problem.message) } };
}

/** An outcome the worker posted, its problem's words a `Text` again. */
export function outcomeFromWire(outcome: WireOutcome): RenderOutcome {
  return outcome.ok ? outcome : { ok: false, problem: { ...outcome.problem, message: textFromWire(outcome.problem.message) } };
}

export const CONTROL_BYTES = 8;
export const STATE_WAITING = 0;
export const STATE_ANSWERED = 1;
