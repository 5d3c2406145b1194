/**
 * A loopback server that answers like Google Chat's `spaces.messages.create` behind an incoming webhook
 * (../shared/reference/chat-webhook-protocols.md §1): the Message resource on success, Google's error
 * envelope otherwise, `messageId` idempotency, threads by `threadKey`, an optional per-space rate limit,
 * and fault scripting. The body is checked against the Chat API's own types (`@googleapis/chat`), so a
 * field Google does not know is refused here as it is there.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { chat_v1 } from '@googleapis/chat';
import ts from 'typescript';
import { failRatePicker, startWebhookSink, type FailRate, type SinkAnswer, type SinkRequest } from './webhook-sink.ts';

// ---------------------------------------------------------------------------------------------------
// The Message schema, read from @googleapis/chat's declarations once per process.

/** A field's type as the declarations give it (`string | null` is a string: proto3 JSON takes null anywhere). */
export type FieldType =
  | { kind: 'string' | 'number' | 'boolean' | 'any' }
  | { kind: 'message'; schema: string }
  | { kind: 'list'; of: FieldType }
  | { kind: 'map'; of: FieldType };

/** Every `chat_v1.Schema$X` interface, by X, with its fields by (camelCase) name. */
export type ChatSchemas = Map<string, Map<string, FieldType>>;

let schemas: ChatSchemas | null = null;

function fieldType(node: ts.TypeNode): FieldType {
  if (ts.isUnionTypeNode(node)) {
    const kept = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
    return kept.length === 1 ? fieldType(kept[0]) : { kind: 'any' };
  }
  if (ts.isArrayTypeNode(node)) return { kind: 'list', of: fieldType(node.elementType) };
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name.startsWith('Schema$')) return { kind: 'message', schema: name.slice('Schema$'.length) };
    if (name === 'Array' && node.typeArguments?.length === 1) return { kind: 'list', of: fieldType(node.typeArguments[0]) };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: 'map', of: fieldType(index.type) };
  }
  if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'string' };
  if (node.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'number' };
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'boolean' };
  return { kind: 'any' };
}

/** Parses `node_modules/@googleapis/chat/build/v1.d.ts` with the TypeScript compiler (once; cached). */
export function chatSchemas(): ChatSchemas {
  if (schemas) return schemas;
  const file = createRequire(import.meta.url).resolve('@googleapis/chat/build/v1.d.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: ChatSchemas = new Map();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) && node.name.text.startsWith('Schema$')) {
      if (node.heritageClauses) throw new Error(`${node.name.text} extends another type: the fake does not read inherited fields`);
      const fields = new Map<string, FieldType>();
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.type && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
          fields.set(member.name.text, fieldType(member.type));
        }
      }
      found.set(node.name.text.slice('Schema$'.length), fields);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!found.get('Message')?.has('cardsV2')) throw new Error(`no Schema$Message with cardsV2 in ${file}`);
  schemas = found;
  return found;
}

