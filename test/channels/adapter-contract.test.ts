// Every registered chat adapter against a real HTTP server on 127.0.0.1, through the real HttpSender and
// the worker's own sendAndClassify: the request it sends (file snapshots), how it reads each class of
// answer its service gives, timeouts and refused connections, the webhook's secrets kept out of what is
// stored, and a 200,000-character message cut to the service's documented limit. Protocol facts:
// ../shared/reference/chat-webhook-protocols.md. Google Chat runs here like the others, through the
// generic sink; google-chat-contract.test.ts also runs it against a fake that checks the Chat API's types.
import http from 'node:http';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SERVICE_NAMES, type ChannelAdapter, type ChatMessage } from '../../src/channels/channel-types.ts';
import { discord } from '../../src/channels/discord/discord.ts';
import { googleChat } from '../../src/channels/google-chat/google-chat.ts';
import { LABELS } from '../../src/channels/labels.ts';
import { mattermost } from '../../src/channels/mattermost/mattermost.ts';
import { ntfy } from '../../src/channels/ntfy/ntfy.ts';
import { adapterFor } from '../../src/channels/registry.ts';
import { rocketChat } from '../../src/channels/rocket-chat/rocket-chat.ts';
import { slack } from '../../src/channels/slack/slack.ts';
import { teams } from '../../src/channels/teams/teams.ts';
import { webhook } from '../../src/channels/webhook/webhook.ts';
import { zulip } from '../../src/channels/zulip/zulip.ts';
import { sendAndClassify, threadKeyOf } from '../../src/delivery/chat-dispatch.ts';
import type { AttemptResult } from '../../src/delivery/delivery-results.ts';
import { HttpSender } from '../../src/delivery/http-sender.ts';
import type { OutboxRow } from '../../src/delivery/outbox-claim.ts';
import { googleError } from '../support/fake-google-chat.ts';
import {
  listenOnLoopback,
  startWebhookSink,
  type SinkAnswer,
  type SinkHandler,
  type SinkRequest,
  type WebhookSink,
} from '../support/webhook-sink.ts';

// ---------------------------------------------------------------------------------------------------
// The table: one row per adapter.

type Format = ChatMessage['format'];
type Language = ChatMessage['language'];

/** The request as the sink received it, its body parsed. */
interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  bytes: number;
}

/** One of the service's real answers and the verdict it must come to (`toMatchObject`). */
interface ServiceAnswer {
  what: string;
  answer: SinkAnswer;
  verdict: Record<string, unknown>;
}

interface ContractCase {
  adapter: ChannelAdapter;
  /** A URL of the service's shape on the sink's origin, which `checkUrl` accepts under allowPrivate. */
  loopbackUrl(origin: string): string;
  /** The URL's secret parts, as written in it, by the name that replaces them in snapshots. */
  secrets: Record<string, string>;
  /** The generic webhook's signing secret (a secret too, though not in the URL). */
  signingSecret?: string;
  /** How the service answers a message it took: the default answer of this adapter's sink. */
  ok: SinkAnswer | SinkHandler;
  /**
   * The service's own answers: success, invalid webhook, refused message, its own wait hint. Where a
   * verdict differs from the generic status classes, the comment says why.
   */
  answers: ServiceAnswer[];
  /** Asserts the service's documented limit on a 200,000-character message's request; returns the field holding the (cut) text. */
  fitted(request: Received, format: Format): string;
  /** Why the message is sent whole, for a destination without a documented limit. */
  sentWhole?: string;
  /** A secret the service repeats in its answers, which the attempt log then stores, and why: its own case is expected to fail. */
  echoesSecret?: { name: string; why: string };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SinkAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});
const plain = (status: number, body = http.STATUS_CODES[status] ?? '', headers: Record<string, string> = {}): SinkAnswer => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
});
const sent = (remoteId: string | null = null) => ({ kind: 'sent', remoteId });
const broken = (code: string) => ({ kind: 'broken', code });
const rejected = (code: string) => ({ kind: 'rejected', code });
const retry = (code: string, retryAfterMs: number | null) => ({ kind: 'retry', code, retryAfterMs });

