import { describe, expect, it } from 'vitest';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { googleChat, MAX_MESSAGE_BYTES, messageIdFor } from './google-chat.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof googleChat.classify>) => englishOutcome(googleChat.classify(...args));

const KEY = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';
const TOKEN = 'Jm6C1JqT2c8YfW1rXb0o4y9JQyq2-6W3aL3TQVZg5cE%3D';
const URL_OK = `https://chat.googleapis.com/v1/spaces/AAAAbCdEfGh/messages?key=${KEY}&token=${TOKEN}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => googleChat.checkUrl(url, options);

const message = sampleChatMessage;

describe('Google Chat webhook URL', () => {
  it('accepts the URL Google Chat gives, and keeps it byte-exact', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    const request = googleChat.buildRequest(URL_OK, message());
    expect(request.url.startsWith(URL_OK)).toBe(true); // %3D not decoded, & not escaped
  });

  it.each([
    ['http://chat.googleapis.com/v1/spaces/AAAA/messages?key=K&token=T', /https:\/\//],
    [URL_OK.replace('chat.googleapis.com', 'chat.googleapis.com.evil.example'), /is on chat\.googleapis\.com/],
    [URL_OK.replace('chat.googleapis.com', 'chat-googleapis.com'), /is on chat\.googleapis\.com/],
    [URL_OK.replace('https://', 'https://user:pw@'), /user name or password/],
    [URL_OK.replace('chat.googleapis.com', 'chat.googleapis.com:8443'), /no port/],
    [URL_OK.replace('/messages', '/messages/extra'), /\/v1\/spaces\/\{space\}\/messages/],
    [URL_OK.replace('/v1/spaces/', '/v2/spaces/'), /\/v1\/spaces/],
    [URL_OK.replace(`&token=${TOKEN}`, ''), /token parameter is missing/],
    [URL_OK.replace(`key=${KEY}&`, ''), /key parameter is missing/],
    [URL_OK.replace(KEY, 'not-a-key'), /not a Google API key/],
    [URL_OK.replace(TOKEN, 'abc%20def'), /never have/],
    [`${URL_OK}&threadKey=x`, /unexpected parameter "threadKey"/],
    [`${URL_OK}#frag`, /fragment/],
    [` ${URL_OK}`, /spaces around/],
    ['chat.googleapis.com/v1/spaces/AAAA/messages', /not a URL/],
  ])('refuses %s', (url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows a loopback fake server only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/v1/spaces/AAAA/messages?key=${KEY}&token=${TOKEN}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(fake.replace('127.0.0.1', '10.0.0.5'), { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the key and token', () => {
    expect(googleChat.maskUrl(URL_OK)).toBe('https://chat.googleapis.com/v1/spaces/AAAAbCdEfGh/messages?key=…&token=••••');
    expect(googleChat.maskUrl('not a url')).toBe('••••');
    expect(googleChat.maskUrl(URL_OK)).not.toContain(TOKEN.slice(0, 8));
  });
});

