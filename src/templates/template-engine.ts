import type { DocTypeMeta } from '../documents/meta.ts';
import { zonedNow } from './date-helpers.ts';
import { InlinePrograms } from './inline/inline-programs.ts';
import { checkExpressionNames } from './expression-names.ts';
import { sampleDocument, type ChildMetaLookup } from './sample-document.ts';
import { buildGlobals } from './template-globals.ts';
import {
  DEFAULT_LIMITS,
  type RenderJob,
  type RenderOutcome,
  type TemplateDataSource,
  type TemplateEngineOptions,
  type TemplateProblem,
} from './template-types.ts';
import { WorkerPool } from './worker-pool.ts';

/**
 * Renders subjects and messages and evaluates conditions: those of the common subset (see
 * inline/inline-parser.ts) on the calling thread, the rest in sandboxed worker threads.
 */
export interface TemplateEngine {
  /** Renders a batch of jobs on one worker, in order; each job gets an outcome, the promise never rejects for a bad job. */
  render(jobs: RenderJob[], dataSource?: TemplateDataSource): Promise<RenderOutcome[]>;
  /** Checks a template's syntax only (nothing is rendered): null when it parses, else the problem with line and column. */
  checkTemplate(source: string): Promise<TemplateProblem | null>;
  /**
   * Checks a condition's syntax and the names it reads, then evaluates it against a sample document of
   * `meta` whose fields all hold non-empty values of their type: null when it is fine.
   */
  checkCondition(expression: string, meta: DocTypeMeta, childMeta?: ChildMetaLookup): Promise<TemplateProblem | null>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/** Creates a template engine; its worker threads start on first use (a start costs ~250 ms). */
export function createTemplateEngine(options: TemplateEngineOptions): TemplateEngine {
  const timeZone = options.timeZone ?? 'UTC';
  const limits = {
    timeLimitMs: options.timeLimitMs ?? DEFAULT_LIMITS.timeLimitMs,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_LIMITS.maxOutputBytes,
    fuel: options.fuel ?? DEFAULT_LIMITS.fuel,
    maxDataCalls: options.maxDataCalls ?? DEFAULT_LIMITS.maxDataCalls,
    maxDataBytes: options.maxDataBytes ?? DEFAULT_LIMITS.maxDataBytes,
  };
  let started: WorkerPool | undefined;
  const pool = () => (started ??= new WorkerPool({ siteUrl: options.siteUrl, timeZone, limits }, options.poolSize ?? 1));
  const inline = options.inline === false ? null : new InlinePrograms(timeZone, limits.maxOutputBytes);
  const globalShape = buildGlobals({ siteUrl: options.siteUrl, timeZone, callMain: () => null, onError: () => undefined });

  return {
    async render(jobs, dataSource) {
      const answered = jobs.map((job) => inline?.run(job) ?? null);
      const rest = jobs.filter((_, i) => answered[i] === null);
      if (rest.length === 0) return answered as RenderOutcome[];
      const fromWorker = await pool().run(rest, dataSource ?? null);
      let next = 0;
      return answered.map((outcome) => outcome ?? fromWorker[next++]);
    },

    async checkTemplate(source) {
      const [outcome] = await pool().run([{ kind: 'parse', source, context: { doc: {} } }], null);
      return outcome.ok ? null : outcome.problem;
    },

    async checkCondition(expression, meta, childMeta) {
      const doc = sampleDocument(meta, zonedNow(timeZone).date, childMeta);
      const context = { doc, doc_before_save: doc };
      const [evaluated] = await pool().run([{ kind: 'condition', source: expression, context }], null);
      if (!evaluated.ok && evaluated.problem.code === 'TEMPLATE_SYNTAX') return evaluated.problem;
      const names = checkExpressionNames(expression, { ...globalShape, ...context });
      return names ?? (evaluated.ok ? null : evaluated.problem);
    },

    close: async () => started?.close(),
  };
}