/** The proto name of a JSON field (`cardsV2` → `cards_v2`): Google names fields this way in error paths. */
const protoName = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Proto3 JSON accepts a field's proto name as well as its JSON (lowerCamelCase) name. */
const jsonName = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function typeUrl(schema: string): string {
  const card = /^GoogleAppsCardV1(.+)$/.exec(schema);
  return card ? `type.googleapis.com/google.apps.card.v1.${card[1]}` : `type.googleapis.com/google.chat.v1.${schema}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Google's complaints about `value` read as a `type` at `path` (`message.cards_v2[0].card`): unknown
 * field names, and values of the wrong JSON kind (an object where a string goes, a string where a
 * list goes…). Enum values and formats are not checked: the declarations type them as plain strings.
 */
export function schemaErrors(value: unknown, type: FieldType, path: string, errors: string[] = []): string[] {
  if (value === null || type.kind === 'any') return errors;
  const invalid = (expected: string) => errors.push(`Invalid value at '${path}' (${expected}), ${JSON.stringify(value)}`);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') invalid('TYPE_STRING');
      break;
    case 'number':
      if (typeof value !== 'number' && !(typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))) {
        invalid('TYPE_NUMBER');
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') invalid('TYPE_BOOL');
      break;
    case 'list':
      if (!Array.isArray(value)) invalid(type.of.kind === 'message' ? typeUrl(type.of.schema) : 'repeated field');
      else value.forEach((item, i) => schemaErrors(item, type.of, `${path}[${i}]`, errors));
      break;
    case 'map':
      if (!isObject(value)) invalid('map');
      else for (const [key, item] of Object.entries(value)) schemaErrors(item, type.of, `${path}[${JSON.stringify(key)}]`, errors);
      break;
    case 'message': {
      const fields = chatSchemas().get(type.schema);
      if (!fields) break; // referenced but not declared: nothing to check against
      if (!isObject(value)) {
        invalid(typeUrl(type.schema));
        break;
      }
      for (const [key, item] of Object.entries(value)) {
        const name = fields.has(key) ? key : jsonName(key);
        const field = fields.get(name);
        if (!field) errors.push(`Invalid JSON payload received. Unknown name ${JSON.stringify(key)} at '${path}': Cannot find field.`);
        else schemaErrors(item, field, `${path}.${protoName(name)}`, errors);
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------
// Google's answers.

/**
 * Google's limit for a message (text and cards). The fake measures the whole request body, JSON escapes
 * included: at least as strict as Google, which does not say how it counts.
 */
export const MAX_BODY_BYTES = 32_000;
const API_KEY = /^AIza[0-9A-Za-z_-]{35}$/;
const MESSAGE_ID = /^client-[a-z0-9-]{1,56}$/;
const REPLY_OPTIONS = ['MESSAGE_REPLY_OPTION_UNSPECIFIED', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD', 'REPLY_MESSAGE_OR_FAIL'];
/** Query parameters spaces.messages.create binds, and Google's system parameters. */
const QUERY_PARAMS = new Set(['key', 'token', 'messageId', 'messageReplyOption', 'requestId', 'threadKey', 'alt', 'fields', 'prettyPrint']);

const CANONICAL: Record<number, [status: string, message: string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request is missing required authentication credential.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ALREADY_EXISTS', 'Requested entity already exists'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: ['INTERNAL', 'Internal error encountered.'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out. Please try again.'],
};

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8', vary: 'Origin, X-Origin, Referer' };

/** Google's error envelope; 502 is the HTML page Google's front end answers with. */
export function googleError(code: number, message?: string, details?: object[], headers: Record<string, string> = {}): SinkAnswer {
  if (code === 502) {
    const page = '<!DOCTYPE html><html lang=en><title>Error 502 (Server Error)!!1</title><p><b>502.</b> <ins>That’s an error.</ins>';
    return { status: 502, headers: { 'content-type': 'text/html; charset=UTF-8', ...headers }, body: page };
  }
  const [status, fallback] = CANONICAL[code] ?? ['UNKNOWN', http.STATUS_CODES[code] ?? 'Unknown error.'];
  const error = { code, message: message ?? fallback, status, ...(details ? { details } : {}) };
  return { status: code, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error }, null, 2) };
}

const retryInfo = (seconds: number) => ({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds.toFixed(3)}s` });

/** A scripted failure. A status alone gets Google's envelope for it (502: the HTML page). */
export interface GoogleFault {
  status?: number;
  message?: string;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
  /** Handle the request first (the message is posted), then answer the fault: an answer lost on the way back. */
  posted?: boolean;
  /** A `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
  /** A `google.rpc.RetryInfo` detail, in seconds. */
  retryDelaySeconds?: number;
  delayMs?: number;
}

function faultAnswer(fault: GoogleFault): SinkAnswer {
  if (fault.reset) return { reset: true, delayMs: fault.delayMs };
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  const details = fault.retryDelaySeconds === undefined ? undefined : [retryInfo(fault.retryDelaySeconds)];
  return { ...googleError(fault.status ?? 503, fault.message, details, headers), delayMs: fault.delayMs };
}

