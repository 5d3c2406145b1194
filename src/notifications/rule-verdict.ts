import type { Kysely } from 'kysely';
import type { Doc } from '../documents/doc.ts';
import type { DocumentService } from '../documents/document-service.ts';
import type { DocTypeMeta } from '../documents/meta.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { term, tr, type Language } from '../i18n/text.ts';
import { templateProblemText } from '../templates/problem-words.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { RenderJob, RenderOutcome, TemplateDataSource, TemplateProblem } from '../templates/template-types.ts';
import type { NotificationRule } from './notification-rule.ts';
import { resolveRecipients, type Recipients } from './recipients.ts';
import type { RuleMatch } from './rule-index.ts';
import { valueChanged } from './value-change.ts';

/** What evaluating rules needs: read access (the write's transaction, or the database for a preview). */
export interface EvaluateDeps {
  documents: DocumentService;
  templates: TemplateEngine;
  db: Kysely<any>;
}

/** The document state a rule is evaluated against. */
export interface EvaluateTarget {
  doctype: string;
  meta: DocTypeMeta;
  doc: Doc;
  docBefore: Doc | null;
}

/**
 * How the condition counts: `enforce` (a false condition stops the rule: firing), `report` (evaluated
 * and reported, the rule is rendered anyway: previews), `skip` (not evaluated: test sends).
 */
export type ConditionMode = 'enforce' | 'report' | 'skip';

/** A template or condition problem, and which part of the rule it is in. */
export interface VerdictError {
  /** `recipients`: a recipient row's cc or bcc template. */
  stage: 'condition' | 'subject' | 'message' | 'recipients';
  problem: TemplateProblem;
}

/** What one rule would do for one document event; computing it has no side effects. */
export interface RuleVerdict {
  match: RuleMatch<NotificationRule>;
  /** False when a Value Change rule's field did not change (nothing else is then evaluated). */
  valueChanged: boolean;
  /** The condition's value (true when the rule has none); null when skipped or in error. */
  conditionHolds: boolean | null;
  /** The first problem met; the rule then records a Failed delivery instead of firing. */
  error: VerdictError | null;
  /** Whether the rule fires (queues, rings, sets its property): no error, value changed, condition holds or bypassed. */
  fires: boolean;
  subject: string | null;
  message: string | null;
  recipients: Recipients | null;
  /** Where one delivery each is queued: the webhook, e-mail addresses or phone numbers. */
  destinations: string[];
}

/** Read-only access to other documents for templates, through `db` (the write's transaction when firing). */
export function dataSource(deps: { documents: DocumentService; db: Kysely<any> }): TemplateDataSource {
  const actor = { ...SYSTEM_ACTOR, trx: deps.db as never };
  return {
    async getValue(doctype, filters, fieldnames) {
      const where = typeof filters === 'string' ? { name: filters } : filters;
      const rows = (await deps.documents.list(doctype, { fields: fieldnames, filters: where, limit_page_length: 1 }, actor)) as Record<
        string,
        unknown
      >[];
      return rows[0] ?? null;
    },
    async getDoc(doctype, name) {
      return deps.documents.get(doctype, name, actor).catch(() => null);
    },
  };
}

/** The Notification field each stage's problem is in (its label, said as a term). */
const STAGE_LABELS: Record<VerdictError['stage'], string> = {
  condition: 'Condition',
  subject: 'Subject',
  message: 'Message',
  recipients: 'Recipients',
};

/**
 * The text saved on a failed delivery for a problem, in the site language `language`: where it is,
 * what it is, its line (`Condition: unknown name 'dco' (did you mean 'doc'?) (line 1, column 1)`).
 */
export function problemText(error: VerdictError, language: Language): { errorCode: string; lastError: string; errorLine: number | null } {
  const { problem } = error;
  const lastError = tr`${term(STAGE_LABELS[error.stage])}: ${templateProblemText(problem)}`.in(language);
  return { errorCode: problem.code, lastError, errorLine: problem.line ?? null };
}

const blank = (match: RuleMatch<NotificationRule>, changed: boolean): RuleVerdict => ({
  match,
  valueChanged: changed,
  conditionHolds: null,
  error: null,
  fires: false,
  subject: null,
  message: null,
  recipients: null,
  destinations: [],
});

/**
 * Evaluates matched rules for one document event, without side effects: Value Change check, rule and
 * recipient-row conditions in one template batch, then subjects and messages of the rules still in
 * play in a second batch, then recipients and destinations. Returns one verdict per match, in order.
 */
