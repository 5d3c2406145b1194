import { sql, type Transaction } from 'kysely';
import { outboxSignal } from '../delivery/outbox-signal.ts';
import { enqueueDeliveries, type DeliveryIdentity, type NewDelivery } from '../delivery/outbox.ts';
import { nowDatetime, type Doc } from '../documents/doc.ts';
import type { DocumentService } from '../documents/document-service.ts';
import { insertRows } from '../documents/document-rows.ts';
import { hashName } from '../documents/naming.ts';
import { tableName, type DocTypeMeta } from '../documents/meta.ts';
import { SYSTEM_ACTOR } from '../documents/permissions.ts';
import { isRelaisError } from '../errors/relais-error.ts';
import { tr, verbatim, type Language } from '../i18n/text.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { NotificationEvent } from './events.ts';
import type { NotificationRule } from './notification-rule.ts';
import type { RuleMatch } from './rule-index.ts';
import { evaluateRules, problemText, type ConditionMode, type RuleVerdict } from './rule-verdict.ts';

/** Longest chain of set-property saves one write may cause (a guard against rules that feed each other). */
export const MAX_NOTIFICATION_CHAIN = 8;

export interface FireDeps {
  documents: DocumentService;
  templates: TemplateEngine;
  trx: Transaction<any>;
  /** The site language (RELAIS_LANGUAGE): a Failed delivery's error is stored in it. */
  language: Language;
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
  /**
   * The document deliveries and bells point to, when it is not `doc` itself: a child row's parent
   * (date events may watch child rows; the link a user follows opens the parent, as in Frappe).
   */
  parent?: { doctype: string; name: string; field: string };
}

/** Where a delivery or bell about `target` points: its parent document for a child row. */
function referenceOf(target: FireTarget): { doctype: string; name: string } {
  return target.parent ?? { doctype: target.doctype, name: target.doc.name };
}

/** How verdicts are applied: `setProperty: false` leaves the document alone (test sends). */
export interface ApplyOptions {
  setProperty?: boolean;
}

/**
 * Fires matched rules for one document event, in the write's transaction: evaluates them (see
 * evaluateRules), then applies each verdict. A condition or template error never fails the write: it
 * is recorded as a Failed delivery with the error and its line. Returns the idempotency keys queued.
 */
export async function fireRules(
  deps: FireDeps,
  matches: Array<RuleMatch<NotificationRule>>,
  target: FireTarget,
  mode: ConditionMode = 'enforce',
  options: ApplyOptions = {},
): Promise<string[]> {
  const verdicts = await evaluateRules({ documents: deps.documents, templates: deps.templates, db: deps.trx }, matches, target, mode);
  return applyVerdicts(deps, verdicts, target, options);
}

/**
 * Applies verdicts in order: queues a delivery per destination (idempotent) and writes bell
 * notifications for each rule that fires, then its set-property; failed rules queue one Failed
 * delivery each, at the end. Returns the idempotency keys of every delivery queued (or skipped as a duplicate).
 */
export async function applyVerdicts(
  deps: FireDeps,
  verdicts: RuleVerdict[],
  target: FireTarget,
  options: ApplyOptions = {},
): Promise<string[]> {
  const failures: NewDelivery[] = [];
  const keys: string[] = [];
  const now = nowDatetime();
  // Deliveries are queued in one statement, flushed before a set-property save so that the
  // deliveries it causes come after the ones that caused it.
  let pending: NewDelivery[] = [];
  const flush = async () => {
    if (pending.length > 0) {
      const { names, queued } = await enqueueDeliveries(deps.trx, pending, target.user, now);
      keys.push(...names);
      if (queued > 0) wakeWorkerOnCommit(deps);
    }
    pending = [];
  };
  for (const verdict of verdicts) {
    if (verdict.error) failures.push(failed(verdict.match, target, problemText(verdict.error, deps.language)));
    if (!verdict.fires) continue;
    pending.push(...deliveriesOf(verdict, target));
    await ringBells(deps, verdict, target, now);
    if (options.setProperty !== false && verdict.match.rule.setPropertyAfterAlert) {
      await flush();
      await setPropertyAfterAlert(deps, verdict.match, target, failures);
    }
  }
  pending.push(...failures);
  await flush();
  return keys;
}

