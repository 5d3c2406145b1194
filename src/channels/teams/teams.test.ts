import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { MAX_MESSAGE_BYTES, teams } from './teams.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof teams.classify>) => englishOutcome(teams.classify(...args));

const HOST = 'default0123456789abcdef0123456789.ab.environment.api.powerplatform.com';
const WORKFLOW = '0123456789abcdef0123456789abcdef';
const SIG = 'aBcD3fGh1jKlMnOpQrStUvWxYz0123456789_-AbCdE';
const PATH = `/powerautomate/automations/direct/workflows/${WORKFLOW}/triggers/manual/paths/invoke`;
const QUERY = `api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SIG}`;
const URL_OK = `https://${HOST}:443${PATH}?${QUERY}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => teams.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    message: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.',
    format: 'Card',
    ...extra,
  });

describe('Teams Workflows URL', () => {
  it('accepts the URL a workflow gives (with its :443 and the CU-routed variant), and sends to it byte-exact', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check(URL_OK.replace('/direct/', '/direct/cu/42/'))).toEqual({ ok: true });
    expect(check(URL_OK.replace(':443', ''))).toEqual({ ok: true });
    expect(teams.buildRequest(URL_OK, message()).url).toBe(URL_OK);
  });

  it.each([
    ['https://contoso.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456', /retired.*Workflows/],
    ['https://outlook.office.com/webhook/abc/IncomingWebhook/123/456', /retired/],
    [`https://prod-01.westeurope.logic.azure.com:443/workflows/${WORKFLOW}/triggers/manual/paths/invoke?${QUERY}`, /November 30, 2025/],
    [URL_OK.replace('https://', 'http://'), /https:\/\//],
    [URL_OK.replace(HOST, `${HOST}.evil.example`), /environment\.api\.powerplatform\.com, not/],
    [URL_OK.replace(HOST, 'evilenvironment.api.powerplatform.com'), /environment\.api\.powerplatform\.com, not/],
    [URL_OK.replace(HOST, 'environment.api.powerplatform.com'), /not environment\.api/],
    [URL_OK.replace(':443', ':8443'), /port/],
    [URL_OK.replace('https://', 'https://user:pw@'), /user name or password/],
    [URL_OK.replace('/invoke', '/invoke/extra'), /the path must be/],
    [URL_OK.replace(WORKFLOW, 'not-a-workflow-id'), /the path must be/],
    [URL_OK.replace(`&sig=${SIG}`, ''), /sig parameter is missing/],
    [URL_OK.replace('sv=1.0&', ''), /sv parameter is missing/],
    [URL_OK.replace('%2Ftriggers%2Fmanual%2Frun', '%2Fother'), /sp parameter must be/],
    [URL_OK.replace(SIG, 'abc%20def'), /never have/],
    [`${URL_OK}&extra=1`, /unexpected parameter "extra"/],
    [`${URL_OK}#frag`, /fragment/],
  ])('refuses %s', (url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows a loopback fake server only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210${PATH}?${QUERY}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(fake.replace('127.0.0.1', '10.0.0.5'), { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the signature', () => {
    expect(teams.maskUrl(URL_OK)).toBe(`https://${HOST}${PATH}?api-version=…&sig=••••`);
    expect(teams.maskUrl(URL_OK)).not.toContain(SIG.slice(0, 8));
    expect(teams.maskUrl('not a url')).toBe('••••');
  });
});

describe('Teams message', () => {
  const content = (m: ChatMessage) => {
    const body = JSON.parse(teams.buildRequest(URL_OK, m).body);
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    expect(body.attachments[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null });
    return body.attachments[0].content;
  };

  it('sends a Card as an Adaptive Card 1.4: the subject in bold, the message wrapped, an Open document button', () => {
    expect(content(message())).toEqual({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      msteams: { width: 'Full' },
      body: [
        { type: 'TextBlock', text: 'Nouveau ticket', weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'TextBlock', text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.', wrap: true },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Open document', url: 'https://erp.example.com/app/issue/ISS-0042' }],
    });
    expect(teams.buildRequest(URL_OK, message()).headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it('labels the button in the site language and leaves it out without a document link', () => {
    expect(content(message({ language: 'fr' })).actions[0].title).toBe('Ouvrir le document');
    expect(content(message({ documentUrl: null })).actions).toBeUndefined();
  });

  it('sends Text as a card holding the message alone, the document link under it', () => {
    const card = content(message({ format: 'Text' }));
    expect(card.body).toEqual([
      {
        type: 'TextBlock',
        text: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n\n[Document link](https://erp.example.com/app/issue/ISS-0042)',
        wrap: true,
      },
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('keeps the whole request under 28 KB, escaping counted, with a truncation marker', () => {
    for (const text of ['é'.repeat(40_000), '"\n'.repeat(20_000), '\u0001'.repeat(30_000)]) {
      const request = teams.buildRequest(URL_OK, message({ message: text }));
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(content(message({ message: text })).body[1].text).toMatch(/… \(message truncated\)$/);
    }
  });

  it('cannot thread', () => {
    expect(teams.canThread).toBe(false);
  });
});

describe('Teams answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const azureError = (code: string, message: string) => ({ error: { code, message } });

  it('counts 202 Accepted (and 200) as sent', () => {
    expect(classify(answer(202, ''))).toEqual({ kind: 'sent', remoteId: null });
    expect(classify(answer(200, ''))).toEqual({ kind: 'sent', remoteId: null });
  });

  it('retries throttling after Retry-After or the delay in the message, and 5xx', () => {
    const throttled = azureError('429', 'Rate limit is exceeded. Try again in 12 seconds.');
    expect(classify(answer(429, throttled))).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 12_000 });
    expect(classify(answer(429, throttled, { 'retry-after': '3' }))).toMatchObject({ retryAfterMs: 3_000 });
    expect(classify(answer(502, 'Bad Gateway'))).toMatchObject({ kind: 'retry', code: 'HTTP_502', retryAfterMs: null });
  });

  it('marks the destination broken on a bad signature (401/403) and a deleted flow (404), and rejects a 400', () => {
    const denied = azureError('AuthorizationFailed', 'The provided sig is invalid.');
    expect(classify(answer(401, denied))).toEqual({
      kind: 'broken',
      code: 'HTTP_401',
      message: 'HTTP 401: AuthorizationFailed: The provided sig is invalid.',
    });
    expect(classify(answer(403, denied))).toMatchObject({ kind: 'broken', code: 'HTTP_403' });
    expect(classify(answer(404, azureError('WorkflowNotFound', 'The workflow could not be found.')))).toMatchObject({
      kind: 'broken',
    });
    expect(classify(answer(400, azureError('InvalidRequestContent', 'The request content is not valid.')))).toMatchObject({
      kind: 'rejected',
      code: 'HTTP_400',
    });
    expect(classify(answer(413, 'Request Entity too large'))).toMatchObject({ kind: 'rejected', code: 'HTTP_413' });
  });
});
