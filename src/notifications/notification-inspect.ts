import { nowDatetime } from '../documents/doc.ts';
import type { PayloadPreview } from '../delivery/delivery-service.ts';
import type { Kysely, Transaction } from 'kysely';
import type { RelaisApp } from '../app.ts';
import { idempotencyKey } from '../delivery/outbox.ts';
import type { Doc } from '../documents/doc.ts';
import { hashName } from '../documents/naming.ts';
import { tableName } from '../documents/meta.ts';
import { SYSTEM_ACTOR, type Actor } from '../documents/permissions.ts';
import { RelaisError, isRelaisError } from '../errors/relais-error.ts';
import { term, tr, verbatim, type Text } from '../i18n/text.ts';
import type { TemplateProblem } from '../templates/template-types.ts';
import { DATE_EVENTS, NOTIFICATION_EVENTS, type NotificationEvent } from './events.ts';
import { deliveryIdentity, fireRules } from './fire-rules.ts';
import { ruleFromDoc, type NotificationRule } from './notification-rule.ts';
import { evaluateRules, type RuleVerdict } from './rule-verdict.ts';
import { localDayAndTime, minutesWindow, referenceDay } from './schedule.ts';

/** A template or condition problem as previews and explanations return it (data, not an HTTP error). */
export interface ProblemData {
  stage: 'condition' | 'subject' | 'message' | 'recipients';
  code: string;
  /** Said in the request's language at the API edge (the engine's own words stay as they are). */
  message: Text;
  line: number | null;
  column: number | null;
  excerpt: string | null;
}

const problemData = (stage: ProblemData['stage'], p: TemplateProblem): ProblemData => ({
  stage,
  code: p.code,
  message: p.message,
  line: p.line,
  column: p.column,
  excerpt: p.excerpt,
});

/** A saved notification (by name) or unsaved field values, read into a rule. */
export async function resolveRule(app: RelaisApp, notification: unknown, actor: Actor): Promise<NotificationRule> {
  if (typeof notification === 'string' && notification !== '')
    return ruleFromDoc(await app.documents.get('Notification', notification, actor));
  if (typeof notification === 'object' && notification !== null && !Array.isArray(notification)) {
    const fields = notification as Record<string, unknown>;
    if (typeof fields.document_type !== 'string' || !fields.document_type)
      throw new RelaisError('BAD_REQUEST', tr`An unsaved notification needs its document_type`, { field: 'document_type' });
    return ruleFromDoc({
      enabled: 1,
      event: 'Save',
      subject: '',
      message: '',
      recipients: [],
      ...fields,
      name: String(fields.name ?? 'Preview'),
    } as unknown as Doc);
  }
  throw new RelaisError('BAD_REQUEST', tr`Argument notification is required: a notification name or its field values`, {
    field: 'notification',
  });
}

/**
 * The event a rule is evaluated on when previewed or test-sent: its own, except Value Change (there is
 * no previous state to compare with), evaluated like Save so the condition and texts are still shown.
 */
const inspectEvent = (rule: NotificationRule): NotificationEvent => (rule.event === 'Value Change' ? 'Save' : rule.event);

async function loadTarget(app: RelaisApp, doctype: string, name: string, actor: Actor, trx?: Transaction<any>) {
  const meta = await app.documents.metaOf(doctype, { ...actor, trx });
  const doc = await app.documents.get(doctype, name, { ...actor, trx });
  return { doctype, meta, doc };
}

export interface PreviewResult {
  condition_holds: boolean | null;
  subject: string | null;
  message: string | null;
  /** `note` (said in the request's language at the API edge) tells why there is no payload to show. */
  destinations: Array<{ channel: string; destination: string; payload: PayloadPreview | null; note: Text | null }>;
  recipients: { users: string[]; emails: string[]; cc: string[]; bcc: string[] };
  error?: ProblemData;
}

/** What a notification would send for a document, without writing or sending anything. */
export async function previewNotification(
  app: RelaisApp,
  notification: unknown,
  target: { doctype?: string; name: string },
  actor: Actor,
): Promise<PreviewResult> {
  const rule = await resolveRule(app, notification, actor);
  const { doctype, meta, doc } = await loadTarget(app, target.doctype ?? rule.documentType, target.name, actor);
  const deps = { documents: app.documents, templates: app.templates, db: app.store.db as Kysely<any> };
  const [v] = await evaluateRules(deps, [{ rule, event: inspectEvent(rule) }], { doctype, meta, doc, docBefore: null }, 'report');
  return {
    condition_holds: v.conditionHolds,
    subject: v.subject,
    message: v.message,
    destinations: await Promise.all(
      v.destinations.map((destination) =>
        destinationPreview(app, rule, destination, { doctype, name: doc.name, subject: v.subject, message: v.message }),
      ),
    ),
    recipients: v.recipients ?? { users: [], emails: [], cc: [], bcc: [] },
    ...(v.error ? { error: problemData(v.error.stage, v.error.problem) } : {}),
  };
}

