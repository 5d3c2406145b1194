import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { MAX_MESSAGE_BYTES, ntfy } from './ntfy.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof ntfy.classify>) => englishOutcome(ntfy.classify(...args));

const URL_OK = 'https://ntfy.sh/relais-support-k3x9q2';
const AUTH = 'QmFzaWMgZEdWemRIVnpaWEk2Wm1GclpYQmhjM04zYjNKaw';
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => ntfy.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    subject: 'Nouveau ticket — Dupont SA',
    message: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.',
    ...extra,
  });

describe('ntfy topic URL', () => {
  it('accepts a topic URL on ntfy.sh or a self-hosted server, with an auth parameter for a protected topic', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check('https://ntfy.example.com:8443/alerts_2')).toEqual({ ok: true });
    expect(check(`https://ntfy.example.com/alerts?auth=${AUTH}`)).toEqual({ ok: true });
  });

  it.each([
    ['http://ntfy.sh/relais', /https:\/\//],
    ['https://ntfy.sh/', /the topic URL/],
    ['https://ntfy.sh/a/b', /the topic URL/],
    ['https://ntfy.sh/ntfy/relais', /the topic URL/],
    ['https://ntfy.sh/my topic', /the topic URL/],
    [`https://ntfy.sh/${'x'.repeat(65)}`, /up to 64/],
    ['https://ntfy.sh/docs', /"docs" is a name ntfy keeps/],
    ['https://ntfy.sh/relais?auth=not%20base64', /auth parameter must be/],
    [`https://ntfy.sh/relais?auth=${AUTH}&auth=${AUTH}`, /given twice/],
    ['https://ntfy.sh/relais?priority=5', /unexpected parameter "priority"/],
    ['https://user:pass@ntfy.sh/relais', /user name or password/],
    ['https://ntfy.sh/relais#x', /fragment/],
  ])('refuses %s', (url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows plain http only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    expect(check('http://127.0.0.1:43210/relais').ok).toBe(false);
    expect(check('http://127.0.0.1:43210/relais', { allowPrivate: true })).toEqual({ ok: true });
  });

  it('masks the topic, which is the password of a public topic, and the auth', () => {
    expect(ntfy.maskUrl(URL_OK)).toBe('https://ntfy.sh/••••');
    expect(ntfy.maskUrl(`https://ntfy.example.com:8443/alerts?auth=${AUTH}`)).toBe('https://ntfy.example.com:8443/••••');
    expect(ntfy.maskUrl('nope')).toBe('••••');
  });
});

describe('ntfy message', () => {
  it('publishes as JSON to the server root: topic, UTF-8 title, Markdown message, click = the document', () => {
    const request = ntfy.buildRequest(URL_OK, message());
    expect(request.url).toBe('https://ntfy.sh/');
    expect(request.headers).toEqual({ 'content-type': 'application/json; charset=UTF-8' });
    expect(JSON.parse(request.body)).toEqual({
      topic: 'relais-support-k3x9q2',
      title: 'Nouveau ticket — Dupont SA',
      message: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.',
      markdown: true,
      click: 'https://erp.example.com/app/issue/ISS-0042',
    });
    expect(JSON.parse(ntfy.buildRequest(URL_OK, message({ documentUrl: null })).body).click).toBeUndefined();
  });

  it('keeps the port and the auth parameter as written', () => {
    expect(ntfy.buildRequest(`https://ntfy.example.com:8443/alerts?auth=${AUTH}`, message()).url).toBe(
      `https://ntfy.example.com:8443/?auth=${AUTH}`,
    );
  });

  it('truncates a message over 4,096 bytes with a marker, and keeps the JSON within what ntfy reads', () => {
    for (const text of ['é'.repeat(5_000), '"\n'.repeat(4_000)]) {
      const request = ntfy.buildRequest(URL_OK, message({ message: text, language: 'fr' }));
      const sent = JSON.parse(request.body).message as string;
      expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(sent).toMatch(/… \(message tronqué\)$/);
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(2 * MAX_MESSAGE_BYTES);
    }
  });
});

describe('ntfy answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const ntfyError = (code: number, http: number, error: string) => ({ code, http, error, link: 'https://ntfy.sh/docs/publish/' });

  it('counts 200 as sent, keeping the message id', () => {
    expect(classify(answer(200, { id: 'hwQ2YpKdmg', time: 1795815000, event: 'message', topic: 'relais' }))).toEqual({
      kind: 'sent',
      remoteId: 'hwQ2YpKdmg',
    });
  });

  it('retries 429 (after Retry-After when given) and 5xx', () => {
    expect(classify(answer(429, ntfyError(42901, 429, 'limit reached: too many requests')))).toEqual({
      kind: 'retry',
      code: 'HTTP_429',
      message: 'HTTP 429: 42901 limit reached: too many requests',
      retryAfterMs: null,
    });
    expect(classify(answer(429, ntfyError(42908, 429, 'daily quota'), { 'retry-after': '60' }))).toMatchObject({
      retryAfterMs: 60_000,
    });
    expect(classify(answer(500, ntfyError(50001, 500, 'internal server error')))).toMatchObject({ kind: 'retry' });
  });

  it('marks the destination broken on 401, 403, 404 and a topic the server refuses; rejects 413 and other 400s', () => {
    expect(classify(answer(401, ntfyError(40101, 401, 'unauthorized')))).toMatchObject({ kind: 'broken', code: 'HTTP_401' });
    expect(classify(answer(403, ntfyError(40301, 403, 'forbidden')))).toMatchObject({ kind: 'broken', code: 'HTTP_403' });
    expect(classify(answer(404, ntfyError(40401, 404, 'page not found')))).toMatchObject({ kind: 'broken', code: 'HTTP_404' });
    expect(classify(answer(400, ntfyError(40010, 400, 'invalid request: topic name is not allowed')))).toMatchObject({
      kind: 'broken',
      code: 'NTFY_TOPIC_INVALID',
    });
    expect(classify(answer(413, ntfyError(41303, 413, 'JSON body too large')))).toMatchObject({ kind: 'rejected', code: 'HTTP_413' });
    expect(classify(answer(400, ntfyError(40017, 400, 'invalid request: request body must be message JSON')))).toMatchObject({
      kind: 'rejected',
      code: 'HTTP_400',
    });
  });
});
