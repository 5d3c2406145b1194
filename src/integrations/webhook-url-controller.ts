/**
 * Saving an Incoming Webhook URL: the service's strict URL check and the SSRF guard, then the URL is
 * kept apart (`__secrets`) and the document holds it masked. A client that sends the masked value back
 * (a form saved without touching the URL) keeps the stored URL. Status and counters are Relais's: a
 * client's values for them are ignored. A generic `Webhook` also has a signing secret, kept apart and
 * masked the same way (one is made when none is given, so every generic webhook is signed), and may have
 * a body template, which must render JSON; both are refused on the other services.
 */
import crypto from 'node:crypto';
import { checkWebhookUrl, maskWebhookUrl } from '../channels/registry.ts';
import { forbiddenDestination } from '../delivery/address-guard.ts';
import type { Doc } from '../documents/doc.ts';
import type { HookBus, HookContext } from '../documents/hook-bus.ts';
import { readSecretValue, storeSecretValue } from '../documents/document-secrets.ts';
import { RelaisError, isRelaisError } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { Executor } from '../store/store.ts';
import { templateProblemText } from '../templates/problem-words.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import { WEBHOOK_SYSTEM_FIELDS } from './incoming-webhook-url.ts';
import { renderWebhookBody, sampleWebhookBodyContext } from './webhook-body.ts';