export async function evaluateRules(
  deps: EvaluateDeps,
  matches: Array<RuleMatch<NotificationRule>>,
  target: EvaluateTarget,
  mode: ConditionMode = 'enforce',
): Promise<RuleVerdict[]> {
  const { meta, doc, docBefore } = target;
  const verdicts = matches.map((match) =>
    blank(
      match,
      match.event !== 'Value Change' || (match.rule.valueChanged !== null && valueChanged(meta, match.rule.valueChanged, docBefore, doc)),
    ),
  );
  const live = verdicts.filter((v) => v.valueChanged);
  if (live.length === 0) return verdicts;
  const source = dataSource(deps);
  const contextOf = (rule: NotificationRule) => ({ doc, doc_before_save: docBefore, alert: rule.doc, comments: [] });

  // Conditions (rule conditions and recipient-row conditions) in one batch.
  const jobs: RenderJob[] = [];
  const slots = live.map(({ match: { rule } }) => ({
    rule: rule.condition && mode !== 'skip' ? jobs.push({ kind: 'condition', source: rule.condition, context: contextOf(rule) }) - 1 : -1,
    rows: rule.recipients.map((row) =>
      row.condition ? jobs.push({ kind: 'condition', source: row.condition, context: contextOf(rule) }) - 1 : -1,
    ),
  }));
  const outcomes = jobs.length > 0 ? await deps.templates.render(jobs, source) : [];
  const rowPassed = new Map<RuleVerdict, boolean[]>();
  const rendering: RuleVerdict[] = [];
  live.forEach((verdict, i) => {
    const slot = slots[i];
    rowPassed.set(
      verdict,
      slot.rows.map((j) => j < 0 || (outcomes[j].ok && Boolean((outcomes[j] as { value: unknown }).value))),
    );
    const outcome: RenderOutcome | null = slot.rule >= 0 ? outcomes[slot.rule] : mode === 'skip' ? null : { ok: true, value: true };
    if (outcome && !outcome.ok) verdict.error = { stage: 'condition', problem: outcome.problem };
    else if (outcome) verdict.conditionHolds = Boolean(outcome.value);
    if (mode === 'report' || (!verdict.error && (mode === 'skip' || verdict.conditionHolds))) rendering.push(verdict);
  });

  // Subjects, messages and Jinja cc / bcc lists (Frappe renders those containing `{`) of the rules
  // still in play, in one batch.
  const texts: RenderJob[] = [];
  const textSlots = rendering.map(({ match: { rule } }) => {
    const context = contextOf(rule);
    const jinjaList = (list: string | null): number =>
      list !== null && list.includes('{') ? texts.push({ kind: 'template', source: list, context }) - 1 : -1;
    return {
      subject: texts.push({ kind: 'template', source: rule.subject, context }) - 1,
      message: texts.push({ kind: 'template', source: rule.message, context }) - 1,
      rows: rule.recipients.map((row) => ({ cc: jinjaList(row.cc), bcc: jinjaList(row.bcc) })),
    };
  });
  const rendered = await deps.templates.render(texts, source);
  for (const [i, verdict] of rendering.entries()) {
    const slot = textSlots[i];
    const { rule } = verdict.match;
    const [subject, message] = [rendered[slot.subject], rendered[slot.message]];
    if (subject.ok) verdict.subject = String(subject.value);
    else verdict.error ??= { stage: 'subject', problem: subject.problem };
    if (message.ok) verdict.message = String(message.value);
    else verdict.error ??= { stage: 'message', problem: message.problem };
    const lists = rule.recipients.map((row, r) => {
      const text = (own: string | null, at: number): string | null => {
        if (at < 0) return own;
        const outcome = rendered[at];
        if (outcome.ok) return String(outcome.value);
        verdict.error ??= { stage: 'recipients', problem: outcome.problem };
        return null;
      };
      return { cc: text(row.cc, slot.rows[r].cc), bcc: text(row.bcc, slot.rows[r].bcc) };
    });
    verdict.fires = !verdict.error && (mode === 'skip' || verdict.conditionHolds === true);
    if (!verdict.fires && mode !== 'report') continue;
    verdict.recipients = await resolveRecipients(deps.db, rule, doc, rowPassed.get(verdict)!, lists);
    verdict.destinations = destinationsOf(rule, doc, verdict.recipients);
  }
  return verdicts;
}

/**
 * One destination per delivery: the rule's webhook, one e-mail (to, cc and bcc in one message, as
 * Frappe sends it; named by its To list), or each SMS number.
 */
export function destinationsOf(rule: NotificationRule, doc: Doc, recipients: Recipients): string[] {
  if (rule.channel === 'External Collaboration Tool') return rule.incomingWebhookUrl ? [rule.incomingWebhookUrl] : [];
  if (rule.channel === 'Email') {
    if (recipients.emails.length + recipients.cc.length + recipients.bcc.length === 0) return [];
    return [recipients.emails.length > 0 ? recipients.emails.join(', ') : '(cc / bcc only)'];
  }
  if (rule.channel === 'SMS') return smsNumbers(rule, doc);
  return [];
}

/** Phone numbers for SMS: the values of the recipient rows' document fields. */
function smsNumbers(rule: NotificationRule, doc: Doc): string[] {
  const numbers = rule.recipients
    .map((row) => row.receiverByDocumentField)
    .filter((field): field is string => Boolean(field))
    .map((field) => doc[field])
    .filter((v) => typeof v === 'string' && /^\+?[0-9 ().-]{6,}$/.test(v));
  return [...new Set(numbers as string[])];
}
