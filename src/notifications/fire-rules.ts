import { sql, type Transaction } from 'kysely';
import { enqueueDeliveries, type NewDelivery } from '../delivery/outbox.ts';
import { nowDatetime, type Doc } from '../documents/doc.ts';
import type { DocumentService } from '../documents/document-service.ts';
import { insertRows } from '../documents/document-rows.ts';
import { hashName } from '../documents/naming.ts';
import { tableName, type DocTypeMeta } from '../documents/meta.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { RenderJob, RenderOutcome, TemplateDataSource, TemplateProblem } from '../templates/template-types.ts';
import type { NotificationEvent } from './events.ts';
import type { NotificationRule } from './notification-rule.ts';
import { resolveRecipients } from './recipients.ts';
import type { RuleMatch } from './rule-index.ts';
import { valueChanged } from './value-change.ts';

/** Longest chain of set-property saves one write may cause (a guard against rules that feed each other). */
export const MAX_NOTIFICATION_CHAIN = 8;

export interface FireDeps {
  documents: DocumentService;
  templates: TemplateEngine;
  trx: Transaction<any>;
}

/** The document event being notified about. */
export interface FireTarget {
  doctype: string;
  meta: DocTypeMeta;
  doc: Doc;
  docBefore: Doc | null;
  user: string;
  /** Notifications whose set-property caused this write. */
  chain: string[];
  /** What makes this occurrence unique for idempotency: the document version, or a trigger's own id. */
  occurrence?: string;
  /** Notifications already fired by this write; a set-property save shares it, so none fires twice. */
  executed?: Set<string>;
}

