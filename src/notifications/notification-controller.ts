import type { Transaction } from 'kysely';
import type { Doc } from '../documents/doc.ts';
import type { HookBus } from '../documents/hook-bus.ts';
import type { MetaRegistry } from '../documents/meta-registry.ts';
import { tableFields, type DocTypeMeta } from '../documents/meta.ts';
import { RelaisError, isRelaisError } from '../errors/relais-error.ts';
import { term, tr } from '../i18n/text.ts';
import { templateProblemText } from '../templates/problem-words.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { TemplateProblem } from '../templates/template-types.ts';
import {
  checkChannel,
  checkEventFields,
  checkRecipientRows,
  checkSetProperty,
  checkTarget,
  invalid,
  isBlank,
  normaliseNames,
} from './notification-checks.ts';

/** What the Notification controller needs: doctype metas, and the template engine to check Jinja. */
export interface NotificationControllerDeps {
  registry: MetaRegistry;
  templates: TemplateEngine;
}

type Row = Record<string, unknown>;

/**
 * Notification rules on save: named after the subject when no name is given (Frappe's `autoname`),
 * the channel fixed at the first save, each channel's and event's required fields, fields that exist
 * on the target doctype, and subject, message and conditions that parse (with line and column).
 */
export function registerNotificationController(bus: HookBus, deps: NotificationControllerDeps): void {
  bus.on(
    'before_insert',
    (ctx) => {
      // The document service names with the client's `name` first, then this proposal.
      if (!ctx.doc.name && !isBlank(ctx.doc.subject)) ctx.doc.name = String(ctx.doc.subject).trim();
    },
    { doctype: 'Notification' },
  );

  bus.on('validate', (ctx) => validateNotification(ctx.doc, ctx.docBefore, ctx.trx, deps), { doctype: 'Notification' });
}

/** Throws the first problem of a Notification about to be saved (INVALID_VALUE, MANDATORY_MISSING or LINK_NOT_FOUND). */
export async function validateNotification(
  doc: Doc,
  docBefore: Doc | null,
  trx: Transaction<any>,
  deps: NotificationControllerDeps,
): Promise<void> {
  normaliseNames(doc);
  checkChannel(doc, docBefore);
  const event = String(doc.event ?? '');
  if (isBlank(doc.document_type)) throw mandatory('document_type', 'Document Type');
  if (event === '') throw mandatory('event', 'Send Alert On');
  const meta = await targetMeta(trx, deps.registry, String(doc.document_type));
  checkTarget(meta, event);
  checkEventFields(doc, meta, event);
  checkSetProperty(doc, meta);
  const childMetas = await childMetasByDoctype(trx, deps.registry, meta);
  const childMeta = (doctype: string) => childMetas.get(doctype);
  checkRecipientRows(doc, meta, childMeta);
  await checkTemplates(doc, meta, childMeta, deps.templates);
}

function mandatory(field: string, label: string): RelaisError {
  return new RelaisError('MANDATORY_MISSING', tr`Error: Value missing for ${term('Notification')}: ${term(label)}`, {
    doctype: 'Notification',
    field,
  });
}

/** The watched doctype's meta; LINK_NOT_FOUND (as for any Link to nothing) when it does not exist. */
async function targetMeta(trx: Transaction<any>, registry: MetaRegistry, doctype: string): Promise<DocTypeMeta> {
  try {
    return await registry.get(trx, doctype);
  } catch (err) {
    if (!isRelaisError(err) || err.code !== 'DOCTYPE_NOT_FOUND') throw err;
    throw new RelaisError(
      'LINK_NOT_FOUND',
      tr`${term('Notification')}: ${term('Document Type')}: could not find ${term('DocType')} ${JSON.stringify(doctype.slice(0, 140))}`,
      {
        doctype: 'Notification',
        field: 'document_type',
        link_doctype: 'DocType',
        value: doctype,
      },
    );
  }
}

async function childMetasByDoctype(trx: Transaction<any>, registry: MetaRegistry, meta: DocTypeMeta): Promise<Map<string, DocTypeMeta>> {
  const out = new Map<string, DocTypeMeta>();
  for (const field of tableFields(meta)) {
    if (field.options && !out.has(field.options)) out.set(field.options, await registry.get(trx, field.options));
  }
  return out;
}

/** One piece of Jinja to check, and where it sits in the Notification. */
interface TemplateCheck {
  place: { field: string; row?: number };
  run: () => Promise<TemplateProblem | null>;
}

/** Subject, message, cc/bcc (when they use Jinja) parse; the conditions parse and read names that exist. */
async function checkTemplates(
  doc: Doc,
  meta: DocTypeMeta,
  childMeta: (doctype: string) => DocTypeMeta | undefined,
  templates: TemplateEngine,
): Promise<void> {
  const checks: TemplateCheck[] = [];
  const template = (source: unknown, place: TemplateCheck['place']) => {
    if (!isBlank(source)) checks.push({ place, run: () => templates.checkTemplate(String(source)) });
  };
  const condition = (source: unknown, place: TemplateCheck['place']) => {
    if (!isBlank(source)) checks.push({ place, run: () => templates.checkCondition(String(source), meta, childMeta) });
  };
  template(doc.subject, { field: 'subject' });
  template(doc.message, { field: 'message' });
  condition(doc.condition, { field: 'condition' });
  ((doc.recipients as Row[] | undefined) ?? []).forEach((row, i) => {
    condition(row.condition, { field: 'condition', row: i + 1 });
    for (const field of ['cc', 'bcc']) if (String(row[field] ?? '').includes('{')) template(row[field], { field, row: i + 1 });
  });
  const problems = await Promise.all(checks.map((check) => check.run()));
  const index = problems.findIndex((p) => p !== null);
  if (index < 0) return;
  const problem = problems[index]!;
  // The engine's own words (minijinja's message) stay as they are; where they point is said in the reader's language.
  throw invalid(checks[index].place, templateProblemText(problem), {
    problem: problem.code,
    line: problem.line,
    column: problem.column,
    excerpt: problem.excerpt,
  });
}