const GOOGLE_KEY = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';
const GOOGLE_TOKEN = 'u3Kq9ZxT0bVwYp2LmN4rS6tH8jD1fG5aC7eB-Qo_Xk%3D';
const GOOGLE_MESSAGE = 'spaces/AAAA/messages/kXq3bLm2PzA.kXq3bLm2PzA';
const SLACK_SECRET = 'u8jzPde0IgxLd6GncfBAepfJ';
const TEAMS_SIG = 'aBcD3fGh1jKlMnOpQrStUvWxYz0123456789_-AbCdE';
const TEAMS_PATH = '/powerautomate/automations/direct/workflows/0123456789abcdef0123456789abcdef/triggers/manual/paths/invoke';
const MATTERMOST_HOOK = 'd39zzzzg4zdmen2khvdgaj8gxb';
const ROCKET_INTEGRATION = 'kNhFdnXsiVpzz63Ff';
const ROCKET_TOKEN = 'kCzJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu8iS2G8';
const DISCORD_ID = '1234567890123456789';
const DISCORD_TOKEN = '2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc7T';
const ZULIP_KEY = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const NTFY_TOPIC = 'relais-support-k3x9q2';
const NTFY_AUTH = 'QmFzaWMgZEdWemRIVnpaWEk2Wm1GclpYQmhjM04zYjNKaw';
const RECEIVER_TOKEN = 'receiver-secret-7Yq2Lp';
const SIGNING_SECRET = `whsec_${Buffer.from('relais contract suite signing key!').toString('base64')}`;

const azureError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message } }, headers);
const mattermostError = (status: number, id: string, message: string) =>
  json(status, { id, message, detailed_error: '', request_id: 'qe3eyht563d1b8xani3g93dgfh', status_code: status });
const rocketFailure = (status: number, error: string) => json(status, { success: false, error });
const discordError = (status: number, code: number, message: string) => json(status, { message, code });
const zulipError = (status: number, code: string, msg: string, extra: object = {}) =>
  json(status, { result: 'error', msg, code, ...extra });
const ntfyError = (status: number, code: number, error: string) =>
  json(status, { code, http: status, error, link: 'https://ntfy.sh/docs/publish/' });

