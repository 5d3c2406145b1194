import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../channel-types.ts';
import { englishOutcome, sampleChatMessage } from '../sample-message.ts';
import { escapeMrkdwn, MAX_SECTION_CHARS, MAX_TEXT_CHARS, slack } from './slack.ts';

/** The adapter's reading of an answer, its message in English. */
const classify = (...args: Parameters<typeof slack.classify>) => englishOutcome(slack.classify(...args));

const SECRET = 'u8jzPde0IgxLd6GncfBAepfJ';
const URL_OK = `https://hooks.slack.com/services/T0A1B2C3D4/B0E5F6G7H8I/${SECRET}`;
const strict = { allowPrivate: false };
const check = (url: string, options = strict) => slack.checkUrl(url, options);

const message = sampleChatMessage;
const body = (extra: Partial<ChatMessage> = {}) => JSON.parse(slack.buildRequest(URL_OK, message(extra)).body);

describe('Slack webhook URL', () => {
  it('accepts the URL Slack gives (and GovSlack’s), and posts to it byte-exact', () => {
    expect(check(URL_OK)).toEqual({ ok: true });
    expect(check(URL_OK.replace('hooks.slack.com', 'hooks.slack-gov.com'))).toEqual({ ok: true });
    const request = slack.buildRequest(URL_OK, message());
    expect(request.url).toBe(URL_OK);
    expect(request.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it.each([
    ['plain http', URL_OK.replace('https://', 'http://'), /https:\/\//],
    ['a look-alike host', URL_OK.replace('hooks.slack.com', 'hooks.slack.com.evil.example'), /is on hooks\.slack\.com, not/],
    ['another look-alike host', URL_OK.replace('hooks.slack.com', 'hooks-slack.com'), /is on hooks\.slack\.com/],
    ['the API host', URL_OK.replace('hooks.slack.com', 'slack.com'), /is on hooks\.slack\.com/],
    ['a user and password', URL_OK.replace('https://', 'https://user:pw@'), /user name or password/],
    ['a port', URL_OK.replace('hooks.slack.com', 'hooks.slack.com:8443'), /no port/],
    ['a Workflow Builder URL', 'https://hooks.slack.com/workflows/T0A1B2C3D4/A0E5F6G7H8I/123456789/abcdef', /Workflow Builder/],
    ['a Workflow trigger URL', 'https://hooks.slack.com/triggers/T0A1B2C3D4/123456789/abcdef', /Workflow Builder/],
    ['another path', URL_OK.replace('/services/', '/hooks/'), /\/services\/T…\/B…\/\{secret\}/],
    ['an extra segment', `${URL_OK}/extra`, /\/services\/T…\/B…\/\{secret\}/],
    ['a trailing slash', `${URL_OK}/`, /\/services\/T…\/B…\/\{secret\}/],
    ['no secret', 'https://hooks.slack.com/services/T0A1B2C3D4/B0E5F6G7H8I', /secret at the end is missing/],
    ['an empty secret', 'https://hooks.slack.com/services/T0A1B2C3D4/B0E5F6G7H8I/', /secret at the end is missing/],
    ['a short secret', URL_OK.replace(SECRET, SECRET.slice(0, 20)), /24 letters and digits/],
    ['a workspace id in lower case', URL_OK.replace('T0A1B2C3D4', 't0a1b2c3d4'), /workspace part/],
    ['no webhook id', URL_OK.replace('B0E5F6G7H8I', 'C0E5F6G7H8I'), /webhook part/],
    ['a query', `${URL_OK}?channel=general`, /no \?parameters/],
    ['a fragment', `${URL_OK}#top`, /fragment/],
    ['spaces around', ` ${URL_OK}`, /spaces around/],
    ['no scheme', URL_OK.replace('https://', ''), /not a URL/],
  ])('refuses %s', (_, url, reason) => {
    const verdict = check(url);
    expect(verdict.ok).toBe(false);
    expect(String((verdict as { reason: unknown }).reason)).toMatch(reason);
  });

  it('allows a loopback fake server with the same path only under RELAIS_ALLOW_PRIVATE_WEBHOOKS', () => {
    const fake = `http://127.0.0.1:43210/services/T0A1B2C3D4/B0E5F6G7H8I/${SECRET}`;
    expect(check(fake).ok).toBe(false);
    expect(check(fake, { allowPrivate: true })).toEqual({ ok: true });
    expect(check(fake.replace('127.0.0.1', '10.0.0.5'), { allowPrivate: true }).ok).toBe(false);
    expect(check(fake.replace('/services/', '/hooks/'), { allowPrivate: true }).ok).toBe(false);
  });

  it('masks the ids and the secret, even in a URL it refuses', () => {
    expect(slack.maskUrl(URL_OK)).toBe('https://hooks.slack.com/services/T…/B…/••••');
    expect(slack.maskUrl('https://hooks.slack.com/services/T0/B0/secretpart')).toBe('https://hooks.slack.com/services/T…/B…/••••');
    expect(slack.maskUrl(`https://hooks.slack.com/${SECRET}`)).toBe('https://hooks.slack.com/••••');
    expect(slack.maskUrl(URL_OK.replace('https://', 'https://user:pw@'))).toBe('••••');
    expect(slack.maskUrl('not a url')).toBe('••••');
  });
});

describe('Slack message', () => {
  it("sends Dokos's payload: the text and a Go to the document button", () => {
    expect(body()).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA',
      attachments: [
        {
          fallback: 'See the document at https://erp.example.com/app/issue/ISS-0042',
          actions: [{ type: 'button', text: 'Go to the document', url: 'https://erp.example.com/app/issue/ISS-0042', style: 'primary' }],
        },
      ],
    });
  });

  it('labels the button in French', () => {
    expect(body({ language: 'fr' })).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA',
      attachments: [
        {
          fallback: 'Voir le document : https://erp.example.com/app/issue/ISS-0042',
          actions: [{ type: 'button', text: 'Voir le document', url: 'https://erp.example.com/app/issue/ISS-0042', style: 'primary' }],
        },
      ],
    });
  });

  it('leaves the attachment out when there is no document link', () => {
    expect(body({ documentUrl: null })).toEqual({ text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA' });
    expect(body({ documentUrl: null, language: 'fr' })).toEqual({
      text: '*Nouveau ticket*\nNouvelle demande n° ISS-0042.\n• Client : Dupont SA',
    });
  });

  it('escapes & < > so that document values cannot mention anyone, keeping links and escaped entities', () => {
    expect(escapeMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeMrkdwn('Client: <!channel> <!here> <@U024BE7LH> <!subteam^SAZ94GDB8>')).toBe(
      'Client: &lt;!channel&gt; &lt;!here&gt; &lt;@U024BE7LH&gt; &lt;!subteam^SAZ94GDB8&gt;',
    );
    expect(escapeMrkdwn('Dupont &amp; Fils, 3 &lt; 4')).toBe('Dupont &amp; Fils, 3 &lt; 4');
    expect(escapeMrkdwn('see <https://erp.example.com/app/issue/ISS-0042|ISS-0042> and <https://erp.example.com>')).toBe(
      'see <https://erp.example.com/app/issue/ISS-0042|ISS-0042> and <https://erp.example.com>',
    );
    expect(escapeMrkdwn('<https://x.example|<!channel>>')).toBe('&lt;https://x.example|&lt;!channel&gt;&gt;');
    expect(body({ message: 'Ticket from <!channel> & co' }).text).toBe('Ticket from &lt;!channel&gt; &amp; co');
  });

  it('cuts a text over 40,000 characters with a marker, an entity never cut in half', () => {
    const long = body({ message: 'é'.repeat(50_000) });
    expect(long.text).toHaveLength(MAX_TEXT_CHARS);
    expect(long.text.endsWith('é… (message truncated)')).toBe(true);
    expect(long.attachments).toHaveLength(1);
    const escaped = body({ message: '&'.repeat(10_000), language: 'fr' }).text as string;
    expect(escaped.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(escaped.length).toBeGreaterThan(MAX_TEXT_CHARS - 100);
    expect(escaped).toMatch(/^(&amp;)+… \(message tronqué\)$/);
    expect(body({ message: 'x'.repeat(MAX_TEXT_CHARS) }).text).toBe('x'.repeat(MAX_TEXT_CHARS));
  });

  it('builds a Block Kit card: the subject as header, the message as mrkdwn, the button; text kept for notifications', () => {
    expect(body({ format: 'Card', message: 'a < b\n*Client* : Dupont' })).toEqual({
      text: 'a &lt; b\n*Client* : Dupont',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Nouveau ticket' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b\n*Client* : Dupont' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'open_document',
              text: { type: 'plain_text', text: 'Go to the document' },
              url: 'https://erp.example.com/app/issue/ISS-0042',
              style: 'primary',
            },
          ],
        },
      ],
    });
    expect(body({ format: 'Card', language: 'fr', subject: '', documentUrl: null, message: 'Bonjour' })).toEqual({
      text: 'Bonjour',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Bonjour' } }],
    });
  });

  it('keeps a card section within 3,000 characters and a header within 150', () => {
    const card = body({ format: 'Card', subject: 'S'.repeat(200), message: 'm'.repeat(5_000), language: 'fr' });
    expect(card.blocks[0].text.text).toHaveLength(150);
    expect(card.blocks[1].text.text).toHaveLength(MAX_SECTION_CHARS);
    expect(card.blocks[1].text.text.endsWith('m… (message tronqué)')).toBe(true);
    expect(card.text).toBe(card.blocks[1].text.text);
  });
});