describe('Google Chat message', () => {
  it("sends Dokos's text payload: the message and the document link on a new line", () => {
    const request = googleChat.buildRequest(URL_OK, message());
    expect(JSON.parse(request.body)).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA\n<https://erp.example.com/app/issue/ISS-0042|Document link>',
    });
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(request.url).toBe(`${URL_OK}&messageId=${messageIdFor(message().deliveryName)}`);
  });

  it('labels the link in the site language, and leaves it out when there is no document link', () => {
    expect(JSON.parse(googleChat.buildRequest(URL_OK, message({ language: 'fr' })).body).text).toMatch(/\|Lien vers le document>$/);
    expect(JSON.parse(googleChat.buildRequest(URL_OK, message({ documentUrl: null })).body).text).not.toContain('<https');
  });

  it('derives a messageId Google accepts (client-, at most 63 lowercase characters), the same on every retry', () => {
    const id = messageIdFor('delivery-1');
    expect(id).toMatch(/^client-[a-z0-9-]+$/);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(messageIdFor('delivery-1')).toBe(id);
    expect(messageIdFor('delivery-2')).not.toBe(id);
  });

  it('threads the messages about one document', () => {
    const request = googleChat.buildRequest(URL_OK, message({ threadKey: 'issue-ISS-0042' }));
    expect(JSON.parse(request.body).thread).toEqual({ threadKey: 'issue-ISS-0042' });
    expect(request.url).toMatch(/&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD$/);
  });

  it('builds a card: the subject as header, the message escaped, an Open document button', () => {
    const body = JSON.parse(googleChat.buildRequest(URL_OK, message({ format: 'Card', message: 'a < b & c\nnext' })).body);
    expect(body.text).toBe('Nouveau ticket');
    const [card] = body.cardsV2;
    expect(card.card.header.title).toBe('Nouveau ticket');
    expect(card.card.sections[0].widgets).toEqual([
      { textParagraph: { text: 'a &lt; b &amp; c<br>next' } },
      {
        buttonList: { buttons: [{ text: 'Open document', onClick: { openLink: { url: 'https://erp.example.com/app/issue/ISS-0042' } } }] },
      },
    ]);
  });

  it('truncates a message over 32,000 bytes with a marker, keeping the link', () => {
    const body = googleChat.buildRequest(URL_OK, message({ message: 'é'.repeat(40_000) })).body;
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const text = JSON.parse(body).text as string;
    expect(text).toContain('… (message truncated)\n<https://erp.example.com/app/issue/ISS-0042|Document link>');
  });
});

describe('Google Chat answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const googleError = (code: number, status: string, message: string, details: unknown[] = []) => ({
    error: { code, status, message, details },
  });

  it('counts 200 as sent, keeping the message name, and 409 (the messageId exists: posted before) as sent', () => {
    expect(classify(answer(200, { name: 'spaces/AAAA/messages/abc.def', thread: { name: 'spaces/AAAA/threads/x' } }))).toEqual({
      kind: 'sent',
      remoteId: 'spaces/AAAA/messages/abc.def',
    });
    expect(classify(answer(409, googleError(409, 'ALREADY_EXISTS', 'Message already exists')))).toEqual({
      kind: 'sent',
      remoteId: null,
    });
  });

  it('retries 429 after the RetryInfo delay, or Retry-After, and 5xx', () => {
    const exhausted = googleError(429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.5s' },
    ]);
    expect(classify(answer(429, exhausted))).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 2500 });
    expect(classify(answer(429, googleError(429, 'RESOURCE_EXHAUSTED', 'x'), { 'retry-after': '7' }))).toMatchObject({
      kind: 'retry',
      retryAfterMs: 7000,
    });
    expect(classify(answer(503, 'Service Unavailable'))).toMatchObject({ kind: 'retry', code: 'HTTP_503', retryAfterMs: null });
  });

  it('marks the destination broken on 403 / 404 and on an invalid API key, and rejects other 400s', () => {
    const denied = classify(answer(403, googleError(403, 'PERMISSION_DENIED', 'The API is called without a valid token.')));
    expect(denied).toEqual({
      kind: 'broken',
      code: 'HTTP_403',
      message: 'HTTP 403: PERMISSION_DENIED: The API is called without a valid token.',
    });
    expect(classify(answer(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.')))).toMatchObject({
      kind: 'broken',
    });
    const badKey = googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
    ]);
    expect(classify(answer(400, badKey))).toMatchObject({ kind: 'broken', code: 'GOOGLE_CHAT_API_KEY_INVALID' });
    const unknownField = googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "foo": Cannot find field.');
    expect(classify(answer(400, unknownField))).toEqual({
      kind: 'rejected',
      code: 'HTTP_400',
      message: 'HTTP 400: INVALID_ARGUMENT: Invalid JSON payload received. Unknown name "foo": Cannot find field.',
    });
  });
});

describe('Google Chat pacing', () => {
  it('paces by space: two webhooks of one space share a key', () => {
    const other = URL_OK.replace(TOKEN, 'OtherToken-abc%3D');
    expect(googleChat.pacingKey?.(URL_OK)).toBe('google-chat:AAAAbCdEfGh');
    expect(googleChat.pacingKey?.(other)).toBe(googleChat.pacingKey?.(URL_OK));
    expect(googleChat.pacingKey?.(URL_OK.replace('AAAAbCdEfGh', 'BBBB'))).toBe('google-chat:BBBB');
  });
});