/** The request a destination would receive, or a note saying why there is none to show. */
async function destinationPreview(
  app: RelaisApp,
  rule: NotificationRule,
  destination: string,
  about: { doctype: string; name: string; subject: string | null; message: string | null },
): Promise<PreviewResult['destinations'][number]> {
  const base = { channel: rule.channel, destination };
  if (rule.channel !== 'External Collaboration Tool') {
    return { ...base, payload: null, note: tr`${term(rule.channel)} is sent as the subject and message above` };
  }
  const now = nowDatetime();
  try {
    const payload = await app.delivery.previewPayload({
      name: 'preview',
      notification: rule.name ?? '',
      status: 'Queued',
      channel: rule.channel,
      destination,
      reference_doctype: about.doctype,
      reference_name: about.name,
      event: rule.event,
      subject: about.subject ?? '',
      message: about.message ?? '',
      email_to: null,
      email_cc: null,
      email_bcc: null,
      creation: now,
      run_at: now,
      attempts: 0,
      max_attempts: 0,
      locked_by: null,
    });
    return { ...base, payload, note: payload ? null : tr`${term('Incoming Webhook URL')} ${destination} does not exist` };
  } catch (err) {
    return { ...base, payload: null, note: isRelaisError(err) ? err.text : verbatim(err instanceof Error ? err.message : String(err)) };
  }
}

/**
 * Queues a saved notification's deliveries for a document for real, bypassing its condition (Dokos's
 * "Test this notification"); bells are written, set-property is not applied. Returns the delivery names.
 */
export async function sendTestNotification(app: RelaisApp, notification: string, name: string, actor: Actor): Promise<string[]> {
  const rule = ruleFromDoc(await app.documents.get('Notification', notification, actor));
  return app.store.transaction(undefined, async (trx) => {
    const { doctype, meta, doc } = await loadTarget(app, rule.documentType, name, actor, trx);
    const target = { doctype, meta, doc, docBefore: null, user: actor.user, chain: [], occurrence: `test:${hashName()}` };
    const deps = { documents: app.documents, templates: app.templates, trx, language: app.config.language };
    // A delivery is named by its idempotency key.
    return fireRules(deps, [{ rule, event: inspectEvent(rule) }], target, 'skip', { setProperty: false });
  });
}

export type ExplainReason =
  'disabled' | 'event' | 'value_unchanged' | 'date_not_due' | 'condition_false' | 'condition_error' | 'template_error' | 'already_sent';

export interface Explanation {
  notification: string;
  event: NotificationEvent;
  enabled: boolean;
  would_fire: boolean;
  reason?: ExplainReason;
  problem?: ProblemData;
  /** Said in the request's language at the API edge. */
  detail?: Text;
}

/** The document as it was before its last write, from its latest Version (for Value Change rules). */
async function stateBeforeLastWrite(db: Kysely<any>, doctype: string, doc: Doc): Promise<Doc | null> {
  const version = await db
    .selectFrom(tableName('Version'))
    .select('data')
    .where('ref_doctype', '=', doctype)
    .where('docname', '=', doc.name)
    .orderBy('creation', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!version) return null;
  const data = JSON.parse(String(version.data)) as { changed?: Array<[string, unknown, unknown]> };
  if (!data.changed?.length) return null;
  return { ...doc, ...Object.fromEntries(data.changed.map(([field, old]) => [field, old])) };
}

/**
 * For date events: whether the document's date is the one due now, and the occurrence a reminder's
 * idempotency key uses (assumed: the reference day for Days rules, the field's datetime for Minutes rules).
 */