const CASES: ContractCase[] = [
  {
    adapter: googleChat,
    loopbackUrl: (origin) => `${origin}/v1/spaces/AAAA/messages?key=${GOOGLE_KEY}&token=${GOOGLE_TOKEN}`,
    secrets: { key: GOOGLE_KEY, token: GOOGLE_TOKEN },
    ok: json(200, {
      name: GOOGLE_MESSAGE,
      sender: { name: 'users/114022495153014004089', type: 'BOT' },
      createTime: '2026-11-27T21:30:01.000000Z',
      thread: { name: 'spaces/AAAA/threads/kXq3bLm2PzA' },
      space: { name: 'spaces/AAAA', type: 'ROOM', spaceType: 'SPACE' },
    }),
    answers: [
      { what: '200 with the Message resource', answer: json(200, { name: GOOGLE_MESSAGE }), verdict: sent(GOOGLE_MESSAGE) },
      // The messageId exists: an earlier attempt, whose answer was lost, posted the message.
      { what: '409 ALREADY_EXISTS', answer: googleError(409), verdict: sent(null) },
      {
        what: '429 RESOURCE_EXHAUSTED with RetryInfo (wins over Retry-After)',
        answer: googleError(429, undefined, [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.500s' }], {
          'retry-after': '9',
        }),
        verdict: retry('HTTP_429', 2_500),
      },
      { what: '403 PERMISSION_DENIED (webhook removed)', answer: googleError(403), verdict: broken('HTTP_403') },
      { what: '404 NOT_FOUND (space gone)', answer: googleError(404), verdict: broken('HTTP_404') },
      // A 400 about the destination: the key in the URL is mangled.
      {
        what: '400 API_KEY_INVALID',
        answer: googleError(400, 'API key not valid. Please pass a valid API key.', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ]),
        verdict: broken('GOOGLE_CHAT_API_KEY_INVALID'),
      },
      { what: '400 INVALID_ARGUMENT', answer: googleError(400), verdict: rejected('HTTP_400') },
      { what: '502 HTML page', answer: googleError(502), verdict: retry('HTTP_502', null) },
    ],
    fitted: ({ body, bytes }, format) => {
      expect(bytes).toBeLessThanOrEqual(32_000); // text and cards together (§1.4)
      return format === 'Text' ? body.text : body.cardsV2[0].card.sections[0].widgets[0].textParagraph.text;
    },
  },
  {
    adapter: slack,
    loopbackUrl: (origin) => `${origin}/services/T0A1B2C3D4/B0E5F6G7H8I/${SLACK_SECRET}`,
    secrets: { secret: SLACK_SECRET },
    ok: plain(200, 'ok', { 'content-type': 'text/html' }),
    answers: [
      { what: '200 ok', answer: plain(200, 'ok', { 'content-type': 'text/html' }), verdict: sent() },
      {
        what: '403 invalid_token',
        answer: plain(403, 'invalid_token', { 'content-type': 'text/html' }),
        verdict: broken('SLACK_INVALID_TOKEN'),
      },
      { what: '404 no_service', answer: plain(404, 'no_service'), verdict: broken('SLACK_NO_SERVICE') },
      { what: '410 channel_is_archived', answer: plain(410, 'channel_is_archived'), verdict: broken('SLACK_CHANNEL_IS_ARCHIVED') },
      // A 400 about the destination: the webhook's user is gone.
      { what: '400 user_not_found', answer: plain(400, 'user_not_found'), verdict: broken('SLACK_USER_NOT_FOUND') },
      { what: '400 invalid_payload', answer: plain(400, 'invalid_payload'), verdict: rejected('SLACK_INVALID_PAYLOAD') },
      { what: '500 rollup_error', answer: plain(500, 'rollup_error'), verdict: retry('SLACK_ROLLUP_ERROR', null) },
      {
        what: '429 rate_limited, Retry-After 30',
        answer: plain(429, 'rate_limited', { 'retry-after': '30' }),
        verdict: retry('HTTP_429', 30_000),
      },
    ],
    fitted: ({ body }, format) => {
      if (format === 'Text') {
        expect(body.text.length).toBeLessThanOrEqual(40_000); // Slack cuts text above 40,000 characters (§2.4)
        return body.text;
      }
      const section = body.blocks.find((block: { type: string }) => block.type === 'section').text.text;
      expect(section.length).toBeLessThanOrEqual(3_000); // a longer section makes Slack refuse the message
      return section;
    },
  },
  {
    adapter: teams,
    loopbackUrl: (origin) => `${origin}${TEAMS_PATH}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${TEAMS_SIG}`,
    secrets: { sig: TEAMS_SIG },
    ok: { status: 202, headers: { 'x-ms-workflow-run-id': '08584461913402311451960226311CU00' }, body: '' },
    answers: [
      { what: '202 Accepted', answer: { status: 202, body: '' }, verdict: sent() },
      { what: '200', answer: { status: 200, body: '' }, verdict: sent() },
      {
        what: '401 AuthorizationFailed (bad sig)',
        answer: azureError(401, 'AuthorizationFailed', 'The provided sig is invalid.'),
        verdict: broken('HTTP_401'),
      },
      {
        what: '404 WorkflowNotFound (flow deleted)',
        answer: azureError(404, 'WorkflowNotFound', 'The workflow could not be found.'),
        verdict: broken('HTTP_404'),
      },
      {
        what: '400 InvalidRequestContent',
        answer: azureError(400, 'InvalidRequestContent', 'The request content is not valid.'),
        verdict: rejected('HTTP_400'),
      },
      { what: '413 Request Entity too large', answer: plain(413, 'Request Entity too large'), verdict: rejected('HTTP_413') },
      {
        what: '429 with "Try again in 12 seconds" and no Retry-After',
        answer: azureError(429, '429', 'Rate limit is exceeded. Try again in 12 seconds.'),
        verdict: retry('HTTP_429', 12_000),
      },
    ],
    fitted: ({ body, bytes }) => {
      expect(bytes).toBeLessThanOrEqual(28_000); // Teams refuses messages over about 28 KB (§3.5)
      return body.attachments[0].content.body.at(-1).text;
    },
  },
  {
    adapter: mattermost,
    loopbackUrl: (origin) => `${origin}/hooks/${MATTERMOST_HOOK}`,
    secrets: { hook: MATTERMOST_HOOK },
    ok: plain(200, 'ok'),
    answers: [
      { what: '200 ok', answer: plain(200, 'ok'), verdict: sent() },
      // Mattermost answers an unknown or deleted hook with a 400, not a 404 (§4.5).
      {
        what: '400 invalid.app_error (unknown hook)',
        answer: mattermostError(400, 'web.incoming_webhook.invalid.app_error', 'Invalid webhook.'),
        verdict: broken('MATTERMOST_UNKNOWN_WEBHOOK'),
      },
      // 501 is no server error here: incoming webhooks are switched off on the server.
      {
        what: '501 disabled.app_error',
        answer: mattermostError(
          501,
          'web.incoming_webhook.disabled.app_error',
          'Incoming webhooks have been disabled by the system admin.',
        ),
        verdict: broken('MATTERMOST_WEBHOOKS_DISABLED'),
      },
      {
        what: '404 channel.app_error',
        answer: mattermostError(404, 'web.incoming_webhook.channel.app_error', "Couldn't find the channel."),
        verdict: broken('MATTERMOST_CHANNEL_NOT_FOUND'),
      },
      {
        what: '400 parse.app_error',
        answer: mattermostError(400, 'web.incoming_webhook.parse.app_error', 'Unable to parse incoming data.'),
        verdict: rejected('MATTERMOST_UNPARSABLE'),
      },
      {
        what: '400 text.app_error',
        answer: mattermostError(400, 'web.incoming_webhook.text.app_error', 'No text specified.'),
        verdict: rejected('MATTERMOST_NO_TEXT'),
      },
    ],
    fitted: ({ body }, format) => {
      const text = format === 'Text' ? body.text : body.attachments[0].text;
      expect(text.length).toBeLessThanOrEqual(16_383); // a post's characters (§4.4); code units are never fewer than runes
      return text;
    },
  },
  {
    adapter: rocketChat,
    loopbackUrl: (origin) => `${origin}/hooks/${ROCKET_INTEGRATION}/${ROCKET_TOKEN}`,
    secrets: { integration: ROCKET_INTEGRATION, token: ROCKET_TOKEN },
    ok: json(200, { success: true }),
    answers: [
      { what: '200 {"success":true}', answer: json(200, { success: true }), verdict: sent() },
      // A 200 that is no success: Rocket.Chat refused the message.
      { what: '200 {"success":false}', answer: rocketFailure(200, 'unknown-error'), verdict: rejected('ROCKET_CHAT_REJECTED') },
      {
        what: '401 "You must be logged in"',
        answer: json(401, { status: 'error', message: 'You must be logged in to do this.' }),
        verdict: broken('ROCKET_CHAT_INVALID_WEBHOOK'),
      },
      // A 400 about the destination: the integration id or token is wrong.
      {
        what: '400 invalid integration id or token',
        answer: rocketFailure(400, 'Invalid integration id or token provided.'),
        verdict: broken('ROCKET_CHAT_INVALID_WEBHOOK'),
      },
      // Rocket.Chat's own JSON 503 means the integration is disabled; a proxy's 503 is retried (generic table).
      {
        what: '503 {"success":false} (integration disabled)',
        answer: rocketFailure(503, 'Service Unavailable'),
        verdict: broken('ROCKET_CHAT_INTEGRATION_DISABLED'),
      },
      { what: '400 error-invalid-room', answer: rocketFailure(400, 'error-invalid-room'), verdict: broken('ROCKET_CHAT_ROOM_NOT_FOUND') },
      {
        what: '400 overriding destination refused',
        answer: rocketFailure(400, 'overriding destination channel is disabled for this integration'),
        verdict: rejected('ROCKET_CHAT_REJECTED'),
      },
      {
        what: '429 "You must wait 42 seconds" and no Retry-After',
        answer: rocketFailure(
          429,
          'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again.',
        ),
        verdict: retry('HTTP_429', 42_000),
      },
    ],
    fitted: ({ body }) => {
      expect(body.text.length).toBeLessThanOrEqual(5_000); // the default Message_MaxAllowedSize
      return body.text;
    },
  },
  {
    adapter: discord,
    loopbackUrl: (origin) => `${origin}/api/webhooks/${DISCORD_ID}/${DISCORD_TOKEN}`,
    secrets: { token: DISCORD_TOKEN },
    ok: json(200, { id: '1311111111111111111', type: 0, channel_id: '1200000000000000000', webhook_id: DISCORD_ID }),
    answers: [
      {
        what: '200 with the message (wait=true)',
        answer: json(200, { id: '1311111111111111111', type: 0, channel_id: '1200000000000000000', webhook_id: DISCORD_ID }),
        verdict: sent('1311111111111111111'),
      },
      { what: '204 No Content', answer: { status: 204, body: '' }, verdict: sent(null) },
      {
        what: '404 Unknown Webhook (10015)',
        answer: discordError(404, 10015, 'Unknown Webhook'),
        verdict: broken('DISCORD_UNKNOWN_WEBHOOK'),
      },
      {
        what: '401 Invalid Webhook Token (50027)',
        answer: discordError(401, 50027, 'Invalid Webhook Token'),
        verdict: broken('DISCORD_INVALID_WEBHOOK_TOKEN'),
      },
      // A 400 about the destination: a forum channel needs a thread_id in the URL.
      {
        what: '400 forum needs a thread (220001)',
        answer: discordError(400, 220001, 'Webhooks posted to forum channels must have a thread_name or thread_id'),
        verdict: broken('DISCORD_FORUM_NEEDS_THREAD'),
      },
      {
        what: '400 Invalid Form Body (50035)',
        answer: discordError(400, 50035, 'Invalid Form Body'),
        verdict: rejected('DISCORD_INVALID_FORM_BODY'),
      },
      {
        what: '429 retry_after 1.5 in the body (wins over Retry-After 2)',
        answer: json(429, { message: 'You are being rate limited.', retry_after: 1.5, global: false }, { 'retry-after': '2' }),
        verdict: retry('HTTP_429', 1_500),
      },
    ],
    fitted: ({ body }, format) => {
      if (format === 'Text') {
        expect(body.content.length).toBeLessThanOrEqual(2_000); // §6.4
        return body.content;
      }
      const [embed] = body.embeds;
      expect(embed.description.length).toBeLessThanOrEqual(4_096);
      expect(embed.title.length + embed.description.length).toBeLessThanOrEqual(6_000); // all embeds together
      return embed.description;
    },
  },
  {
    adapter: zulip,
    loopbackUrl: (origin) => `${origin}/api/v1/external/slack_incoming?api_key=${ZULIP_KEY}&stream=Support%20%C3%A9quipe`,
    secrets: { api_key: ZULIP_KEY },
    ok: json(200, { result: 'success', msg: '' }),
    answers: [
      { what: '200 {"result":"success"}', answer: json(200, { result: 'success', msg: '' }), verdict: sent() },
      {
        what: '401 INVALID_API_KEY',
        answer: zulipError(401, 'INVALID_API_KEY', 'Invalid API key'),
        verdict: broken('ZULIP_INVALID_API_KEY'),
      },
      // Zulip's msg is translated: the code says which error it is.
      {
        what: '401 USER_DEACTIVATED',
        answer: zulipError(401, 'USER_DEACTIVATED', 'Compte désactivé'),
        verdict: broken('ZULIP_USER_DEACTIVATED'),
      },
      { what: '400 BAD_REQUEST', answer: zulipError(400, 'BAD_REQUEST', 'Malformed payload'), verdict: rejected('HTTP_400') },
      {
        what: '429 RATE_LIMIT_HIT with the body’s retry-after only',
        answer: zulipError(429, 'RATE_LIMIT_HIT', 'API usage exceeded rate limit', { 'retry-after': 2.5 }),
        verdict: retry('HTTP_429', 2_500),
      },
    ],
    fitted: ({ body }, format) => {
      // Zulip's 10,000 bytes count the whole message: the card's heading and section together.
      const text = format === 'Text' ? body.text : body.blocks[1].text.text;
      const whole = format === 'Text' ? text : `${body.blocks[0].text.text}\n${text}`;
      expect(Buffer.byteLength(whole)).toBeLessThanOrEqual(10_000);
      return text;
    },
  },
  {
    adapter: ntfy,
    loopbackUrl: (origin) => `${origin}/${NTFY_TOPIC}?auth=${NTFY_AUTH}`,
    secrets: { topic: NTFY_TOPIC, auth: NTFY_AUTH },
    // ntfy answers with the message it published, topic included.
    ok: (request) => {
      const published = JSON.parse(request.body);
      return json(200, { id: 'hwQ2YpKdmg', time: 1795815001, expires: 1795858201, event: 'message', ...published });
    },
    answers: [
      {
        what: '200 with the message',
        answer: json(200, { id: 'hwQ2YpKdmg', time: 1795815001, event: 'message' }),
        verdict: sent('hwQ2YpKdmg'),
      },
      { what: '401 unauthorized (40101)', answer: ntfyError(401, 40101, 'unauthorized'), verdict: broken('HTTP_401') },
      { what: '403 forbidden (40301)', answer: ntfyError(403, 40301, 'forbidden'), verdict: broken('HTTP_403') },
      // A 400 about the destination: the server does not allow this topic name.
      {
        what: '400 topic not allowed (40010)',
        answer: ntfyError(400, 40010, 'invalid request: topic name is not allowed'),
        verdict: broken('NTFY_TOPIC_INVALID'),
      },
      {
        what: '400 body is not message JSON (40017)',
        answer: ntfyError(400, 40017, 'invalid request: request body must be message JSON'),
        verdict: rejected('HTTP_400'),
      },
      { what: '413 JSON body too large (41303)', answer: ntfyError(413, 41303, 'JSON body too large'), verdict: rejected('HTTP_413') },
      {
        what: '429 daily quota (42908), Retry-After 60',
        answer: { ...ntfyError(429, 42908, 'limit reached: daily message quota reached'), headers: { 'retry-after': '60' } },
        verdict: retry('HTTP_429', 60_000),
      },
    ],
    fitted: ({ body, bytes }) => {
      expect(Buffer.byteLength(body.message)).toBeLessThanOrEqual(4_096); // longer would become an attachment
      expect(bytes).toBeLessThanOrEqual(8_192); // a JSON publish may be twice the message limit
      return body.message;
    },
    echoesSecret: {
      name: 'topic',
      why: 'ntfy’s success answer repeats the topic, on a public server the password: the stored answer is redacted',
    },
  },
  {
    adapter: webhook,
    loopbackUrl: (origin) => `${origin}/relais/in?token=${RECEIVER_TOKEN}`,
    secrets: { token: RECEIVER_TOKEN, signing_secret: SIGNING_SECRET },
    signingSecret: SIGNING_SECRET,
    ok: { status: 204, body: '' },
    answers: [
      { what: '200', answer: plain(200, 'received'), verdict: sent() },
      { what: '202', answer: { status: 202, body: '' }, verdict: sent() },
      { what: '204', answer: { status: 204, body: '' }, verdict: sent() },
      // A receiver that refuses the signature: the secret was changed on one side.
      { what: '401', answer: plain(401), verdict: broken('HTTP_401') },
      { what: '408', answer: plain(408), verdict: retry('HTTP_408', null) },
      { what: '422', answer: plain(422), verdict: rejected('HTTP_422') },
    ],
    fitted: ({ body }) => body.text,
    sentWhole: 'Relais’s own contract sets no size: the receiver gets the text whole',
  },
];

