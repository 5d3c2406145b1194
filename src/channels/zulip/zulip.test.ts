import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { MAX_MESSAGE_BYTES, MAX_TOPIC_CHARS, topicFor, zulip } from './zulip.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof zulip.classify>) => englishOutcome(zulip.classify(...args));

const KEY = 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const URL_OK = `https://acme.zulipchat.com/api/v1/external/slack_incoming?api_key=${KEY}&stream=Support%20%C3%A9quipe`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => zulip.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    message: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.',
    ...extra,
  });

describe('Zulip webhook URL', () => {
  it('accepts the Slack-compatible integration URL of any realm (Zulip Cloud or self-hosted), with or without a topic', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check(URL_OK.replace('acme.zulipchat.com', 'zulip.example.org'))).toEqual({ ok: true });
    expect(check(`${URL_OK}&topic=Tickets`)).toEqual({ ok: true });
  });

  it.each([
    [URL_OK.replace('https://', 'http://'), /https:\/\//],
    [URL_OK.replace('slack_incoming', 'slack'), /the path must be \/api\/v1\/external\/slack_incoming/],
    [URL_OK.replace('/api/v1/', '/zulip/api/v1/'), /the path must be/],
    [URL_OK.replace(`api_key=${KEY}&`, ''), /api_key parameter is missing/],
    [URL_OK.replace(KEY, 'short'), /not a Zulip API key/],
    [URL_OK.replace('&stream=Support%20%C3%A9quipe', ''), /stream parameter is missing.*privately/],
    [`${URL_OK}&topic=`, /topic parameter is empty/],
    [`${URL_OK}&channel=x`, /unexpected parameter "channel"/],
    [URL_OK.replace('https://', 'https://bot:pw@'), /user name or password/],
    [`${URL_OK}#x`, /fragment/],
  ])('refuses %s', (url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows plain http (a server on a private network, a test server) only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/api/v1/external/slack_incoming?api_key=${KEY}&stream=general`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
  });

  it('masks the API key, and shows the stream and the topic', () => {
    expect(zulip.maskUrl(URL_OK)).toBe(
      'https://acme.zulipchat.com/api/v1/external/slack_incoming?api_key=••••&stream=Support%20%C3%A9quipe',
    );
    expect(zulip.maskUrl(`${URL_OK}&topic=Tickets`)).toMatch(/\?api_key=••••&stream=.*&topic=Tickets$/);
    expect(zulip.maskUrl(URL_OK)).not.toContain(KEY.slice(0, 8));
    expect(zulip.maskUrl('nope')).toBe('••••');
  });
});

describe('Zulip message', () => {
  const body = (m: ChatMessage) => JSON.parse(zulip.buildRequest(URL_OK, m).body);

  it('sends Slack text (Zulip converts it): the message and the document link', () => {
    const request = zulip.buildRequest(URL_OK, message());
    expect(request.url).toBe(URL_OK);
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(request.body)).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n<https://erp.example.com/app/issue/ISS-0042|Document link>',
    });
    expect(body(message({ language: 'fr', documentUrl: null })).text).not.toContain('<https');
  });

  it('sends a Card as blocks: the subject as a header, then the message and the link', () => {
    expect(body(message({ format: 'Card' }))).toEqual({
      text: 'Nouveau ticket',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Nouveau ticket' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n<https://erp.example.com/app/issue/ISS-0042|Document link>',
          },
        },
      ],
    });
  });

  it('threads by document: one topic per document, appended to the byte-exact URL', () => {
    const request = zulip.buildRequest(URL_OK, message({ threadKey: 'issue-ISS-0042' }));
    expect(request.url).toBe(`${URL_OK}&topic=Issue%20ISS-0042`);
    expect(zulip.canThread).toBe(true);
  });

  it("keeps the user's own topic and does not thread then", () => {
    const withTopic = `${URL_OK}&topic=Tickets`;
    expect(zulip.buildRequest(withTopic, message({ threadKey: 'issue-ISS-0042' })).url).toBe(withTopic);
  });

  it('makes topics of at most 60 characters, keeping the document name whole when it can', () => {
    const long = message({ document: { doctype: 'Purchase Order Supplier Quotation Comparison', name: 'PO-SQC-2026-000042' } });
    const topic = topicFor(long);
    expect([...topic].length).toBeLessThanOrEqual(MAX_TOPIC_CHARS);
    expect(topic).toMatch(/^Purchase Order Supplier.*… PO-SQC-2026-000042$/);
    const huge = topicFor(message({ document: { doctype: 'Issue', name: 'é'.repeat(80) } }));
    expect([...huge].length).toBe(MAX_TOPIC_CHARS);
    expect(huge.endsWith('…')).toBe(true);
    expect(topicFor(message({ document: { doctype: 'Issue', name: 'line\nbreak' } }))).toBe('Issue line break');
    expect(topicFor(message({ document: null, threadKey: 'issue-ISS-0042' }))).toBe('issue-ISS-0042');
  });

  it('truncates a message over 10,000 bytes with a marker, keeping the link', () => {
    const text = body(message({ message: 'é'.repeat(20_000) })).text as string;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(text).toContain('… (message truncated)\n<https://erp.example.com/app/issue/ISS-0042|Document link>');
  });
});

describe('Zulip answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const zulipError = (code: string, msg: string, extra = {}) => ({ result: 'error', msg, code, ...extra });

  it('counts 200 {"result": "success"} as sent', () => {
    expect(classify(answer(200, { result: 'success', msg: '' }))).toEqual({ kind: 'sent', remoteId: null });
  });

  it('retries RATE_LIMIT_HIT after Retry-After or the body retry-after, and 5xx', () => {
    const limited = zulipError('RATE_LIMIT_HIT', 'API usage exceeded rate limit', { 'retry-after': 2.5 });
    expect(classify(answer(429, limited))).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 2500 });
    expect(classify(answer(429, limited, { 'retry-after': '4' }))).toMatchObject({ retryAfterMs: 4000 });
    expect(classify(answer(503, 'Service Unavailable'))).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });

  it('marks the destination broken on an invalid API key or a deactivated bot or realm, matching the code (msg is translated)', () => {
    expect(classify(answer(401, zulipError('INVALID_API_KEY', 'Clé API invalide')))).toEqual({
      kind: 'broken',
      code: 'ZULIP_INVALID_API_KEY',
      message: 'HTTP 401: INVALID_API_KEY: Clé API invalide',
    });
    expect(classify(answer(400, zulipError('USER_DEACTIVATED', 'Account is deactivated')))).toMatchObject({
      kind: 'broken',
      code: 'ZULIP_USER_DEACTIVATED',
    });
    expect(classify(answer(401, zulipError('REALM_DEACTIVATED', 'This organization has been deactivated')))).toMatchObject({
      kind: 'broken',
    });
  });

  it('rejects a 400 BAD_REQUEST', () => {
    expect(classify(answer(400, zulipError('BAD_REQUEST', 'Malformed payload')))).toEqual({
      kind: 'rejected',
      code: 'HTTP_400',
      message: 'HTTP 400: BAD_REQUEST: Malformed payload',
    });
  });
});