/** Once the write commits, the delivery worker starts on what it queued. */
function wakeWorkerOnCommit(deps: FireDeps): void {
  const store = deps.documents.store;
  store.afterCommit(deps.trx, () => outboxSignal(store).notify());
}

/** What makes one delivery unique (see outbox idempotencyKey). */
export function deliveryIdentity(
  rule: NotificationRule,
  event: NotificationEvent,
  doctype: string,
  docname: string,
  occurrence: string,
  destination: string,
): DeliveryIdentity {
  return { notification: rule.name, doctype, docname, event, occurrence, channel: rule.channel, destination };
}

function identity(match: RuleMatch<NotificationRule>, target: FireTarget, destination: string): DeliveryIdentity {
  const occurrence = target.occurrence ?? String(target.doc.modified);
  return deliveryIdentity(match.rule, match.event, target.doctype, target.doc.name, occurrence, destination);
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
    referenceDoctype: referenceOf(target).doctype,
    referenceName: referenceOf(target).name,
    event: match.event,
    identity: { ...identity(match, target, destination), variant: 'failed' },
    causedBy: target.chain.at(-1) ?? null,
    status: 'Failed',
    ...error,
  };
}

/** The deliveries a firing verdict queues: one per destination. */
function deliveriesOf(verdict: RuleVerdict, target: FireTarget): NewDelivery[] {
  const { match } = verdict;
  const { rule } = match;
  return verdict.destinations.map((destination) => ({
    notification: rule.name,
    channel: rule.channel,
    destination,
    referenceDoctype: referenceOf(target).doctype,
    referenceName: referenceOf(target).name,
    event: match.event,
    identity: identity(match, target, destination),
    subject: verdict.subject ?? '',
    message: verdict.message ?? '',
    email:
      rule.channel === 'Email' && verdict.recipients
        ? { to: verdict.recipients.emails, cc: verdict.recipients.cc, bcc: verdict.recipients.bcc }
        : null,
    causedBy: target.chain.at(-1) ?? null,
  }));
}

/** Writes the verdict's bell notifications (Notification Log), when its rule asks for them. */
async function ringBells(deps: FireDeps, verdict: RuleVerdict, target: FireTarget, now: string): Promise<void> {
  const { rule } = verdict.match;
  if (rule.channel !== 'System Notification' && !rule.sendSystemNotification) return;
  const fromUser = String(target.doc.modified_by ?? target.doc.owner ?? target.user);
  const rows = (verdict.recipients?.users ?? []).map((forUser) => ({
    name: hashName(),
    owner: target.user,
    creation: now,
    modified: now,
    modified_by: target.user,
    docstatus: 0,
    idx: 0,
    subject: verdict.subject ?? '',
    for_user: forUser,
    type: 'Alert',
    email_content: verdict.message ?? '',
    document_type: referenceOf(target).doctype,
    document_name: referenceOf(target).name,
    from_user: fromUser,
    read: 0,
    link: null,
  }));
  if (rows.length > 0) await insertRows(deps.trx, tableName('Notification Log'), rows);
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
  const actor = {
    ...SYSTEM_ACTOR,
    trx: deps.trx,
    flags: { notificationChain: [...target.chain, rule.name], notificationsExecuted: target.executed },
  };
  const change = { [rule.setPropertyAfterAlert]: rule.propertyValue };
  try {
    if (target.parent) {
      // A child row is saved through its parent, so the parent's hooks run as for any edit of the row.
      const { doctype, name, field } = target.parent;
      const parent = await deps.documents.get(doctype, name, actor);
      const rows = ((parent[field] as Doc[] | undefined) ?? []).map((row) => (row.name === target.doc.name ? { ...row, ...change } : row));
      await deps.documents.update(doctype, name, { [field]: rows }, actor);
    } else {
      await deps.documents.update(target.doctype, target.doc.name, change, actor);
    }
    await sql.raw(`release savepoint ${savepoint}`).execute(deps.trx);
  } catch (err) {
    await sql.raw(`rollback to savepoint ${savepoint}`).execute(deps.trx);
    const reason = isRelaisError(err) ? err.text : verbatim(err instanceof Error ? err.message : String(err));
    const lastError = tr`Set property after alert: ${reason}`.in(deps.language);
    failures.push({
      ...failed(match, target, { errorCode: 'SET_PROPERTY_FAILED', lastError, errorLine: null }),
      channel: rule.channel,
    });
  }
}

export type { NotificationEvent };
