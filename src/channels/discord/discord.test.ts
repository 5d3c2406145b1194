import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { discord, MAX_CONTENT_CHARS, MAX_EMBED_DESCRIPTION_CHARS, senderName } from './discord.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof discord.classify>) => englishOutcome(discord.classify(...args));

const ID = '1234567890123456789';
const TOKEN = '2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc7T';
const URL_OK = `https://discord.com/api/webhooks/${ID}/${TOKEN}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => discord.checkUrl(url, options);

const message = (extra: Partial<ChatMessage> = {}): ChatMessage =>
  sampleChatMessage({
    message: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
    ...extra,
  });
const body = (extra: Partial<ChatMessage> = {}) => JSON.parse(discord.buildRequest(URL_OK, message(extra)).body);

describe('Discord webhook URL', () => {
  it.each([
    ['discord.com', URL_OK],
    ['discordapp.com', URL_OK.replace('discord.com', 'discordapp.com')],
    ['ptb.discord.com', URL_OK.replace('discord.com', 'ptb.discord.com')],
    ['canary.discord.com', URL_OK.replace('discord.com', 'canary.discord.com')],
    ['a versioned API path', URL_OK.replace('/api/', '/api/v10/')],
    ['a thread_id', `${URL_OK}?thread_id=1122334455667788990`],
  ])('accepts the URL Discord gives on %s', (_, url) => {
    expect(check(url)).toEqual({ ok: true });
  });

  it.each([
    ['plain http', URL_OK.replace('https://', 'http://'), /https:\/\//],
    ['a look-alike host', URL_OK.replace('discord.com', 'discord.com.evil.example'), /is on discord\.com, not discord\.com\.evil\.example/],
    ['another look-alike host', URL_OK.replace('discord.com', 'disc0rd.com'), /is on discord\.com/],
    ['another subdomain', URL_OK.replace('discord.com', 'cdn.discord.com'), /is on discord\.com/],
    ['a user and password', URL_OK.replace('https://', 'https://user:pw@'), /user name or password/],
    ['a port', URL_OK.replace('discord.com', 'discord.com:8443'), /no port/],
    ['another API path', URL_OK.replace('/api/webhooks/', '/api/channels/'), /\/api\/webhooks\/\{id\}\/\{token\}/],
    ['no /api', URL_OK.replace('/api/', '/'), /\/api\/webhooks\/\{id\}\/\{token\}/],
    ['the Slack-compatible suffix', `${URL_OK}/slack`, /remove \/slack/],
    ['the GitHub-compatible suffix', `${URL_OK}/github`, /remove \/github/],
    ['an extra segment', `${URL_OK}/messages`, /\/api\/webhooks\/\{id\}\/\{token\}/],
    ['a trailing slash', `${URL_OK}/`, /\/api\/webhooks\/\{id\}\/\{token\}/],
    ['no id', 'https://discord.com/api/webhooks/', /\/api\/webhooks\/\{id\}\/\{token\}/],
    ['an id that is no snowflake', URL_OK.replace(ID, 'abc123'), /17 to 20 digits/],
    ['no token', `https://discord.com/api/webhooks/${ID}`, /token after the webhook id is missing/],
    ['a short token', URL_OK.replace(TOKEN, TOKEN.slice(0, 30)), /60 to 100 letters/],
    ['a token with odd characters', URL_OK.replace(TOKEN, `${TOKEN.slice(0, 64)}%2F==`), /60 to 100 letters/],
    ['wait in the URL', `${URL_OK}?wait=true`, /unexpected parameter "wait": keep only thread_id/],
    ['a thread_id that is no id', `${URL_OK}?thread_id=general`, /thread_id is one thread id/],
    ['a fragment', `${URL_OK}#x`, /fragment/],
    ['no scheme', URL_OK.replace('https://', ''), /not a URL/],
  ])('refuses %s', (_, url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows a loopback fake server with the same path only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/api/webhooks/${ID}/${TOKEN}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(fake.replace('127.0.0.1', '10.0.0.5'), { allowPrivate: true }).ok).toBe(false);
    expect(check(`http://127.0.0.1:43210/api/webhooks/${ID}`, { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the token, keeping the webhook id (not a secret) and a thread_id', () => {
    expect(discord.maskUrl(URL_OK)).toBe(`https://discord.com/api/webhooks/${ID}/••••`);
    expect(discord.maskUrl(`${URL_OK.replace('/api/', '/api/v10/')}?thread_id=1122334455667788990`)).toBe(
      `https://discord.com/api/v10/webhooks/${ID}/••••?thread_id=1122334455667788990`,
    );
    expect(discord.maskUrl(`https://discord.com/api/webhooks/${TOKEN}`)).toBe('https://discord.com/••••');
    expect(discord.maskUrl(`https://discord.com/${TOKEN}`)).toBe('https://discord.com/••••');
    expect(discord.maskUrl('not a url')).toBe('••••');
  });
});