describe('Slack answers', () => {
  const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({ status, headers, body: text });

  it('counts 200 ok as sent, without a message id (Slack returns none)', () => {
    expect(classify(answer(200, 'ok'))).toEqual({ kind: 'sent', remoteId: null });
  });

  it.each([
    [403, 'invalid_token', 'broken', 'SLACK_INVALID_TOKEN'],
    [403, 'action_prohibited', 'broken', 'SLACK_ACTION_PROHIBITED'],
    [404, 'channel_not_found', 'broken', 'SLACK_CHANNEL_NOT_FOUND'],
    [404, 'no_service', 'broken', 'SLACK_NO_SERVICE'],
    [404, 'no_team', 'broken', 'SLACK_NO_TEAM'],
    [404, 'no_active_hooks', 'broken', 'SLACK_NO_ACTIVE_HOOKS'],
    [404, 'team_disabled', 'broken', 'SLACK_TEAM_DISABLED'],
    [404, 'no_service_id', 'broken', 'SLACK_NO_SERVICE_ID'],
    [410, 'channel_is_archived', 'broken', 'SLACK_CHANNEL_IS_ARCHIVED'],
    [400, 'user_not_found', 'broken', 'SLACK_USER_NOT_FOUND'],
    [403, 'posting_to_general_channel_denied', 'broken', 'SLACK_POSTING_TO_GENERAL_CHANNEL_DENIED'],
    [400, 'invalid_payload', 'rejected', 'SLACK_INVALID_PAYLOAD'],
    [400, 'no_text', 'rejected', 'SLACK_NO_TEXT'],
    [400, 'missing_text_or_fallback_or_attachments', 'rejected', 'SLACK_MISSING_TEXT_OR_FALLBACK_OR_ATTACHMENTS'],
    [400, 'too_many_attachments', 'rejected', 'SLACK_TOO_MANY_ATTACHMENTS'],
    [400, 'invalid_blocks', 'rejected', 'SLACK_INVALID_BLOCKS'],
    [400, 'msg_blocks_too_long', 'rejected', 'SLACK_MSG_BLOCKS_TOO_LONG'],
    [500, 'rollup_error', 'retry', 'SLACK_ROLLUP_ERROR'],
    [400, 'some_new_error', 'rejected', 'HTTP_400'],
    [403, '<html>Forbidden</html>', 'broken', 'HTTP_403'],
    [503, 'Service Unavailable', 'retry', 'HTTP_503'],
  ])('classifies %i %s', (status, text, kind, code) => {
    expect(classify(answer(status, text))).toMatchObject({ kind, code, message: `HTTP ${status}: ${text}` });
  });

  it('reads the text/html 403 body of a revoked token', () => {
    expect(classify(answer(403, 'invalid_token\n', { 'content-type': 'text/html' }))).toEqual({
      kind: 'broken',
      code: 'SLACK_INVALID_TOKEN',
      message: 'HTTP 403: invalid_token',
    });
  });

  it('retries a 429 after Retry-After, and a 5xx', () => {
    expect(classify(answer(429, 'rate_limited', { 'retry-after': '30' }))).toEqual({
      kind: 'retry',
      code: 'HTTP_429',
      message: 'HTTP 429: rate_limited',
      retryAfterMs: 30_000,
    });
    expect(classify(answer(500, 'rollup_error', { 'retry-after': '2' }))).toMatchObject({ kind: 'retry', retryAfterMs: 2000 });
    expect(classify(answer(502, ''))).toEqual({ kind: 'retry', code: 'HTTP_502', message: 'HTTP 502', retryAfterMs: null });
  });
});
