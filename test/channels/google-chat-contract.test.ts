// The Google Chat adapter and the HTTP sender against a fake that answers like Google Chat: what the
// adapter sends is accepted by the Chat API's own Message schema, and what Google answers is classified
// as ../shared/reference/chat-webhook-protocols.md §0.1 says.
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, SendOutcome } from '../../src/channels/channel-types.ts';
import { googleChat, messageIdFor } from '../../src/channels/google-chat/google-chat.ts';
import { LABELS } from '../../src/channels/labels.ts';
import { HttpSender, type SendResult } from '../../src/delivery/http-sender.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { googleChatUrl } from '../support/fixtures.ts';

const SPACES = { AAAA: 'fake-token-AAAA=', BBBB: 'fake-token-BBBB=' };
let fake: FakeGoogleChat;
let sender: HttpSender;
let url: string;
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeGoogleChat({ spaces: SPACES, strict: true });
  sender = new HttpSender({ allowPrivate: true, responseTimeoutMs: 2_000 });
  url = googleChatUrl('AAAA', fake.origin);
});
afterAll(async () => {
  await sender.close();
  await fake.close();
});
beforeEach(() => {
  fake.delay(0);
  fake.setToken('AAAA', SPACES.AAAA);
});

/** A message with a delivery name of its own, unless one is given (a retry of the same delivery). */
const message = (extra: Partial<ChatMessage> = {}): ChatMessage => ({
  deliveryName: `2026112721300012300${++sequence}`,
  subject: 'New issue',
  message: '*New issue* ISS-0042 <urgent> & more\n• Customer: Dupont SA',
  documentUrl: 'https://erp.example.com/app/issue/ISS-0042',
  threadKey: null,
  format: 'Text',
  language: 'en',
  siteName: 'Relais',
  document: { doctype: 'Issue', name: 'ISS-0042' },
  notification: 'New issue',
  event: 'New',
  occurredAt: '2026-11-27T21:30:00.123Z',
  attemptAt: 1795815000,
  signingSecret: null,
  customBody: null,
  ...extra,
});

/** Every outcome and failure message seen, to check that none carries the webhook's secrets. */
const reported: string[] = [];

/** One attempt as the worker makes it: build, send, classify (or the sender's failure); its message in English. */
async function attempt(chat: ChatMessage, webhookUrl = url, via = sender): Promise<Record<string, unknown>> {
  const result = await via.send(googleChat.buildRequest(webhookUrl, chat));
  const outcome: SendOutcome | Extract<SendResult, { kind: 'failure' }> =
    result.kind === 'answer' ? googleChat.classify(result.answer) : result;
  if (!('message' in outcome)) return outcome;
  reported.push(String(outcome.message));
  return { ...outcome, message: String(outcome.message) };
}

const storedWith = (chat: ChatMessage) => fake.messages.filter((m) => m.messageId === messageIdFor(chat.deliveryName));