function dateCheck(
  rule: NotificationRule,
  event: NotificationEvent,
  doc: Doc,
  now: Date,
  timeZone: string,
): { due: boolean; detail: Text; occurrence: string } {
  if (event === 'Days Before' || event === 'Days After') {
    const today = localDayAndTime(now, timeZone).day;
    const reference = referenceDay(event, rule.daysInAdvance, today);
    const value = doc[rule.dateChanged ?? ''];
    const day = value ? String(value).slice(0, 10) : null;
    return {
      due: day === reference,
      occurrence: reference,
      detail: tr`${rule.dateChanged} is ${day ?? tr`empty`}; due today when it is ${reference}`,
    };
  }
  const window = minutesWindow(event, rule.minutesOffset, new Date(now.getTime() - 60_000), now, 60_000);
  const value = doc[rule.datetimeChanged ?? ''];
  const at = value ? new Date(`${String(value).replace(' ', 'T').slice(0, 23)}Z`) : null;
  const due = at !== null && at > window.from && at <= window.to;
  return {
    due,
    occurrence: String(value),
    detail: tr`${rule.datetimeChanged} is ${value ?? tr`empty`}; due this minute when in (${window.from.toISOString()}, ${window.to.toISOString()}]`,
  };
}

/**
 * For every notification on `doctype`, whether it would fire for the document now (on `event`, or on
 * each rule's own event) and, if not, the first test that fails. Nothing is written.
 */
export async function explainDocument(
  app: RelaisApp,
  doctype: string,
  name: string,
  event: string | undefined,
  actor: Actor,
  options: { now?: Date; timeZone?: string } = {},
): Promise<Explanation[]> {
  if (event !== undefined && !(NOTIFICATION_EVENTS as readonly string[]).includes(event))
    throw new RelaisError('BAD_REQUEST', tr`Unknown event ${JSON.stringify(event)}; one of ${NOTIFICATION_EVENTS.join(', ')}`, {
      field: 'event',
    });
  const db = app.store.db as Kysely<any>;
  const { meta, doc } = await loadTarget(app, doctype, name, actor);
  const ruleNames = (
    await db.selectFrom(tableName('Notification')).select('name').where('document_type', '=', doctype).orderBy('name').execute()
  ).map((r) => String(r.name));
  const rules = await Promise.all(ruleNames.map(async (n) => ruleFromDoc(await app.documents.get('Notification', n, SYSTEM_ACTOR))));
  const docBefore = rules.some((r) => r.event === 'Value Change') ? await stateBeforeLastWrite(db, doctype, doc) : null;
  const deps = { documents: app.documents, templates: app.templates, db };
  const now = options.now ?? new Date();
  const out: Explanation[] = [];
  for (const rule of rules) {
    const base = { notification: rule.name, event: (event as NotificationEvent | undefined) ?? rule.event, enabled: rule.enabled };
    const no = (reason: ExplainReason, extra: Partial<Explanation> = {}) => out.push({ ...base, would_fire: false, reason, ...extra });
    if (!rule.enabled) no('disabled');
    else if (event !== undefined && event !== rule.event) no('event', { detail: tr`the notification is sent on ${term(rule.event)}` });
    else {
      let occurrence = String(doc.modified);
      if (DATE_EVENTS.has(rule.event)) {
        const date = dateCheck(rule, rule.event, doc, now, options.timeZone ?? 'UTC');
        if (!date.due) {
          no('date_not_due', { detail: date.detail });
          continue;
        }
        occurrence = date.occurrence;
      }
      const [v] = await evaluateRules(deps, [{ rule, event: rule.event }], { doctype, meta, doc, docBefore }, 'enforce');
      const verdict = explainVerdict(v);
      if (verdict) no(verdict.reason, verdict.extra);
      else if (await alreadySent(db, rule, doctype, doc, occurrence, v.destinations)) no('already_sent');
      else out.push({ ...base, would_fire: true });
    }
  }
  return out;
}

function explainVerdict(v: RuleVerdict): { reason: ExplainReason; extra?: Partial<Explanation> } | null {
  if (!v.valueChanged)
    return { reason: 'value_unchanged', extra: { detail: tr`${v.match.rule.valueChanged} did not change in the document's last write` } };
  if (v.error)
    return {
      reason: v.error.stage === 'condition' ? 'condition_error' : 'template_error',
      extra: { problem: problemData(v.error.stage, v.error.problem) },
    };
  if (v.conditionHolds === false) return { reason: 'condition_false' };
  return null;
}

/** Whether a delivery of this occurrence already exists for any of the destinations (its idempotency key). */
async function alreadySent(db: Kysely<any>, rule: NotificationRule, doctype: string, doc: Doc, occurrence: string, destinations: string[]) {
  if (destinations.length === 0) return false;
  const keys = destinations.map((d) => idempotencyKey(deliveryIdentity(rule, rule.event, doctype, doc.name, occurrence, d)));
  const row = await db.selectFrom(tableName('Notification Delivery')).select('name').where('name', 'in', keys).limit(1).executeTakeFirst();
  return row !== undefined;
}
