import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { mattermost, MAX_POST_CHARS } from './mattermost.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof mattermost.classify>) => englishOutcome(mattermost.classify(...args));

const HOOK_ID = 'd39zzzzg4zdmen2khvdgaj8gxb';
const URL_OK = `https://chat.example.com/hooks/${HOOK_ID}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => mattermost.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    message: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
    ...extra,
  });
const body = (extra: Partial<ChatMessage> = {}) => JSON.parse(mattermost.buildRequest(URL_OK, message(extra)).body);

describe('Mattermost webhook URL', () => {
  it('accepts the URL of any self-hosted server, with a port or under a subpath, and posts to it byte-exact', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check(`https://mattermost.example.org:8443/hooks/${HOOK_ID}`)).toEqual({ ok: true });
    expect(check(`https://example.org/team-chat/hooks/${HOOK_ID}`)).toEqual({ ok: true });
    const request = mattermost.buildRequest(URL_OK, message());
    expect(request.url).toBe(URL_OK);
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it.each([
    ['plain http', URL_OK.replace('https://', 'http://'), /https:\/\//],
    ['another scheme', URL_OK.replace('https://', 'ftp://'), /https:\/\//],
    ['a user and password', URL_OK.replace('https://', 'https://admin:pw@'), /user name or password/],
    ['no /hooks/ path', `https://chat.example.com/api/v4/${HOOK_ID}`, /end with \/hooks\/\{id\}/],
    ['a segment after the id', `${URL_OK}/extra`, /end with \/hooks\/\{id\}/],
    ['a trailing slash', `${URL_OK}/`, /end with \/hooks\/\{id\}/],
    ['no id', 'https://chat.example.com/hooks/', /id after \/hooks\/ is missing/],
    ['a short id', URL_OK.replace(HOOK_ID, 'abc'), /26 lowercase letters and digits/],
    ['an id in capitals', URL_OK.replace(HOOK_ID, HOOK_ID.toUpperCase()), /26 lowercase letters and digits/],
    ['a query', `${URL_OK}?channel=town-square`, /no \?parameters/],
    ['a fragment', `${URL_OK}#x`, /fragment/],
    ['spaces around', `${URL_OK} `, /spaces around/],
    ['no scheme', `chat.example.com/hooks/${HOOK_ID}`, /not a URL/],
  ])('refuses %s', (_, url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows plain http (a loopback fake server, a server on a private network) only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/hooks/${HOOK_ID}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(`http://10.0.0.5:8065/hooks/${HOOK_ID}`, { allowPrivate: true })).toEqual({ ok: true });
    expect(check('http://127.0.0.1:43210/hooks/abc', { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the id, which is the whole secret', () => {
    expect(mattermost.maskUrl(URL_OK)).toBe('https://chat.example.com/hooks/••••');
    expect(mattermost.maskUrl(`https://example.org:8443/team-chat/hooks/${HOOK_ID}`)).toBe('https://example.org:8443/team-chat/hooks/••••');
    expect(mattermost.maskUrl(`https://chat.example.com/${HOOK_ID}`)).toBe('https://chat.example.com/••••');
    expect(mattermost.maskUrl('not a url')).toBe('••••');
  });
});

describe('Mattermost message', () => {
  it('sends the text and the document link as a Markdown link on a new line', () => {
    expect(body()).toEqual({
      text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA\n[Document link](https://erp.example.com/app/issue/ISS-0042)',
    });
  });

  it('labels the link in French', () => {
    expect(body({ language: 'fr' })).toEqual({
      text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA\n[Lien vers le document](https://erp.example.com/app/issue/ISS-0042)',
    });
  });

  it('leaves the link out when there is no document link', () => {
    expect(body({ documentUrl: null })).toEqual({ text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA' });
  });

  it('percent-encodes parentheses and spaces in the link so that they cannot end it', () => {
    const url = 'https://erp.example.com/app/customer/Dupont%20SA%20(Paris)';
    expect(body({ documentUrl: url, message: 'x' }).text).toBe(
      'x\n[Document link](https://erp.example.com/app/customer/Dupont%20SA%20%28Paris%29)',
    );
  });

  it('sends the message as written: escaping document values is the template’s markdown_escape', () => {
    expect(body({ message: 'Client: **Dupont** @channel', documentUrl: null }).text).toBe('Client: **Dupont** @channel');
  });

  it('cuts a text over 16,383 characters with a marker, keeping the link', () => {
    const text = body({ message: '日本'.repeat(10_000), language: 'fr' }).text as string;
    expect(text).toHaveLength(MAX_POST_CHARS);
    expect(text.endsWith('… (message tronqué)\n[Lien vers le document](https://erp.example.com/app/issue/ISS-0042)')).toBe(true);
    expect(text.startsWith('日本日本')).toBe(true);
    expect(body({ message: '😀'.repeat(10_000), documentUrl: null }).text).toMatch(/^(😀)+… \(message truncated\)$/u);
  });

  it('builds a card: an attachment titled with the subject, linked to the document, the message as text', () => {
    expect(body({ format: 'Card' })).toEqual({
      attachments: [
        {
          fallback: 'Nouveau ticket',
          title: 'Nouveau ticket',
          title_link: 'https://erp.example.com/app/issue/ISS-0042',
          text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
        },
      ],
    });
    expect(body({ format: 'Card', subject: ' ', language: 'fr', message: 'Bonjour' })).toEqual({
      attachments: [
        {
          fallback: 'Lien vers le document',
          title: 'Lien vers le document',
          title_link: 'https://erp.example.com/app/issue/ISS-0042',
          text: 'Bonjour',
        },
      ],
    });
    expect(body({ format: 'Card', subject: '', documentUrl: null, message: 'Bonjour' })).toEqual({
      attachments: [{ fallback: 'Bonjour', text: 'Bonjour' }],
    });
  });
});

describe('Mattermost answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const appError = (id: string, message: string, status: number) => ({
    id,
    message,
    detailed_error: '',
    request_id: 'qe3eyht563d1b8xani3g93dgfh',
    status_code: status,
  });

  it('counts 200 ok as sent', () => {
    expect(classify(answer(200, 'ok', { 'content-type': 'text/plain' }))).toEqual({ kind: 'sent', remoteId: null });
  });

  it.each([
    [400, 'web.incoming_webhook.invalid.app_error', 'Invalid webhook.', 'broken', 'MATTERMOST_UNKNOWN_WEBHOOK'],
    [
      501,
      'web.incoming_webhook.disabled.app_error',
      'Incoming webhooks have been disabled by the system admin.',
      'broken',
      'MATTERMOST_WEBHOOKS_DISABLED',
    ],
    [404, 'web.incoming_webhook.channel.app_error', "Couldn't find the channel.", 'broken', 'MATTERMOST_CHANNEL_NOT_FOUND'],
    [
      403,
      'web.incoming_webhook.channel_locked.app_error',
      'This webhook is not permitted to post to the requested channel.',
      'broken',
      'MATTERMOST_CHANNEL_LOCKED',
    ],
    [403, 'web.incoming_webhook.permissions.app_error', 'Inappropriate channel permissions.', 'broken', 'MATTERMOST_NO_PERMISSION'],
    [403, 'web.incoming_webhook.user.app_error', "Couldn't find the user.", 'broken', 'MATTERMOST_USER_NOT_FOUND'],
    [400, 'web.incoming_webhook.parse.app_error', 'Unable to parse incoming data.', 'rejected', 'MATTERMOST_UNPARSABLE'],
    [400, 'web.incoming_webhook.text.app_error', 'No text specified.', 'rejected', 'MATTERMOST_NO_TEXT'],
    [403, 'api.post.create_post.town_square_read_only', 'This channel is read-only.', 'broken', 'HTTP_403'],
    [400, 'model.post.is_valid.props.app_error', 'Invalid props.', 'rejected', 'HTTP_400'],
    [500, 'web.incoming_webhook.channel.app_error', "Couldn't find the channel.", 'retry', 'HTTP_500'],
  ])('classifies %i %s', (status, id, text, kind, code) => {
    const outcome = classify(answer(status, appError(id, text, status)));
    expect(outcome).toMatchObject({ kind, code });
    expect((outcome as { message: string }).message).toMatch(new RegExp(`^HTTP ${status}: \\{"id":"${id.replace(/\./g, '\\.')}"`));
  });

  it('counts any 501 as incoming webhooks disabled, and an unknown 404 as broken', () => {
    expect(classify(answer(501, 'Not Implemented'))).toMatchObject({ kind: 'broken', code: 'MATTERMOST_WEBHOOKS_DISABLED' });
    expect(classify(answer(404, '404 page not found'))).toEqual({
      kind: 'broken',
      code: 'HTTP_404',
      message: 'HTTP 404: 404 page not found',
    });
  });

  it('retries a 429 (when the server has rate limiting on) after Retry-After, and a 5xx', () => {
    expect(classify(answer(429, 'limit exceeded', { 'retry-after': '1' }))).toEqual({
      kind: 'retry',
      code: 'HTTP_429',
      message: 'HTTP 429: limit exceeded',
      retryAfterMs: 1000,
    });
    expect(classify(answer(502, '<html>Bad Gateway</html>'))).toMatchObject({
      kind: 'retry',
      code: 'HTTP_502',
      retryAfterMs: null,
    });
  });
});