describe('Google Chat adapter against the fake Google Chat', () => {
  it('takes the fake webhook URL as valid under allowPrivate only', () => {
    expect(googleChat.checkUrl(url, { allowPrivate: true })).toEqual({ ok: true });
    expect(googleChat.checkUrl(url, { allowPrivate: false }).ok).toBe(false);
  });

  it('posts a Text message that the Message schema accepts, with the document link, and keeps Google’s name', async () => {
    const chat = message();
    const outcome = await attempt(chat);
    expect(outcome).toEqual({ kind: 'sent', remoteId: expect.stringMatching(/^spaces\/AAAA\/messages\//) });
    const [stored] = storedWith(chat);
    expect(stored.name).toBe((outcome as { remoteId: string }).remoteId);
    expect(stored.body.text).toContain('<https://erp.example.com/app/issue/ISS-0042|Document link>');
  });

  it('posts a Card message that the Message schema accepts, down to the button', async () => {
    const chat = message({ format: 'Card', language: 'fr' });
    expect(await attempt(chat)).toMatchObject({ kind: 'sent' });
    const [stored] = storedWith(chat);
    const widgets = stored.body.cardsV2?.[0].card?.sections?.[0].widgets ?? [];
    expect(widgets.map((w) => w.buttonList?.buttons?.[0].onClick?.openLink?.url).filter(Boolean)).toEqual([chat.documentUrl]);
  });

  it('sends no field and no query parameter Google does not know, whatever the message', async () => {
    const messages = fc.record({
      subject: fc.string({ unit: 'grapheme', maxLength: 80 }),
      message: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }),
      documentUrl: fc.option(fc.webUrl()),
      threadKey: fc.option(fc.string({ minLength: 1, maxLength: 60 })),
      format: fc.constantFrom('Text' as const, 'Card' as const),
      language: fc.constantFrom('en' as const, 'fr' as const),
    });
    await fc.assert(
      fc.asyncProperty(messages, async (extra) => {
        const outcome = await attempt(message(extra));
        expect(outcome).toMatchObject({ kind: 'sent' });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the messages about one document in one thread', async () => {
    const sent = [];
    for (const threadKey of ['Issue/ISS-0001', 'Issue/ISS-0001', 'Issue/ISS-0002', 'Issue/ISS-0001']) {
      const chat = message({ threadKey });
      expect(await attempt(chat)).toMatchObject({ kind: 'sent' });
      sent.push(storedWith(chat)[0]);
    }
    expect(sent.map((m) => m.threadKey)).toEqual(['Issue/ISS-0001', 'Issue/ISS-0001', 'Issue/ISS-0002', 'Issue/ISS-0001']);
    expect(new Set(sent.map((m) => m.thread)).size).toBe(2);
    expect(sent[3].thread).toBe(sent[0].thread);
    expect(sent[2].thread).not.toBe(sent[0].thread);
  });

  it('counts a retry of a delivered message as sent (409 ALREADY_EXISTS), and Google keeps one copy', async () => {
    const chat = message();
    expect(await attempt(chat)).toMatchObject({ kind: 'sent' });
    expect(await attempt(chat)).toEqual({ kind: 'sent', remoteId: null });
    expect(fake.requests.at(-1)?.status).toBe(409);
    expect(storedWith(chat).length).toBe(1);
  });

  it('times out on a slow Google as a retryable failure; the retry finds the message posted and counts it sent', async () => {
    const impatient = new HttpSender({ allowPrivate: true, responseTimeoutMs: 150 });
    fake.delay(3_000);
    const chat = message();
    expect(await attempt(chat, url, impatient)).toMatchObject({ kind: 'failure', code: 'TIMEOUT', retryable: true });
    await impatient.close();
    fake.delay(0);
    expect(await attempt(chat)).toEqual({ kind: 'sent', remoteId: null });
    expect(storedWith(chat).length).toBe(1);
  });

  it('retries when the connection drops after Google posted, without posting twice', async () => {
    fake.failNext(1, { reset: true, posted: true });
    const chat = message();
    expect(await attempt(chat)).toMatchObject({ kind: 'failure', code: 'CONNECTION_RESET', retryable: true });
    expect(await attempt(chat)).toMatchObject({ kind: 'sent' });
    expect(storedWith(chat).length).toBe(1);
  });

  it('holds the destination on 403 (webhook removed) and 404 (space gone)', async () => {
    fake.revoke('AAAA');
    expect(await attempt(message())).toMatchObject({
      kind: 'broken',
      code: 'HTTP_403',
      message: expect.stringContaining('PERMISSION_DENIED'),
    });
    expect(await attempt(message(), googleChatUrl('GONE', fake.origin))).toMatchObject({
      kind: 'broken',
      code: 'HTTP_404',
      message: expect.stringContaining('NOT_FOUND'),
    });
  });

  it('holds the destination when the API key is mangled (400 API_KEY_INVALID)', async () => {
    const mangled = url.replace(/key=(AIza[^&]+)/, (_, key: string) => `key=${key.slice(0, -1)}`);
    expect(await attempt(message(), mangled)).toMatchObject({ kind: 'broken', code: 'GOOGLE_CHAT_API_KEY_INVALID' });
  });

  it('retries 429 after RetryInfo’s delay, else Retry-After, else the back-off', async () => {
    fake.failNext(1, { status: 429, retryDelaySeconds: 2.5, retryAfterSeconds: 9 });
    fake.failNext(1, { status: 429, retryAfterSeconds: 3 });
    fake.failNext(1, 429);
    expect(await attempt(message())).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 2_500 });
    expect(await attempt(message())).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: 3_000 });
    expect(await attempt(message())).toMatchObject({ kind: 'retry', code: 'HTTP_429', retryAfterMs: null });
  });

  it('retries when the space’s rate limit is hit', async () => {
    const limited = await startFakeGoogleChat({ perSpacePerMinute: 1, rateLimitHints: { retryInfo: true } });
    const limitedUrl = googleChatUrl('AAAA', limited.origin);
    try {
      expect(await attempt(message(), limitedUrl)).toMatchObject({ kind: 'sent' });
      const outcome = await attempt(message(), limitedUrl);
      expect(outcome).toMatchObject({ kind: 'retry', code: 'HTTP_429', message: expect.stringContaining('RESOURCE_EXHAUSTED') });
      const after = (outcome as { retryAfterMs: number }).retryAfterMs;
      expect(after).toBeGreaterThan(0);
      expect(after).toBeLessThanOrEqual(60_000);
    } finally {
      await limited.close();
    }
  });

  it.each([500, 502, 503, 504])('retries a %i', async (status) => {
    fake.failNext(1, status);
    expect(await attempt(message())).toMatchObject({ kind: 'retry', code: `HTTP_${status}` });
  });

  it('truncates an oversize message so that Google accepts it, Text and Card', async () => {
    const long = 'Lorem ipsum dolor sit amet. '.repeat(5_000);
    for (const format of ['Text', 'Card'] as const) {
      const chat = message({ format, message: long });
      expect(await attempt(chat)).toMatchObject({ kind: 'sent' });
      const body = storedWith(chat)[0].body;
      const shown = format === 'Text' ? body.text! : body.cardsV2![0].card!.sections![0].widgets![0].textParagraph!.text!;
      expect(shown).toContain(LABELS.en.truncated);
    }
  });

  // Escaping grows a message: these found the adapter measuring the text before escaping it.
  // Text: the text fits in 32,000 bytes but its JSON (\n, \") does not. The fake measures the request
  // body, a conservative stand-in: Google does not document whether it counts the escapes.
  it('truncates a Text message made of characters JSON escapes to fit in a 32,000-byte body', async () => {
    expect(await attempt(message({ message: 'line\n"quoted"\n'.repeat(4_000) }))).toMatchObject({ kind: 'sent' });
  });
  // Card: HTML escaping (&amp; is 5 bytes, <br> 4) takes the card text itself past 32,000 bytes.
  it('truncates a Card message made of characters HTML escapes (<, >, &, newlines) to fit', async () => {
    expect(await attempt(message({ format: 'Card', message: '<b> & </b>\n'.repeat(3_000) }))).toMatchObject({ kind: 'sent' });
  });

  it('never reports the webhook’s token or key in an outcome or failure message', () => {
    expect(reported.length).toBeGreaterThan(10);
    const key = new URL(url).searchParams.get('key')!;
    const secrets = [key, SPACES.AAAA, 'fake-token-AAAA%3D', 'fake-token-GONE'];
    for (const text of reported) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
