/**
 * Microsoft Teams through a Workflows (Power Automate) webhook: the "Post to a channel when a webhook
 * request is received" flow, which reads Adaptive Cards from `attachments`. Protocol facts:
 * ../shared/reference/chat-webhook-protocols.md §3. The Office 365 connectors are retired: their URLs
 * are refused. Every message is a card (the flow takes nothing else); no threads, no idempotency.
 */
import type {
  ChannelAdapter,
  ChatMessage,
  HttpAnswer,
  OutboundRequest,
  SendOutcome,
  UrlCheckOptions,
  UrlVerdict,
} from '../channel-types.ts';
import { tr } from '../../i18n/text.ts';
import { httpOutcome, jsonWithin, parseJsonBody, retryAfterMs, snippet } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, isLoopbackHost, ok, parseUrl, quotedList, unexpectedParams } from '../url-checks.ts';

const HOST_SUFFIX = '.environment.api.powerplatform.com';
const PATH = /^\/powerautomate\/automations\/direct(?:\/cu\/\d+)?\/workflows\/[0-9a-f]{32}\/triggers\/manual\/paths\/invoke$/i;
const SIG = /^[A-Za-z0-9_-]+$/;
const PARAMS = ['api-version', 'sp', 'sv', 'sig'];
/** Teams refuses messages over about 28 KB ("Request Entity too large"). */
export const MAX_MESSAGE_BYTES = 28_000;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  const host = url.hostname;
  if (host.endsWith('.webhook.office.com') || host === 'outlook.office.com' || host === 'outlook.office365.com')
    return bad(tr`Office 365 connectors (Incoming Webhook) are retired in Teams: create a Workflows webhook and paste its URL`);
  if (host.endsWith('.logic.azure.com')) {
    return bad(tr`Workflows URLs on logic.azure.com stopped working on November 30, 2025: copy the new URL from the workflow`);
  }
  const testServer = options.allowPrivate && url.protocol === 'http:' && isLoopbackHost(host);
  if (!testServer) {
    if (url.protocol !== 'https:') return bad(tr`a Teams Workflows URL starts with https://`);
    if (!host.endsWith(HOST_SUFFIX) || host.length === HOST_SUFFIX.length) {
      return bad(tr`a Teams Workflows URL is on {environment}${HOST_SUFFIX}, not ${host}`);
    }
    if (url.port !== '' && url.port !== '443') return bad(tr`a Teams Workflows URL has no port other than 443 (${url.port} given)`);
  }
  if (!PATH.test(url.pathname)) {
    return bad(
      tr`the path must be /powerautomate/automations/direct/workflows/{id}/triggers/manual/paths/invoke, as the workflow gives it`,
    );
  }
  for (const param of PARAMS) {
    if (!url.searchParams.get(param)) return bad(tr`the ${param} parameter is missing (copy the whole URL from the workflow)`);
  }
  if (url.searchParams.get('sp') !== '/triggers/manual/run') return bad(tr`the sp parameter must be %2Ftriggers%2Fmanual%2Frun`);
  if (!SIG.test(url.searchParams.get('sig')!)) return bad(tr`the sig parameter holds characters Workflows signatures never have`);
  const extra = unexpectedParams(url, PARAMS);
  if (extra.length > 0) return bad(tr`unexpected parameter ${quotedList(extra)}: keep only ${PARAMS.join(', ')}`);
  return ok;
}

/** `https://….environment.api.powerplatform.com/powerautomate/…/invoke?api-version=…&sig=••••` */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  return `${url.origin}${url.pathname}?api-version=…&sig=••••`;
}

type CardElement = Record<string, unknown>;

/**
 * One Adaptive Card 1.4 (what the Workflows template and Teams render). `Card`: the subject in bold, the
 * message, an "Open document" button. `Text`: the message alone, the document link under it.
 */
function card(message: ChatMessage, text: string): CardElement {
  const labels = LABELS[message.language];
  const asCard = message.format === 'Card';
  const body: CardElement[] = [];
  if (asCard && message.subject) body.push({ type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true });
  const link = message.documentUrl && !asCard ? `\n\n[${labels.documentLink}](${message.documentUrl})` : '';
  body.push({ type: 'TextBlock', text: text + link, wrap: true });
  const content: CardElement = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
  };
  if (asCard && message.documentUrl) content.actions = [{ type: 'Action.OpenUrl', title: labels.openDocument, url: message.documentUrl }];
  return content;
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = jsonWithin(MAX_MESSAGE_BYTES, message.message, LABELS[message.language].truncated, (text) => ({
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card(message, text) }],
  }));
  return { url: webhookUrl, headers: { 'content-type': 'application/json; charset=UTF-8' }, body };
}

/** Power Automate's throttling answer says when: "Rate limit is exceeded. Try again in 12 seconds." */
function tryAgainInMs(text: string): number | null {
  const match = /try again in (\d+) seconds?/i.exec(text);
  return match ? Number(match[1]) * 1000 : null;
}

/** 202 (or 200): the flow accepted the message; whether it posted shows only in the flow's run history. */
function classify(answer: HttpAnswer): SendOutcome {
  if (answer.status === 200 || answer.status === 202) return { kind: 'sent', remoteId: null };
  const error = parseJsonBody<{ error?: { code?: string; message?: string } }>(answer.body)?.error;
  const detail = error?.message ? `${error.code ? `${error.code}: ` : ''}${error.message}` : snippet(answer.body);
  const outcome = httpOutcome(answer, detail);
  if (outcome.kind === 'retry') return { ...outcome, retryAfterMs: retryAfterMs(answer.headers) ?? tryAgainInMs(error?.message ?? '') };
  return outcome;
}

export const teams: ChannelAdapter = {
  service: 'Microsoft Teams',
  defaultRatePerMinute: 60,
  canThread: false,
  hasCards: true,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