// ---------------------------------------------------------------------------------------------------
// Messages, attempts and what the sink received.

const ATTEMPT_AT = 1795815000; // 2026-11-27T21:30:00Z
const STARTED_AT = '2026-11-27 21:30:00.000000';
const DOCUMENT_URL = 'https://erp.example.com/app/issue/ISS-0042';
const TEXTS: Record<Language, { subject: string; message: string }> = {
  en: {
    subject: 'New issue ISS-0042 — "Printer on fire" <urgent>',
    message: '*New issue* ISS-0042 from Dupont & Fils <dupont@example.com>\n• Priority: "urgent" 🔥\n@everyone <!channel>',
  },
  fr: {
    subject: 'Nouveau ticket ISS-0042 — « Imprimante en feu » <urgent>',
    message: '*Nouveau ticket* ISS-0042 de Dupont & Fils <dupont@example.com>\n• Priorité : « urgente » 🔥\n@everyone <!channel>',
  },
};
/** 200,000 characters that escaping grows (HTML and Slack entities, JSON's \" and \n), with emoji and accents. */
const OVERSIZE = '<b>Dupont & Fils</b> said "ok" — 😀 é <\n'.repeat(5_000);

const ROW: OutboxRow = {
  name: '20261127213000123000a1b2c3d4e5f6a7b8c9d0',
  notification: 'New issue',
  status: 'Queued',
  channel: 'Incoming Webhook',
  destination: 'Support',
  reference_doctype: 'Issue',
  reference_name: 'ISS-0042',
  event: 'New',
  subject: null,
  message: null,
  email_to: null,
  email_cc: null,
  email_bcc: null,
  creation: '2026-11-27 21:30:00.123000',
  run_at: '2026-11-27 21:30:00.123000',
  attempts: 1,
  max_attempts: 5,
  locked_by: null,
};