/** Read-only access to other documents for templates, inside the write's transaction. */
function dataSource(deps: FireDeps): TemplateDataSource {
  const actor = { ...SYSTEM_ACTOR, trx: deps.trx };
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

function problemText(problem: TemplateProblem, what: string): { errorCode: string; lastError: string; errorLine: number | null } {
  const at = problem.line ? ` (line ${problem.line}${problem.column ? `, column ${problem.column}` : ''})` : '';
  return { errorCode: problem.code, lastError: `${what}: ${problem.message}${at}`, errorLine: problem.line ?? null };
}

/**
 * Fires matched rules for one document event, in the write's transaction: Value Change check,
 * conditions, then subject and message rendered together in one batch; queues a delivery per
 * destination (idempotent), writes bell notifications, applies set-property. A condition or template
 * error never fails the write: it is recorded as a Failed delivery with the error and its line.
 */
export async function fireRules(deps: FireDeps, matches: Array<RuleMatch<NotificationRule>>, target: FireTarget): Promise<void> {
  const { meta, doc, docBefore } = target;
  const candidates = matches.filter(
    ({ rule, event }) => event !== 'Value Change' || (rule.valueChanged !== null && valueChanged(meta, rule.valueChanged, docBefore, doc)),
  );
  if (candidates.length === 0) return;
  const source = dataSource(deps);
  const contextOf = (rule: NotificationRule) => ({ doc, doc_before_save: docBefore, alert: rule.doc, comments: [] });

  // Conditions first (rule conditions and recipient-row conditions), in one batch.
  const conditionJobs: RenderJob[] = [];
  const conditionSlots = candidates.map(({ rule }) => {
    const slots = { rule: -1, rows: [] as number[] };
    if (rule.condition) slots.rule = conditionJobs.push({ kind: 'condition', source: rule.condition, context: contextOf(rule) }) - 1;
    slots.rows = rule.recipients.map((row) =>
      row.condition ? conditionJobs.push({ kind: 'condition', source: row.condition, context: contextOf(rule) }) - 1 : -1,
    );
    return slots;
  });
  const conditions = conditionJobs.length > 0 ? await deps.templates.render(conditionJobs, source) : [];
  const failures: NewDelivery[] = [];
  const passing: Array<{ match: RuleMatch<NotificationRule>; rowPassed: boolean[] }> = [];
  candidates.forEach((match, i) => {
    const slots = conditionSlots[i];
    const outcome = slots.rule >= 0 ? conditions[slots.rule] : ({ ok: true, value: true } as RenderOutcome);
    if (!outcome.ok) failures.push(failed(match, target, problemText(outcome.problem, 'Condition')));
    else if (outcome.value)
      passing.push({
        match,
        rowPassed: slots.rows.map((j) => (j < 0 ? true : conditions[j].ok && Boolean((conditions[j] as { value: unknown }).value))),
      });
  });

  // Subjects and messages of the rules that pass, in one batch.
  const texts = await deps.templates.render(
    passing.flatMap(({ match }) => [
      { kind: 'template' as const, source: match.rule.subject, context: contextOf(match.rule) },
      { kind: 'template' as const, source: match.rule.message, context: contextOf(match.rule) },
    ]),
    source,
  );
  const now = nowDatetime();
  for (const [i, { match, rowPassed }] of passing.entries()) {
    const [subject, message] = [texts[2 * i], texts[2 * i + 1]];
    if (!subject.ok || !message.ok) {
      const problem = !subject.ok
        ? problemText(subject.problem, 'Subject')
        : problemText((message as { problem: TemplateProblem }).problem, 'Message');
      failures.push(failed(match, target, problem));
      continue;
    }
    await deliver(deps, match, target, String(subject.value), String(message.value), rowPassed, now);
    await setPropertyAfterAlert(deps, match, target, failures);
  }
  if (failures.length > 0) await enqueueDeliveries(deps.trx, failures, target.user, now);
}

function identity(match: RuleMatch<NotificationRule>, target: FireTarget, destination: string): string[] {
  return [
    match.rule.name,
    target.doctype,
    target.doc.name,
    match.event,
    target.occurrence ?? String(target.doc.modified),
    match.rule.channel,
    destination,
  ];
}

function failed(
  match: RuleMatch<NotificationRule>,
  target: FireTarget,
  error: { errorCode: string; lastError: string; errorLine: number | null },
): NewDelivery {
  const destination = match.rule.incomingWebhookUrl ?? match.rule.channel;
  return {
    notification: match.rule.name,
    channel: match.rule.channel,
    destination,
    referenceDoctype: target.doctype,
    referenceName: target.doc.name,
    event: match.event,
    identity: [...identity(match, target, destination), 'failed'],
    causedBy: target.chain.at(-1) ?? null,
    status: 'Failed',
    ...error,
  };
}

/** Queues the rule's deliveries and writes its bell notifications. */
async function deliver(
  deps: FireDeps,
  match: RuleMatch<NotificationRule>,
  target: FireTarget,
  subject: string,
  message: string,
  rowPassed: boolean[],
  now: string,
): Promise<void> {
  const { rule } = match;
  const recipients = await resolveRecipients(deps.trx, rule, target.doc, rowPassed);
  const destinations: string[] = [];
  if (rule.channel === 'External Collaboration Tool' && rule.incomingWebhookUrl) destinations.push(rule.incomingWebhookUrl);
  if (rule.channel === 'Email') destinations.push(...new Set([...recipients.emails, ...recipients.cc, ...recipients.bcc]));
  if (rule.channel === 'SMS') destinations.push(...smsNumbers(rule, target.doc));
  await enqueueDeliveries(
    deps.trx,
    destinations.map((destination) => ({
      notification: rule.name,
      channel: rule.channel,
      destination,
      referenceDoctype: target.doctype,
      referenceName: target.doc.name,
      event: match.event,
      identity: identity(match, target, destination),
      subject,
      message,
      causedBy: target.chain.at(-1) ?? null,
    })),
    target.user,
    now,
  );
  if (rule.channel === 'System Notification' || rule.sendSystemNotification) {
    const fromUser = String(target.doc.modified_by ?? target.doc.owner ?? target.user);
    const rows = recipients.users.map((forUser) => ({
      name: hashName(),
      owner: target.user,
      creation: now,
      modified: now,
      modified_by: target.user,
      docstatus: 0,
      idx: 0,
      subject,
      for_user: forUser,
      type: 'Alert',
      email_content: message,
      document_type: target.doctype,
      document_name: target.doc.name,
      from_user: fromUser,
      read: 0,
      link: null,
    }));
    if (rows.length > 0) await insertRows(deps.trx, tableName('Notification Log'), rows);
  }
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

/**
 * Frappe's "Set Property After Alert", as a real save of the document (its hooks run, other rules may
 * fire) that carries the chain of notifications causing it: the same notification never fires again
 * from it. It runs in a savepoint: if the save is refused (say, the field cannot change after submit),
 * the user's own write still commits and the refusal is recorded as a Failed delivery.
 */
async function setPropertyAfterAlert(
  deps: FireDeps,
  match: RuleMatch<NotificationRule>,
  target: FireTarget,
  failures: NewDelivery[],
): Promise<void> {
  const { rule } = match;
  if (!rule.setPropertyAfterAlert || target.chain.length >= MAX_NOTIFICATION_CHAIN) return;
  const savepoint = `relais_set_property_${hashName()}`;
  await sql.raw(`savepoint ${savepoint}`).execute(deps.trx);
  try {
    await deps.documents.update(
      target.doctype,
      target.doc.name,
      { [rule.setPropertyAfterAlert]: rule.propertyValue },
      {
        ...SYSTEM_ACTOR,
        trx: deps.trx,
        flags: { notificationChain: [...target.chain, rule.name], notificationsExecuted: target.executed },
      },
    );
    await sql.raw(`release savepoint ${savepoint}`).execute(deps.trx);
  } catch (err) {
    await sql.raw(`rollback to savepoint ${savepoint}`).execute(deps.trx);
    const message = err instanceof Error ? err.message : String(err);
    failures.push({
      ...failed(match, target, { errorCode: 'SET_PROPERTY_FAILED', lastError: `Set property after alert: ${message}`, errorLine: null }),
      channel: rule.channel,
    });
  }
}

export type { NotificationEvent };