describe('Discord message', () => {
  it("sends Dokos's payload with mentions off, and asks Discord to wait for the message", () => {
    const request = discord.buildRequest(URL_OK, message());
    expect(request.url).toBe(`${URL_OK}?wait=true`);
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(request.body)).toEqual({
      content: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
      username: 'Relais',
      embeds: [{ title: 'Document link', url: 'https://erp.example.com/app/issue/ISS-0042' }],
      allowed_mentions: { parse: [] },
    });
  });

  it('appends wait=true after a thread_id, keeping the URL byte-exact', () => {
    const inThread = `${URL_OK}?thread_id=1122334455667788990`;
    expect(discord.buildRequest(inThread, message()).url).toBe(`${inThread}&wait=true`);
  });

  it('labels the link in French', () => {
    expect(body({ language: 'fr', siteName: 'Dokos Coop' })).toEqual({
      content: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
      username: 'Dokos Coop',
      embeds: [{ title: 'Lien vers le document', url: 'https://erp.example.com/app/issue/ISS-0042' }],
      allowed_mentions: { parse: [] },
    });
  });

  it('leaves the embed out when there is no document link', () => {
    expect(body({ documentUrl: null })).toEqual({
      content: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
      username: 'Relais',
      allowed_mentions: { parse: [] },
    });
  });

  it('keeps @everyone in the text but lets it ping no one', () => {
    const sent = body({ message: '@everyone <@&123456789012345678> Dupont' });
    expect(sent.content).toBe('@everyone <@&123456789012345678> Dupont');
    expect(sent.allowed_mentions).toEqual({ parse: [] });
  });

  it('sends the site name only where Discord takes it as a webhook name', () => {
    expect(senderName('  Acme   ERP ')).toBe('Acme ERP');
    expect(senderName('N'.repeat(100))).toHaveLength(80);
    expect(senderName('')).toBeUndefined();
    expect(senderName('My Discord Bot')).toBeUndefined();
    expect(senderName('clyde')).toBeUndefined();
    expect(senderName('Acme #1')).toBeUndefined();
    expect(senderName('everyone')).toBeUndefined();
    expect(body({ siteName: 'Discord relay' })).not.toHaveProperty('username');
  });

  it('cuts content over 2,000 characters with a marker', () => {
    const content = body({ message: 'é'.repeat(3_000), language: 'fr' }).content as string;
    expect(content).toHaveLength(MAX_CONTENT_CHARS);
    expect(content.endsWith('é… (message tronqué)')).toBe(true);
    expect(body({ message: 'x'.repeat(MAX_CONTENT_CHARS) }).content).toHaveLength(MAX_CONTENT_CHARS);
  });

  it('does not thread: a thread key changes nothing (forum threads need the first message’s thread id)', () => {
    expect(discord.canThread).toBe(false);
    const request = discord.buildRequest(URL_OK, message({ threadKey: 'issue-ISS-0042' }));
    expect(request.url).toBe(`${URL_OK}?wait=true`);
    expect(JSON.parse(request.body)).toEqual(body());
  });

  it('builds a card: an embed titled with the subject, linked to the document, the message as description', () => {
    expect(body({ format: 'Card' })).toEqual({
      username: 'Relais',
      embeds: [
        {
          title: 'Nouveau ticket',
          url: 'https://erp.example.com/app/issue/ISS-0042',
          description: '**Nouveau ticket**\nNouvelle demande n° ISS-0042.\n- Client : Dupont SA',
        },
      ],
      allowed_mentions: { parse: [] },
    });
    expect(body({ format: 'Card', subject: '', language: 'fr', message: 'Bonjour' }).embeds).toEqual([
      { title: 'Lien vers le document', url: 'https://erp.example.com/app/issue/ISS-0042', description: 'Bonjour' },
    ]);
    const long = body({ format: 'Card', subject: 'S'.repeat(300), message: 'm'.repeat(5_000) }).embeds[0];
    expect(long.title).toHaveLength(256);
    expect(long.description).toHaveLength(MAX_EMBED_DESCRIPTION_CHARS);
    expect(long.description.endsWith('m… (message truncated)')).toBe(true);
  });
});