interface Variant {
  name: string;
  format: Format;
  link: boolean;
  threaded: boolean;
  language: Language;
}

/** Text (and Card where the service has cards), with and without the link, threaded where it can, in both languages. */
function variants(adapter: ChannelAdapter): Variant[] {
  const out: Variant[] = [];
  for (const format of adapter.hasCards ? (['Text', 'Card'] as const) : (['Text'] as const))
    for (const link of [true, false])
      for (const threaded of adapter.canThread ? [false, true] : [false])
        for (const language of ['en', 'fr'] as const) {
          const name = `${format}, ${link ? 'with' : 'without'} document link, ${threaded ? 'threaded' : 'not threaded'}, ${language}`;
          out.push({ name, format, link, threaded, language });
        }
  return out;
}

/** The message the worker would hand the adapter (chatMessageOf), with a fixed delivery and attempt time. */
function chatMessage(c: ContractCase, variant: Partial<Variant> & { message?: string } = {}): ChatMessage {
  const language = variant.language ?? 'en';
  return {
    deliveryName: ROW.name,
    subject: TEXTS[language].subject,
    message: variant.message ?? TEXTS[language].message,
    documentUrl: variant.link === false ? null : DOCUMENT_URL,
    threadKey: variant.threaded ? threadKeyOf('Issue', 'ISS-0042') : null,
    format: variant.format ?? 'Text',
    language,
    siteName: 'Relais',
    document: { doctype: 'Issue', name: 'ISS-0042' },
    notification: 'New issue',
    event: 'New',
    occurredAt: '2026-11-27T21:30:00.123Z',
    attemptAt: ATTEMPT_AT,
    signingSecret: c.signingSecret ?? null,
    customBody: null,
  };
}

