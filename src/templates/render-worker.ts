// The worker thread that owns the minijinja engine. The main thread terminates it on timeout or crash.
import { parentPort, workerData } from 'node:worker_threads';
import { Environment } from 'minijinja-js';
import { tr, type Text } from '../i18n/text.ts';
import { TemplateTextError, problem, problemFromEngineError } from './engine-errors.ts';
import { registerHelpers } from './template-globals.ts';
import { pythonTruthy } from './truthiness.ts';
import type { RenderOutcome } from './template-types.ts';
import {
  CONTROL_BYTES,
  STATE_WAITING,
  outcomeToWire,
  type BatchMessage,
  type DataAnswer,
  type DataOp,
  type WorkerInit,
  type WorkerJob,
  type WorkerMessage,
} from './worker-protocol.ts';
import { textFromWire } from './wire-text.ts';

const init = workerData as WorkerInit;
const port = parentPort!;
const control = new Int32Array(init.shared, 0, 2);
const answerBytes = new Uint8Array(init.shared, CONTROL_BYTES);

let helperError: Text | null = null;
let dataCalls = 0;

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

/** Asks the main thread for data and blocks this thread (never the main one) until it answers. */
function callMain(op: DataOp, args: unknown[]): unknown {
  if (++dataCalls > init.limits.maxDataCalls) {
    throw new TemplateTextError(tr`too many frappe.db.get_value / frappe.get_doc calls (limit ${init.limits.maxDataCalls})`);
  }
  Atomics.store(control, 0, STATE_WAITING);
  post({ type: 'data', op, args });
  Atomics.wait(control, 0, STATE_WAITING);
  const length = Atomics.load(control, 1);
  const answer = JSON.parse(new TextDecoder().decode(answerBytes.slice(0, length))) as DataAnswer;
  if (!answer.ok) throw new TemplateTextError(textFromWire(answer.message));
  return answer.value;
}

const env = new Environment();
env.enablePyCompat();
env.undefinedBehavior = 'strict';
env.debug = true;
registerHelpers(env, {
  siteUrl: init.siteUrl,
  timeZone: init.timeZone,
  callMain,
  onError: (message) => {
    helperError ??= message;
  },
});

function runJob(job: WorkerJob): RenderOutcome {
  helperError = null;
  dataCalls = 0;
  env.fuel = init.limits.fuel;
  let value: string | boolean;
  try {
    if (job.kind === 'parse') {
      env.addTemplate('syntax-check', job.source);
      env.removeTemplate('syntax-check');
      value = true;
    } else if (job.kind === 'condition') {
      value = pythonTruthy(env.evalExpr(job.source, job.context));
    } else {
      value = env.renderStr(job.source, job.context);
    }
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) throw error;
    const found = problemFromEngineError(error, job.source);
    if (helperError !== null) return { ok: false, problem: { ...found, code: 'TEMPLATE_RUNTIME', message: helperError } };
    return { ok: false, problem: found };
  }
  if (helperError !== null) return { ok: false, problem: problem('TEMPLATE_RUNTIME', helperError) };
  if (typeof value === 'string' && Buffer.byteLength(value) > init.limits.maxOutputBytes) {
    const message = tr`the output is larger than ${init.limits.maxOutputBytes} bytes`;
    return { ok: false, problem: problem('TEMPLATE_OUTPUT_TOO_LARGE', message) };
  }
  return { ok: true, value };
}

port.on('message', (message: BatchMessage) => {
  message.jobs.forEach((job, i) => {
    const index = message.offset + i;
    let outcome: RenderOutcome;
    try {
      outcome = runJob(job);
    } catch (error) {
      // A wasm panic leaves the engine unusable: report it and let the main thread replace this worker.
      post({ type: 'crashed', index, message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
    post({ type: 'result', index, outcome: outcomeToWire(outcome) });
  });
});

// Warm the engine before taking jobs: the first render compiles the engine's code paths, which on a
// busy machine can take longer than a job's whole time limit.
env.renderStr('{% if x %}{{ x|upper }}{% endif %}{{ x }}', { x: 'warm' });
env.evalExpr('x == "warm" and 1 < 2', { x: 'warm' });

post({ type: 'ready' });