// ---------------------------------------------------------------------------------------------------
// The fake.

export interface FakeGoogleChatOptions {
  /** Known spaces and their webhook token, decoded (`abc=` for `token=abc%3D`): any other token gets 403. */
  spaces?: Record<string, string>;
  /** A space not in `spaces` gets 404 NOT_FOUND; otherwise it is created on first use and takes any token. */
  strict?: boolean;
  /** Requests admitted per space per sliding minute, then 429 RESOURCE_EXHAUSTED; off by default. */
  perSpacePerMinute?: number;
  /** What the rate limit's 429 carries. Neither by default: Google documents no hint. */
  rateLimitHints?: { retryInfo?: boolean; retryAfterHeader?: boolean };
}

/** A message the fake accepted. `receivedAt` is the request's `performance.now()`. */
export interface StoredMessage {
  space: string;
  /** `spaces/{space}/messages/{id}` */
  name: string;
  body: chat_v1.Schema$Message;
  /** `spaces/{space}/threads/{id}` */
  thread: string;
  threadKey: string | null;
  messageId: string | null;
  receivedAt: number;
}

export interface FakeGoogleChat {
  /** `http://127.0.0.1:PORT`: a webhook URL is `${origin}/v1/spaces/{space}/messages?key=…&token=…`. */
  origin: string;
  port: number;
  /** Accepted messages, in arrival order. */
  readonly messages: StoredMessage[];
  /** Every request received, answered or not, in arrival order. */
  readonly requests: SinkRequest[];
  /** Every request to a space's message URL, in arrival order: for pacing assertions (see `SinkRequest.answeredAt`). */
  requestsTo(space: string): SinkRequest[];
  /** Arrival times (`performance.now()`) of every request to a space, in order. */
  arrivals(space: string): number[];
  /** The space's webhook is removed: every token gets 403 from now on. */
  revoke(space: string): void;
  /** Sets (or restores) a space's token. */
  setToken(space: string, token: string): void;
  /** The next `count` requests get this fault (a status, or a whole fault). */
  failNext(count: number, fault: number | GoogleFault): void;
  /** From now on, fails a share of the requests with Google's envelopes (RetryInfo on 429 and 503 when `retryDelaySeconds`); `null` stops. */
  failRate(options: (FailRate & { retryDelaySeconds?: number }) | null): void;
  /** Answers `ms` late from now on (0 to stop); the request is handled on arrival, like a slow network. */
  delay(ms: number): void;
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

interface SpaceState {
  /** null: any token (a space the fake learnt on first use). */
  token: string | null;
  revoked: boolean;
  /** threadKey → thread name */
  threadKeys: Map<string, string>;
  threads: Set<string>;
  messageIds: Set<string>;
  requestIds: Map<string, SinkAnswer>;
  admitted: number[];
}

const SPACE_PATH = /^\/v1\/spaces\/([^/]+)\/messages$/;
const randomId = () => crypto.randomBytes(8).toString('base64url');

/** Starts the fake on 127.0.0.1 (random port); reads the Chat API schema first if this process has not yet. */
export async function startFakeGoogleChat(options: FakeGoogleChatOptions = {}): Promise<FakeGoogleChat> {
  chatSchemas();
  const spaces = new Map<string, SpaceState>();
  const newSpace = (token: string | null): SpaceState => ({
    token,
    revoked: false,
    threadKeys: new Map(),
    threads: new Set(),
    messageIds: new Set(),
    requestIds: new Map(),
    admitted: [],
  });
  for (const [space, token] of Object.entries(options.spaces ?? {})) spaces.set(space, newSpace(token));
  const messages: StoredMessage[] = [];
  const faults: GoogleFault[] = [];
  let randomFault: (() => GoogleFault | null) | null = null;

  /** The rate limit's verdict for one more request now: null to admit it, else the 429. */
  function rateLimited(state: SpaceState, now: number): SinkAnswer | null {
    const limit = options.perSpacePerMinute;
    if (!limit) return null;
    while (state.admitted.length > 0 && state.admitted[0] <= now - 60_000) state.admitted.shift();
    if (state.admitted.length < limit) {
      state.admitted.push(now);
      return null;
    }
    const waitSeconds = Math.max(0.001, (state.admitted[0] + 60_000 - now) / 1000);
    const hints = options.rateLimitHints ?? {};
    const message = "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per space'.";
    return googleError(
      429,
      message,
      hints.retryInfo ? [retryInfo(waitSeconds)] : undefined,
      hints.retryAfterHeader ? { 'retry-after': String(Math.ceil(waitSeconds)) } : {},
    );
  }

  /** The thread a message goes to, or the 404 of REPLY_MESSAGE_OR_FAIL. */
  function threadFor(state: SpaceState, space: string, thread: chat_v1.Schema$Thread | undefined, option: string) {
    const replying = option === 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' || option === 'REPLY_MESSAGE_OR_FAIL';
    const key = replying ? (thread?.threadKey ?? null) : null;
    if (replying && thread?.name) {
      if (state.threads.has(thread.name)) return { name: thread.name, key };
      if (option === 'REPLY_MESSAGE_OR_FAIL') return null;
    }
    const existing = key === null ? undefined : state.threadKeys.get(key);
    if (existing) return { name: existing, key };
    const name = `spaces/${space}/threads/${randomId()}`;
    state.threads.add(name);
    if (key !== null) state.threadKeys.set(key, name);
    return { name, key };
  }

  /** What Google would answer to this request, with no fault scripted. */
  function handle(request: SinkRequest): SinkAnswer {
    const url = new URL(request.url, 'http://fake');
    const path = SPACE_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !path) {
      return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: '<title>Error 404 (Not Found)!!1</title>' };
    }
    const space = decodeURIComponent(path[1]);
    const query = url.searchParams;
    for (const name of query.keys()) {
      if (!QUERY_PARAMS.has(name)) {
        const text = `Invalid JSON payload received. Unknown name ${JSON.stringify(name)}: Cannot bind query parameter. Field '${name}' could not be found in request message.`;
        return googleError(400, text);
      }
    }
    const key = query.get('key');
    if (!key) return googleError(403, 'The request is missing a valid API key.');
    if (!API_KEY.test(key)) {
      const text = 'API key not valid. Please pass a valid API key.';
      return googleError(400, text, [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
          metadata: { service: 'chat.googleapis.com' },
        },
        { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: text },
      ]);
    }
    const token = query.get('token');
    if (!token) return googleError(401);
    let state = spaces.get(space);
    if (!state) {
      if (options.strict) return googleError(404);
      state = newSpace(null);
      spaces.set(space, state);
    }
    if (state.revoked || (state.token !== null && token !== state.token)) {
      return googleError(
        403,
        'The API is called without a valid token. Instructions on how to use incoming webhooks can be found at https://developers.google.com/chat/how-tos/webhooks',
      );
    }
    const limited = rateLimited(state, request.receivedAt);
    if (limited) return limited;
    return handleBody(request, space, state, query);
  }

  function handleBody(request: SinkRequest, space: string, state: SpaceState, query: URLSearchParams): SinkAnswer {
    if (request.bytes > MAX_BODY_BYTES) {
      return googleError(
        400,
        `Message too large: the request is ${request.bytes} bytes; a message can take at most ${MAX_BODY_BYTES} bytes.`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return googleError(400, 'Invalid JSON payload received. Unexpected token.');
    }
    const errors = schemaErrors(body, { kind: 'message', schema: 'Message' }, 'message');
    if (errors.length > 0) {
      const violations = errors.map((description) => ({ field: /at '([^']+)'/.exec(description)?.[1] ?? 'message', description }));
      return googleError(400, errors.join('\n'), [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: violations }]);
    }
    const message = body as chat_v1.Schema$Message;
    if (!message.text && !(message.cardsV2 && message.cardsV2.length > 0)) {
      return googleError(400, 'Message cannot be empty. Discarded empty message.');
    }
    const messageId = query.get('messageId');
    if (messageId !== null && !MESSAGE_ID.test(messageId)) {
      return googleError(
        400,
        `Invalid message ID ${JSON.stringify(messageId)}: it must start with client- and hold at most 63 lowercase letters, digits and hyphens.`,
      );
    }
    const option = query.get('messageReplyOption') ?? 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
    if (!REPLY_OPTIONS.includes(option))
      return googleError(
        400,
        `Invalid value at 'message_reply_option' (type.googleapis.com/google.chat.v1.CreateMessageRequest.MessageReplyOption), "${option}"`,
      );
    const requestId = query.get('requestId');
    const earlier = requestId === null ? undefined : state.requestIds.get(requestId);
    if (earlier) return earlier;
    if (messageId !== null && state.messageIds.has(messageId)) {
      return googleError(409, `Message with ID ${messageId} already exists in space spaces/${space}.`);
    }
    const thread = threadFor(state, space, message.thread, option);
    if (!thread) return googleError(404, `Thread ${message.thread?.name} not found in space spaces/${space}.`);

    const name = `spaces/${space}/messages/${randomId()}.${randomId()}`;
    if (messageId !== null) state.messageIds.add(messageId);
    messages.push({ space, name, body: message, thread: thread.name, threadKey: thread.key, messageId, receivedAt: request.receivedAt });
    const created: chat_v1.Schema$Message = {
      name,
      sender: { name: 'users/114022495153014004089', displayName: 'Relais fake webhook', type: 'BOT' },
      createTime: new Date().toISOString(),
      text: message.text ?? '',
      ...(message.cardsV2 ? { cardsV2: message.cardsV2 } : {}),
      thread: { name: thread.name, ...(thread.key !== null ? { threadKey: thread.key } : {}) },
      space: { name: `spaces/${space}`, type: 'ROOM', spaceType: 'SPACE', displayName: space },
      argumentText: message.text ?? '',
      ...(messageId !== null ? { clientAssignedMessageId: messageId } : {}),
    };
    const answer: SinkAnswer = { status: 200, headers: JSON_HEADERS, body: JSON.stringify(created, null, 2) };
    if (requestId !== null) state.requestIds.set(requestId, answer);
    return answer;
  }

  const sink = await startWebhookSink({
    answer: (request) => {
      const fault = faults.shift() ?? randomFault?.() ?? null;
      if (!fault) return handle(request);
      if (fault.posted) handle(request);
      return faultAnswer(fault);
    },
  });

  const requestsTo = (space: string) => sink.requests.filter((r) => r.url.split('?')[0] === `/v1/spaces/${space}/messages`);

  return {
    origin: sink.origin,
    port: sink.port,
    get messages() {
      return messages;
    },
    get requests() {
      return sink.requests;
    },
    requestsTo,
    arrivals: (space) => requestsTo(space).map((r) => r.receivedAt),
    revoke(space) {
      const state = spaces.get(space) ?? newSpace(null);
      state.revoked = true;
      spaces.set(space, state);
    },
    setToken(space, token) {
      const state = spaces.get(space) ?? newSpace(token);
      state.token = token;
      state.revoked = false;
      spaces.set(space, state);
    },
    failNext(count, fault) {
      for (let i = 0; i < count; i++) faults.push(typeof fault === 'number' ? { status: fault } : fault);
    },
    failRate(rate) {
      if (!rate) {
        randomFault = null;
        return;
      }
      const pick = failRatePicker(rate);
      randomFault = () => {
        const status = pick();
        if (status === null) return null;
        const retryDelaySeconds = status === 429 || status === 503 ? rate.retryDelaySeconds : undefined;
        return { status, retryAfterSeconds: rate.retryAfterSeconds, retryDelaySeconds };
      };
    },
    delay: (ms) => sink.delay(ms),
    waitFor: (count, timeoutMs) => sink.waitFor(count, timeoutMs),
    close: () => sink.close(),
  };
}