function receivedOf(request: SinkRequest): Received {
  const type = String(request.headers['content-type'] ?? '');
  const body = type.startsWith('application/x-www-form-urlencoded')
    ? Object.fromEntries(new URLSearchParams(request.body))
    : type.startsWith('application/json')
      ? JSON.parse(request.body)
      : request.body;
  return { method: request.method, path: request.url, headers: request.headers, body, bytes: request.bytes };
}

/** A secret as written, decoded and encoded: any of them in a message gives it away. */
const forms = (secret: string) => [...new Set([secret, decodeURIComponent(secret), encodeURIComponent(secret)])];

/** `value` with every secret replaced by `<name>`. */
function redact<T>(value: T, secrets: Record<string, string>): T {
  let text = JSON.stringify(value);
  for (const [name, secret] of Object.entries(secrets)) for (const form of forms(secret)) text = text.split(form).join(`<${name}>`);
  return JSON.parse(text) as T;
}

/** Standard Webhooks verification as a receiver does it, at the attempt's time (verify refuses timestamps over 5 minutes off). */
function verifySignature(secret: string, request: SinkRequest): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: ATTEMPT_AT * 1000 });
  try {
    return new StandardWebhook(secret).verify(request.body, request.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

// ---------------------------------------------------------------------------------------------------
// The suite.

/** The status classes every service shares, with plain-text bodies as a proxy or a load balancer sends them. */
const STATUS_CLASSES: Array<{ status: number; headers?: Record<string, string>; verdict: Record<string, unknown> }> = [
  { status: 500, verdict: retry('HTTP_500', null) },
  { status: 502, verdict: retry('HTTP_502', null) },
  { status: 503, verdict: retry('HTTP_503', null) },
  { status: 429, headers: { 'retry-after': '2' }, verdict: retry('HTTP_429', 2_000) },
  { status: 404, verdict: broken('HTTP_404') },
  { status: 410, verdict: broken('HTTP_410') },
  { status: 400, verdict: rejected('HTTP_400') },
];

let sender: HttpSender;
/**
 * Gives up on an answer after 500 ms. undici checks the headers timeout on its fast-timer tick (~1 s
 * resolution), so it fires 0.5 to 1.5 s after the request: an answer 2.5 s late always comes after it.
 * About a second per adapter, so every adapter runs the case.
 */
let impatient: HttpSender;
/** An origin nothing listens on: connections are refused. */
let closedOrigin: string;

beforeAll(async () => {
  sender = new HttpSender({ allowPrivate: true, responseTimeoutMs: 5_000 });
  impatient = new HttpSender({ allowPrivate: true, responseTimeoutMs: 500 });
  const closed = await listenOnLoopback((_req, res) => res.end());
  closedOrigin = closed.origin;
  await closed.close();
});
afterAll(async () => {
  await sender.close();
  await impatient.close();
});

it('covers every registered adapter', () => {
  const registered = SERVICE_NAMES.filter((service) => adapterFor(service));
  expect(CASES.map((c) => c.adapter.service)).toEqual(registered);
  for (const c of CASES) expect(adapterFor(c.adapter.service)).toBe(c.adapter);
});

describe.each(CASES.map((c) => [c.adapter.service, c] as const))('%s adapter contract', (_, c) => {
  let sink: WebhookSink;
  let url: string;
  /** Every attempt's result, to check what would be stored. */
  const stored: AttemptResult[] = [];

  beforeAll(async () => {
    sink = await startWebhookSink();
    url = c.loopbackUrl(sink.origin);
  });
  afterAll(() => sink.close());
  beforeEach(() => {
    sink.clear();
    sink.answerWith(c.ok);
  });

  async function attempt(chat: ChatMessage, via = sender, webhookUrl = url): Promise<AttemptResult> {
    const result = await sendAndClassify(via, c.adapter, webhookUrl, chat, ROW, STARTED_AT);
    stored.push(result);
    return result;
  }

  it('takes its loopback URL under allowPrivate only', () => {
    expect(c.adapter.checkUrl(url, { allowPrivate: true })).toEqual({ ok: true });
    expect(c.adapter.checkUrl(url, { allowPrivate: false }).ok).toBe(false);
  });

  it.each(variants(c.adapter).map((variant) => [variant.name, variant] as const))('posts %s', async (_name, variant) => {
    const chat = chatMessage(c, variant);
    expect((await attempt(chat)).verdict).toMatchObject({ kind: 'sent' });
    expect(sink.requests).toHaveLength(1);
    const [request] = sink.requests;
    const headers: Record<string, unknown> = {};
    for (const name of Object.keys(c.adapter.buildRequest(url, chat).headers)) headers[name] = request.headers[name];
    if (c.signingSecret) {
      expect(verifySignature(c.signingSecret, request)).toEqual(JSON.parse(request.body));
      headers['webhook-signature'] = '<verified with standardwebhooks>';
    }
    const { method, path, body } = receivedOf(request);
    expect(redact({ method, path, headers, body }, c.secrets)).toMatchSnapshot();
  });

  it.each(STATUS_CLASSES)('reads a plain $status as its class', async ({ status, headers, verdict }) => {
    sink.answerWith(plain(status, undefined, headers));
    const result = await attempt(chatMessage(c));
    expect(result.verdict).toMatchObject(verdict);
    expect(result.httpStatus).toBe(status);
  });

  it.each(c.answers.map((a) => [a.what, a] as const))('reads the service’s %s', async (_what, { answer, verdict }) => {
    sink.answerWith(answer);
    expect((await attempt(chatMessage(c))).verdict).toEqual(expect.objectContaining(verdict));
  });

  it('counts a service slower than the response timeout as a retryable TIMEOUT', async () => {
    sink.answerWith({ status: 200, body: 'too late', delayMs: 2_500 });
    const result = await attempt(chatMessage(c), impatient);
    expect(result).toMatchObject({ verdict: retry('TIMEOUT', null), httpStatus: null, response: null });
    expect(sink.requests).toHaveLength(1);
  });

  it('retries when the connection is refused', async () => {
    const result = await attempt(chatMessage(c), sender, c.loopbackUrl(closedOrigin));
    expect(result).toMatchObject({ verdict: retry('CONNECTION_REFUSED', null), httpStatus: null });
  });

  it.each(c.adapter.hasCards ? (['Text', 'Card'] as const) : (['Text'] as const))(
    'fits a 200,000-character message (%s) to the service’s limit',
    async (format) => {
      expect(OVERSIZE).toHaveLength(200_000);
      for (const language of ['en', 'fr'] as const) {
        sink.clear();
        const result = await attempt(chatMessage(c, { format, language, message: OVERSIZE }));
        expect(result.verdict).toMatchObject({ kind: 'sent' });
        const text = c.fitted(receivedOf(sink.requests[0]), format);
        if (c.sentWhole) {
          expect(text, c.sentWhole).toBe(OVERSIZE);
        } else {
          expect(text).toContain(LABELS[language].truncated);
          expect(text.length).toBeGreaterThan(1_000); // cut to the limit, not far below it
        }
      }
    },
  );

  it('keeps the URL’s secrets out of every error and failure message and out of the masked URL', async () => {
    for (const { answer } of [
      ...c.answers,
      ...STATUS_CLASSES.map(({ status, headers }) => ({ answer: plain(status, undefined, headers) })),
    ]) {
      sink.answerWith(answer);
      await attempt(chatMessage(c));
    }
    await attempt(chatMessage(c), sender, c.loopbackUrl(closedOrigin));
    const messages = stored.flatMap(({ verdict }) => ('message' in verdict ? [verdict.message.in('en'), verdict.message.in('fr')] : []));
    expect(messages.length).toBeGreaterThan(STATUS_CLASSES.length);
    const masked = c.adapter.maskUrl(url);
    for (const text of [...messages, masked]) {
      for (const secret of Object.values(c.secrets).flatMap(forms)) expect(text).not.toContain(secret);
    }
  });

  /** Every secret found in the answers stored so far (after one more message sent). */
  async function secretsInStoredAnswers(): Promise<string[]> {
    await attempt(chatMessage(c));
    const answers = stored.flatMap(({ response }) => (response === null ? [] : [response]));
    expect(answers.length).toBeGreaterThan(0);
    return Object.entries(c.secrets).flatMap(([name, secret]) =>
      answers.some((text) => forms(secret).some((form) => text.includes(form))) ? [name] : [],
    );
  }

  it('keeps the secrets out of the answers it stores (the attempt log)', async () => {
    expect((await secretsInStoredAnswers()).filter((name) => name !== c.echoesSecret?.name)).toEqual([]);
  });

  if (c.echoesSecret) {
    it(`keeps the ${c.echoesSecret.name} the service echoes out of the answers it stores (${c.echoesSecret.why})`, async () => {
      expect(await secretsInStoredAnswers()).toEqual([]);
    });
  }
});