const DOCTYPE = 'Incoming Webhook URL';
const FIELD = 'webhook_url';
const SECRET_FIELD = 'signing_secret';
const TEMPLATE_FIELD = 'body_template';
const LABELS: Record<string, string> = {
  [FIELD]: 'Webhook URL',
  [SECRET_FIELD]: 'Signing Secret',
  [TEMPLATE_FIELD]: 'Body Template',
};
/** The service whose requests are signed and whose body may be a template. */
const GENERIC = 'Webhook';
/** What the document holds instead of the signing secret. */
export const SIGNING_SECRET_MASK = 'whsec_••••';
/** Standard Webhooks' secret: `whsec_` and the base64 of 24 to 64 random bytes. */
const SIGNING_SECRET = /^whsec_((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;

export interface WebhookUrlControllerDeps {
  /** RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivateWebhooks: boolean;
  /** Checks and renders body templates. */
  templates: TemplateEngine;
  /** The site's URL, for the sample a body template is rendered against. */
  siteUrl: string;
}

/** Set by the delivery worker on its own writes of status and counters. */
export const WEBHOOK_SYSTEM_WRITE = 'webhookSystemWrite';

function invalid(field: string, reason: Text, details: Record<string, unknown> = {}): RelaisError {
  return new RelaisError('INVALID_VALUE', tr`${term(DOCTYPE)}: ${term(LABELS[field])}: ${reason}`, { doctype: DOCTYPE, field, ...details });
}

/** The service a webhook is for, as a reason names it. */
const serviceOf = (doc: Doc) => (isBlank(doc.service) ? tr`this service` : term(String(doc.service)));

const isBlank = (value: unknown) => value === null || value === undefined || String(value).trim() === '';

/** The URL of a saved webhook, unmasked: for the delivery worker and an explicit reveal only. */
export async function webhookUrlOf(db: Executor, name: string): Promise<string | undefined> {
  return readSecretValue(db, DOCTYPE, name, FIELD);
}

/** The signing secret of a saved generic webhook (`whsec_…`), unmasked: for the delivery worker only. */
export async function signingSecretOf(db: Executor, name: string): Promise<string | undefined> {
  // An empty value is a secret forgotten when the webhook stopped being a generic one.
  return (await readSecretValue(db, DOCTYPE, name, SECRET_FIELD)) || undefined;
}

export function registerWebhookUrlController(bus: HookBus, deps: WebhookUrlControllerDeps): void {
  /** Secret values checked in `validate` (field → value), stored once the write has named the document. */
  const pending = new WeakMap<Doc, Map<string, string>>();
  const keep = (doc: Doc, field: string, value: string) => pending.set(doc, (pending.get(doc) ?? new Map()).set(field, value));

  bus.on(
    'validate',
    async (ctx) => {
      if (!ctx.flags[WEBHOOK_SYSTEM_WRITE]) keepSystemFields(ctx.doc, ctx.docBefore);
      const url = await checkUrl(ctx, deps);
      if (url !== null) keep(ctx.doc, FIELD, url);
      // A new URL (or service) is someone's fix for a Broken webhook: it is tried again, and the
      // messages that waited for it go.
      if (url !== null && ctx.docBefore && !ctx.flags[WEBHOOK_SYSTEM_WRITE]) Object.assign(ctx.doc, { status: 'Active', last_error: null });
      const secret = checkSigningSecret(ctx.doc, ctx.docBefore);
      if (secret !== null) keep(ctx.doc, SECRET_FIELD, secret);
      await checkBodyTemplate(ctx.doc, ctx.docBefore, deps);
    },
    { doctype: DOCTYPE },
  );

  bus.on(
    'on_update',
    async (ctx) => {
      for (const [field, value] of pending.get(ctx.doc) ?? []) await storeSecretValue(ctx.trx, DOCTYPE, String(ctx.doc.name), field, value);
    },
    { doctype: DOCTYPE },
  );
}

/** The URL to store, or null when the stored one stays; the document gets the masked URL. */
async function checkUrl(ctx: HookContext, deps: WebhookUrlControllerDeps): Promise<string | null> {
  const { doc, docBefore } = ctx;
  const service = String(doc.service ?? '');
  const given = typeof doc.webhook_url === 'string' ? doc.webhook_url : '';
  let url = given;
  if (docBefore && given === docBefore.webhook_url) {
    // Unchanged (the masked value came back): check the stored URL again only if the service changed.
    if (service === docBefore.service) return null;
    url = (await webhookUrlOf(ctx.trx, String(docBefore.name))) ?? '';
  }
  const verdict = checkWebhookUrl(service, url, { allowPrivate: deps.allowPrivateWebhooks });
  const masked = maskWebhookUrl(service, url);
  if (!verdict.ok) {
    const reason = service ? tr`${verdict.reason} (for ${term(service)})` : tr`${verdict.reason} (for the chosen service)`;
    throw invalid(FIELD, reason, { value: masked });
  }
  const forbidden = await forbiddenDestination(new URL(url), deps.allowPrivateWebhooks);
  if (forbidden) throw invalid(FIELD, forbidden, { value: masked });
  doc.webhook_url = masked;
  return url;
}

/**
 * The signing secret to store, or null when the stored one stays. A generic webhook keeps the secret it
 * has when the mask comes back, and gets a new one when none is given; the other services have none
 * (an empty value is stored over a secret left from when the webhook was a generic one).
 */
function checkSigningSecret(doc: Doc, docBefore: Doc | null): string | null {
  const given = isBlank(doc.signing_secret) ? '' : String(doc.signing_secret);
  const hadSecret = docBefore?.signing_secret === SIGNING_SECRET_MASK;
  if (doc.service !== GENERIC) {
    if (given) throw invalid(SECRET_FIELD, tr`only a ${term(GENERIC)} is signed: clear it for ${serviceOf(doc)}`);
    doc.signing_secret = null;
    return hadSecret ? '' : null;
  }
  doc.signing_secret = SIGNING_SECRET_MASK;
  if (given === SIGNING_SECRET_MASK && hadSecret) return null;
  if (!given) return `whsec_${crypto.randomBytes(32).toString('base64')}`;
  const bytes = SIGNING_SECRET.exec(given)?.[1];
  const length = bytes === undefined ? 0 : Buffer.from(bytes, 'base64').length;
  if (length < 24 || length > 64) {
    throw invalid(
      SECRET_FIELD,
      tr`a Standard Webhooks secret is whsec_ followed by the base64 of 24 to 64 random bytes (or leave it empty: Relais makes one)`,
    );
  }
  return given;
}

/** A body template only on a generic webhook, whose Jinja parses and renders JSON for a sample message. */
async function checkBodyTemplate(doc: Doc, docBefore: Doc | null, deps: WebhookUrlControllerDeps): Promise<void> {
  if (isBlank(doc.body_template)) return;
  if (doc.service !== GENERIC)
    throw invalid(TEMPLATE_FIELD, tr`only a ${term(GENERIC)} takes a body template: clear it for ${serviceOf(doc)}`);
  const template = String(doc.body_template);
  if (docBefore && docBefore.service === GENERIC && docBefore.body_template === template) return;
  const problem = await deps.templates.checkTemplate(template);
  if (problem) {
    throw invalid(TEMPLATE_FIELD, templateProblemText(problem), {
      problem: problem.code,
      line: problem.line,
      column: problem.column,
      excerpt: problem.excerpt,
    });
  }
  try {
    await renderWebhookBody(deps.templates, template, sampleWebhookBodyContext(deps.siteUrl));
  } catch (err) {
    if (!isRelaisError(err) || err.code !== 'WEBHOOK_BODY_INVALID') throw err;
    throw invalid(TEMPLATE_FIELD, tr`with a sample message, ${err.text}`, err.details);
  }
}

/** Status and counters come from the stored document (or their defaults), never from the client. */
function keepSystemFields(doc: Doc, before: Doc | null): void {
  const defaults: Record<string, unknown> = { status: 'Active', last_error: null, sent_count: 0, failed_count: 0, last_sent_at: null };
  for (const field of WEBHOOK_SYSTEM_FIELDS) doc[field] = before ? before[field] : defaults[field];
}
