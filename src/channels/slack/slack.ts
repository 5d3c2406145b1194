/**
 * Slack incoming webhooks (`hooks.slack.com/services/T…/B…/secret`, and GovSlack's). Protocol facts:
 * ../shared/reference/chat-webhook-protocols.md §2. Dokos's payload (the text and a "Go to the document"
 * button in an attachment), Block Kit cards, the text escaped so that document values cannot mention
 * anyone. No threads: a webhook answers `ok`, never the `ts` a reply would need.
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
import { codedOutcome, httpOutcome, truncateChars } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { bad, hostedOriginProblem, ok, parseUrl } from '../url-checks.ts';

const SERVICE = 'Slack';
const HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com'];
const TEAM = /^T[A-Z0-9]{8,12}$/;
const HOOK = /^B[A-Z0-9]{8,12}$/;
const SECRET = /^[A-Za-z0-9]{24}$/;
/** Slack cuts `text` above 40,000 characters. */
export const MAX_TEXT_CHARS = 40_000;
/** A Block Kit section's text holds 3,000 characters (more: the whole message is refused), a header 150. */
export const MAX_SECTION_CHARS = 3_000;
const MAX_HEADER_CHARS = 150;

function checkUrl(raw: string, options: UrlCheckOptions): UrlVerdict {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return bad(url);
  const origin = hostedOriginProblem(url, SERVICE, HOSTS, options);
  if (origin) return bad(origin);
  const [kind, team, hook, secret, ...rest] = url.pathname.split('/').slice(1);
  if (kind === 'workflows' || kind === 'triggers') {
    return bad(tr`this is a Workflow Builder webhook, which takes only its workflow's variables: use an incoming webhook (…/services/…)`);
  }
  if (kind !== 'services' || !team || !hook || rest.length > 0)
    return bad(tr`the path must be /services/T…/B…/{secret}, as Slack gives it`);
  if (!TEAM.test(team)) return bad(tr`the workspace part (T…) is not a Slack workspace id`);
  if (!HOOK.test(hook)) return bad(tr`the webhook part (B…) is not a Slack webhook id`);
  if (!secret) return bad(tr`the secret at the end is missing (copy the whole URL from Slack)`);
  if (!SECRET.test(secret)) return bad(tr`the secret at the end is 24 letters and digits in a Slack URL (copy the whole URL)`);
  if (url.search) return bad(tr`a ${SERVICE} webhook URL has no ?parameters`);
  return ok;
}

/** `https://hooks.slack.com/services/T…/B…/••••`: the ids say which workspace, so they go too. */
function maskUrl(raw: string): string {
  const url = parseUrl(raw);
  if (!(url instanceof URL)) return '••••';
  const [kind, team, hook] = url.pathname.split('/').slice(1);
  const shaped = kind === 'services' && team?.startsWith('T') && hook?.startsWith('B');
  return shaped ? `${url.origin}/services/T…/B…/••••` : `${url.origin}/••••`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * `& < >` as entities, as mrkdwn requires, so that document values cannot write `<!channel>` or `<@U…>`.
 * Kept as written: entities already escaped (the `slack_escape` filter) and `<https://…|label>` links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/<https?:\/\/[^\s<>|]+(?:\|[^<>]*)?>|&(?:amp|lt|gt);|[&<>]/g, (match) => ENTITIES[match] ?? match);
}

/** The message escaped and cut so that, escaped, it holds at most `max` characters (entities whole). */
function escapedWithin(text: string, max: number, marker: string): string {
  for (let room = max; ;) {
    const cut = truncateChars(text, room, marker);
    const escaped = escapeMrkdwn(cut);
    if (escaped.length <= max || room <= marker.length) return escaped;
    // Escaping lengthened the text by escaped/cut: cut as much less.
    room = Math.max(marker.length, Math.min(room - 1, Math.floor((cut.length * max) / escaped.length)));
  }
}

/** Dokos's payload: the text, and the document link as a button in a (legacy) attachment. */
function textBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const body: Record<string, unknown> = { text: escapedWithin(message.message, MAX_TEXT_CHARS, labels.truncated) };
  const url = message.documentUrl;
  if (url) {
    const button = { type: 'button', text: labels.goToDocument, url, style: 'primary' };
    body.attachments = [{ fallback: labels.seeDocumentAt.replace('{0}', url), actions: [button] }];
  }
  return body;
}

/** Block Kit: the subject as header, the message as a mrkdwn section, the button; `text` is the notification's. */
function cardBody(message: ChatMessage): Record<string, unknown> {
  const labels = LABELS[message.language];
  const text = escapedWithin(message.message, MAX_SECTION_CHARS, labels.truncated);
  const subject = message.subject.trim();
  const blocks: unknown[] = [];
  if (subject) blocks.push({ type: 'header', text: { type: 'plain_text', text: truncateChars(subject, MAX_HEADER_CHARS, '…') } });
  if (text.trim()) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  if (message.documentUrl) {
    const button = { type: 'button', action_id: 'open_document', text: { type: 'plain_text', text: labels.goToDocument } };
    blocks.push({ type: 'actions', elements: [{ ...button, url: message.documentUrl, style: 'primary' }] });
  }
  return { text, blocks };
}

function buildRequest(webhookUrl: string, message: ChatMessage): OutboundRequest {
  const body = message.format === 'Card' ? cardBody(message) : textBody(message);
  return { url: webhookUrl, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(body) };
}

/** Slack's plain-text error codes (§2.5) and what they mean; the code is `SLACK_` and the name in capitals. */
const ERRORS = new Map<string, 'retry' | 'broken' | 'rejected'>([
  ['invalid_token', 'broken'],
  ['action_prohibited', 'broken'],
  ['channel_not_found', 'broken'],
  ['channel_is_archived', 'broken'],
  ['no_service', 'broken'],
  ['no_service_id', 'broken'],
  ['no_team', 'broken'],
  ['team_disabled', 'broken'],
  ['no_active_hooks', 'broken'],
  ['user_not_found', 'broken'],
  ['posting_to_general_channel_denied', 'broken'],
  ['invalid_payload', 'rejected'],
  ['no_text', 'rejected'],
  ['missing_text_or_fallback_or_attachments', 'rejected'],
  ['too_many_attachments', 'rejected'],
  ['invalid_blocks', 'rejected'],
  ['invalid_blocks_format', 'rejected'],
  ['msg_blocks_too_long', 'rejected'],
  ['rollup_error', 'retry'],
]);

function classify(answer: HttpAnswer): SendOutcome {
  if (answer.status >= 200 && answer.status < 300) return { kind: 'sent', remoteId: null };
  const error = answer.body.trim();
  const kind = answer.status === 429 ? undefined : ERRORS.get(error);
  return kind ? codedOutcome(kind, `SLACK_${error.toUpperCase()}`, answer) : httpOutcome(answer);
}

export const slack: ChannelAdapter = {
  service: 'Slack',
  /** "No more than one message per second" per webhook, short bursts tolerated (§0.3). */
  defaultRatePerMinute: 60,
  canThread: false,
  hasCards: true,
  checkUrl,
  maskUrl,
  buildRequest,
  classify,
};
