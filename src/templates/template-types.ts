import type { Text } from '../i18n/text.ts';

/** Stable codes of template and condition problems (saved on failed deliveries, shown in previews). */
export type TemplateProblemCode =
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_UNKNOWN_NAME'
  | 'TEMPLATE_RUNTIME'
  | 'TEMPLATE_TIMEOUT'
  | 'TEMPLATE_OUTPUT_TOO_LARGE'
  | 'TEMPLATE_FUEL_EXHAUSTED'
  | 'TEMPLATE_DATA_ACCESS'
  | 'TEMPLATE_ENGINE_CRASHED';

/** What is wrong with a template or condition, located in its source when the engine knows where. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  /** Relais's words (said in the reader's language), or the engine's own as a value (`verbatim`). */
  message: Text;
  /** 1-based line in the source, when known. */
  line: number | null;
  /** 1-based column in that line, when known (syntax errors and unknown names). */
  column: number | null;
  /** The offending source line with a caret under the problem, when known. */
  excerpt: string | null;
}

/** Values a template or condition sees (plain JSON-like data only: no functions, dates or class instances). */
export interface TemplateContext {
  doc: Record<string, unknown>;
  doc_before_save?: Record<string, unknown> | null;
  alert?: Record<string, unknown> | null;
  comments?: unknown[] | null;
  [name: string]: unknown;
}

/** One thing to evaluate: a Jinja template rendered to a string, or a condition evaluated to a boolean. */
export interface RenderJob {
  kind: 'template' | 'condition';
  source: string;
  context: TemplateContext;
}

/** The result of one job: the rendered string (template) or boolean (condition), or the problem. */
export type RenderOutcome = { ok: true; value: string | boolean } | { ok: false; problem: TemplateProblem };

/** Filters of `frappe.db.get_value`: a document name, `{field: value}` or `[[field, op, value], …]`. */
export type ValueFilters = string | Record<string, unknown> | unknown[];

/**
 * Read-only access to other documents for `frappe.db.get_value` and `frappe.get_doc`; the caller
 * implements it (inside the document write's transaction) and applies its own permission rules.
 */
export interface TemplateDataSource {
  /** The named fields of the first document of `doctype` matching `filters`, or null when none matches. */
  getValue(doctype: string, filters: ValueFilters, fieldnames: string[]): Promise<Record<string, unknown> | null>;
  /** The whole document (child rows included) as plain data, or null when it does not exist. */
  getDoc(doctype: string, name: string): Promise<Record<string, unknown> | null>;
}

/** Options fixed when the engine is created. */
export interface TemplateEngineOptions {
  /** Base of links built by `get_url_to_form` / `get_link_to_form`, e.g. `https://erp.example.com`. */
  siteUrl: string;
  /** IANA time zone of `nowdate()` / `now()` (System Settings), e.g. `Europe/Paris`. Default `UTC`. */
  timeZone?: string;
  /**
   * Evaluate jobs of the common subset (text and `{{ doc.field }}`, comparisons, and/or/not, in) on the
   * calling thread instead of a worker. Default true; false sends every job to the worker.
   */
  inline?: boolean;
  /** Worker threads rendering in parallel. Default 1. */
  poolSize?: number;
  /** Wall-clock limit of one job in ms, time spent waiting on the data source excluded. Default 100. */
  timeLimitMs?: number;
  /** Largest rendered output, in UTF-8 bytes. Default 65,536 (64 KiB). */
  maxOutputBytes?: number;
  /** minijinja fuel (instructions) of one job. Default 1,000,000 (roughly 20–40 ms of engine time). */
  fuel?: number;
  /** Calls to `frappe.db.get_value` / `frappe.get_doc` allowed per job. Default 20. */
  maxDataCalls?: number;
  /** Largest answer of one data call, as JSON bytes. Default 262,144 (256 KiB). */
  maxDataBytes?: number;
}

/** Limits after defaults are applied. */
export type TemplateLimits = Required<Omit<TemplateEngineOptions, 'siteUrl' | 'timeZone' | 'poolSize' | 'inline'>>;

export const DEFAULT_LIMITS: TemplateLimits = {
  timeLimitMs: 100,
  maxOutputBytes: 64 * 1024,
  fuel: 1_000_000,
  maxDataCalls: 20,
  maxDataBytes: 256 * 1024,
};
