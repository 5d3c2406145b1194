import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { MAX_MESSAGE_CHARS, rocketChat } from './rocket-chat.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof rocketChat.classify>) => englishOutcome(rocketChat.classify(...args));

const INTEGRATION = 'kNhFdnXsiVpzz63Ff';
const TOKEN = 'kCzJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIxNKu8iS2G8';
const URL_OK = `https://chat.example.com/hooks/${INTEGRATION}/${TOKEN}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => rocketChat.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    message: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
    ...extra,
  });
const body = (extra: Partial<ChatMessage> = {}) => JSON.parse(rocketChat.buildRequest(URL_OK, message(extra)).body);

describe('Rocket.Chat webhook URL', () => {
  it('accepts the URL of any self-hosted server, its older three-part form and encoded tokens, and posts to it byte-exact', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check(`https://example.org:3000/rocket/hooks/${INTEGRATION}/${TOKEN}`)).toEqual({ ok: true });
    expect(check(`https://chat.example.com/hooks/${INTEGRATION}/aBcDeFgHiJkLmNoPq/${TOKEN}`)).toEqual({ ok: true });
    const encoded = `https://chat.example.com/hooks/${INTEGRATION}/Ab%2FcD%2BeF%3Dgh+ij=`;
    expect(check(encoded)).toEqual({ ok: true });
    expect(rocketChat.buildRequest(encoded, message()).url).toBe(encoded); // %2F not decoded
  });

  it.each([
    ['plain http', URL_OK.replace('https://', 'http://'), /https:\/\//],
    ['a user and password', URL_OK.replace('https://', 'https://bot:pw@'), /user name or password/],
    ['no /hooks/ path', `https://chat.example.com/api/${INTEGRATION}/${TOKEN}`, /end with \/hooks\/\{integration id\}\/\{token\}/],
    ['too many segments', `${URL_OK}/a/b`, /end with \/hooks\/\{integration id\}\/\{token\}/],
    ['no token', `https://chat.example.com/hooks/${INTEGRATION}`, /token after the integration id is missing/],
    ['an empty token', `https://chat.example.com/hooks/${INTEGRATION}/`, /token after the integration id is missing/],
    ['a short integration id', URL_OK.replace(INTEGRATION, 'abc'), /17 letters and digits/],
    ['a token with a raw slash', `https://chat.example.com/hooks/${INTEGRATION}/Ab/cD${TOKEN}`, /keep it written %2F/],
    ['a token with odd characters', URL_OK.replace(TOKEN, 'abc!def'), /never have/],
    ['a query', `${URL_OK}?channel=general`, /no \?parameters/],
    ['a fragment', `${URL_OK}#x`, /fragment/],
    ['no scheme', `chat.example.com/hooks/${INTEGRATION}/${TOKEN}`, /not a URL/],
  ])('refuses %s', (_, url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows plain http (a loopback fake server, a server on a private network) only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/hooks/${INTEGRATION}/${TOKEN}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(`http://192.168.1.20:3000/hooks/${INTEGRATION}/${TOKEN}`, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(`http://127.0.0.1:43210/hooks/${INTEGRATION}`, { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the integration id and the token', () => {
    expect(rocketChat.maskUrl(URL_OK)).toBe('https://chat.example.com/hooks/…/••••');
    expect(rocketChat.maskUrl(`https://example.org:3000/rocket/hooks/${INTEGRATION}/x/${TOKEN}`)).toBe(
      'https://example.org:3000/rocket/hooks/…/••••',
    );
    expect(rocketChat.maskUrl(`https://chat.example.com/${TOKEN}`)).toBe('https://chat.example.com/••••');
    expect(rocketChat.maskUrl('not a url')).toBe('••••');
  });
});

describe('Rocket.Chat message', () => {
  it("sends Dokos's payload: the text, and the document link as an attachment's title", () => {
    expect(body()).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
      attachments: [{ title: 'Document link', title_link: 'https://erp.example.com/app/issue/ISS-0042' }],
    });
    expect(rocketChat.buildRequest(URL_OK, message()).headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it('labels the link in French', () => {
    expect(body({ language: 'fr' })).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
      attachments: [{ title: 'Lien vers le document', title_link: 'https://erp.example.com/app/issue/ISS-0042' }],
    });
  });

  it('leaves the attachment out when there is no document link', () => {
    expect(body({ documentUrl: null })).toEqual({ text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA' });
  });

  it("cuts a text over Rocket.Chat's default 5,000 characters with a marker", () => {
    const text = body({ message: 'x'.repeat(6_000), language: 'fr' }).text as string;
    expect(text).toHaveLength(MAX_MESSAGE_CHARS);
    expect(text.endsWith('x… (message tronqué)')).toBe(true);
    expect(body({ message: 'x'.repeat(MAX_MESSAGE_CHARS) }).text).toHaveLength(MAX_MESSAGE_CHARS);
  });

  it('has neither threads nor cards', () => {
    expect(rocketChat.canThread).toBe(false);
    expect(rocketChat.hasCards).toBe(false);
    expect(body({ threadKey: 'issue-ISS-0042', format: 'Card' })).toEqual(body());
  });
});

describe('Rocket.Chat answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const failure = (error: string) => ({ success: false, error });

  it('counts 200 {"success":true} as sent', () => {
    expect(classify(answer(200, { success: true }))).toEqual({ kind: 'sent', remoteId: null });
  });

  it.each([
    [401, { status: 'error', message: 'You must be logged in to do this.' }, 'broken', 'ROCKET_CHAT_INVALID_WEBHOOK'],
    [400, failure('Invalid integration id or token provided.'), 'broken', 'ROCKET_CHAT_INVALID_WEBHOOK'],
    [503, failure('Service Unavailable'), 'broken', 'ROCKET_CHAT_INTEGRATION_DISABLED'],
    [400, failure('invalid-channel'), 'broken', 'ROCKET_CHAT_ROOM_NOT_FOUND'],
    [400, failure('error-invalid-room'), 'broken', 'ROCKET_CHAT_ROOM_NOT_FOUND'],
    [400, failure('error-not-allowed'), 'broken', 'ROCKET_CHAT_NOT_ALLOWED'],
    [400, failure("You can't send messages because the room is readonly."), 'broken', 'ROCKET_CHAT_NOT_ALLOWED'],
    [400, failure('overriding destination channel is disabled for this integration'), 'rejected', 'ROCKET_CHAT_REJECTED'],
    [400, failure('error-running-script'), 'rejected', 'ROCKET_CHAT_SCRIPT_FAILED'],
    [200, failure('unknown-error'), 'rejected', 'ROCKET_CHAT_REJECTED'],
    [403, failure('error-action-not-allowed'), 'broken', 'HTTP_403'],
    [404, '<html>Not Found</html>', 'broken', 'HTTP_404'],
    [503, '<html>503 Service Temporarily Unavailable</html>', 'retry', 'HTTP_503'],
    [500, failure('Internal server error'), 'retry', 'HTTP_500'],
  ])('classifies %i %j', (status, text, kind, code) => {
    const outcome = classify(answer(status, text));
    expect(outcome).toMatchObject({ kind, code });
    expect((outcome as { message: string }).message).toBe(`HTTP ${status}: ${typeof text === 'string' ? text : JSON.stringify(text)}`);
  });

  it("retries a 429 after Retry-After, or after the wait the rate limiter's message gives", () => {
    const limited = failure('Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again.');
    expect(classify(answer(429, limited))).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 42_000 });
    expect(classify(answer(429, limited, { 'retry-after': '5' }))).toMatchObject({ retryAfterMs: 5000 });
    expect(classify(answer(429, 'Too Many Requests'))).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });
});