describe('Discord answers', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('counts 200 (wait=true) as sent with the message id, and 204 as sent', () => {
    const created = { id: '1311111111111111111', type: 0, channel_id: '1200000000000000000', content: 'x', webhook_id: ID };
    expect(classify(answer(200, created))).toEqual({ kind: 'sent', remoteId: '1311111111111111111' });
    expect(classify(answer(204, ''))).toEqual({ kind: 'sent', remoteId: null });
  });

  it.each([
    [404, { message: 'Unknown Webhook', code: 10015 }, 'broken', 'DISCORD_UNKNOWN_WEBHOOK'],
    [401, { message: 'Invalid Webhook Token', code: 50027 }, 'broken', 'DISCORD_INVALID_WEBHOOK_TOKEN'],
    [404, { message: 'Unknown Channel', code: 10003 }, 'broken', 'DISCORD_UNKNOWN_CHANNEL'],
    [
      400,
      { message: 'Webhooks posted to forum channels must have a thread_name or thread_id', code: 220001 },
      'broken',
      'DISCORD_FORUM_NEEDS_THREAD',
    ],
    [400, { message: 'Cannot send an empty message', code: 50006 }, 'rejected', 'DISCORD_EMPTY_MESSAGE'],
    [
      400,
      { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
      'rejected',
      'DISCORD_INVALID_FORM_BODY',
    ],
    [413, { message: 'Request entity too large', code: 40005 }, 'rejected', 'DISCORD_REQUEST_TOO_LARGE'],
    [403, { message: 'Missing Permissions', code: 50013 }, 'broken', 'HTTP_403'],
    [404, '404: Not Found', 'broken', 'HTTP_404'],
    [400, { message: 'Something new', code: 99999 }, 'rejected', 'HTTP_400'],
    [502, '<html>502 Bad Gateway</html>', 'retry', 'HTTP_502'],
    [500, { message: 'Internal Server Error', code: 0 }, 'retry', 'HTTP_500'],
  ])('classifies %i %j', (status, text, kind, code) => {
    const outcome = classify(answer(status, text));
    expect(outcome).toMatchObject({ kind, code });
    expect((outcome as { message: string }).message).toBe(`HTTP ${status}: ${typeof text === 'string' ? text : JSON.stringify(text)}`);
  });

  it('retries a 429 after the body’s retry_after (seconds, a float), else Retry-After, clamping absurd waits', () => {
    const limited = (retryAfter: unknown) => ({ message: 'You are being rate limited.', retry_after: retryAfter, global: false });
    expect(classify(answer(429, limited(1.234), { 'retry-after': '2' }))).toEqual({
      kind: 'retry',
      code: 'HTTP_429',
      message: 'HTTP 429: {"message":"You are being rate limited.","retry_after":1.234,"global":false}',
      retryAfterMs: 1234,
    });
    expect(classify(answer(429, limited(undefined), { 'retry-after': '2' }))).toMatchObject({ retryAfterMs: 2000 });
    expect(classify(answer(429, '<html>Cloudflare</html>', { 'retry-after': '7' }))).toMatchObject({ retryAfterMs: 7000 });
    expect(classify(answer(429, limited(45_000)))).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(classify(answer(429, limited(-3)))).toMatchObject({ retryAfterMs: 0 });
    expect(classify(answer(429, limited('soon')))).toMatchObject({ kind: 'retry', retryAfterMs: null });
  });
});
