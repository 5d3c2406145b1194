// The Google Chat fake itself: Google's answers, the schema check, idempotency, threads, limits and faults.
import { afterEach, describe, expect, it } from 'vitest';
import { chatSchemas, startFakeGoogleChat, type FakeGoogleChat } from './fake-google-chat.ts';
import { googleChatUrl } from './fixtures.ts';

let fake: FakeGoogleChat | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: Parameters<typeof startFakeGoogleChat>[0] = {}): Promise<FakeGoogleChat> {
  fake = await startFakeGoogleChat(options);
  return fake;
}

/** POSTs `body` (an object as JSON, a string as it is) to a space's webhook URL plus `extra` query text. */
async function post(space: string, body: unknown, extra = '', url = googleChatUrl(space, fake!.origin)) {
  const response = await fetch(`${url}${extra}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // HTML pages stay text
  }
  return { status: response.status, headers: response.headers, text, json };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the Chat API schema read from @googleapis/chat', () => {
  it('knows Message fields and the types they nest, down to card widgets', () => {
    const schemas = chatSchemas();
    expect(schemas.get('Message')?.get('text')).toEqual({ kind: 'string' });
    expect(schemas.get('Message')?.get('cardsV2')).toEqual({ kind: 'list', of: { kind: 'message', schema: 'CardWithId' } });
    expect(schemas.get('Message')?.get('thread')).toEqual({ kind: 'message', schema: 'Thread' });
    expect([...schemas.get('Thread')!.keys()].sort()).toEqual(['name', 'threadKey']);
    expect(schemas.get('CardWithId')?.get('card')).toEqual({ kind: 'message', schema: 'GoogleAppsCardV1Card' });
    expect(schemas.get('GoogleAppsCardV1Widget')?.get('buttonList')).toEqual({ kind: 'message', schema: 'GoogleAppsCardV1ButtonList' });
    expect(schemas.get('CommonEventObject')?.get('formInputs')).toEqual({ kind: 'map', of: { kind: 'message', schema: 'Inputs' } });
    expect(chatSchemas()).toBe(schemas); // read once
  });
});

describe('fake Google Chat', () => {
  it('answers a valid message with the Message resource and keeps it', async () => {
    await start();
    const res = await post('AAAA', { text: 'Hello', thread: { threadKey: 'k1' } }, '&messageId=client-abc');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: expect.stringMatching(/^spaces\/AAAA\/messages\/\S+$/),
      text: 'Hello',
      thread: { name: expect.stringMatching(/^spaces\/AAAA\/threads\//) },
      space: { name: 'spaces/AAAA' },
      clientAssignedMessageId: 'client-abc',
      createTime: expect.any(String),
    });
    // No messageReplyOption: Google starts a new thread and ignores the key.
    expect(res.json.thread.threadKey).toBeUndefined();
    expect(fake!.messages).toMatchObject([
      { space: 'AAAA', name: res.json.name, body: { text: 'Hello' }, messageId: 'client-abc', threadKey: null },
    ]);
  });

  it('refuses unknown fields anywhere in the message, the way Google words it, and keeps nothing', async () => {
    await start();
    const card = { cardId: 'c', card: { sections: [{ widgets: [{ textParagraph: { text: 'x', colour: 'red' } }] }] } };
    const res = await post('AAAA', { text: 'x', foo: 1, cardsV2: [card] });
    expect(res.status).toBe(400);
    expect(res.json.error.status).toBe('INVALID_ARGUMENT');
    expect(res.json.error.message).toBe(
      [
        `Invalid JSON payload received. Unknown name "foo" at 'message': Cannot find field.`,
        `Invalid JSON payload received. Unknown name "colour" at 'message.cards_v2[0].card.sections[0].widgets[0].text_paragraph': Cannot find field.`,
      ].join('\n'),
    );
    expect(res.json.error.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: 'message' }, { field: 'message.cards_v2[0].card.sections[0].widgets[0].text_paragraph' }],
    });
    const wrongKind = await post('AAAA', { text: 'x', thread: 'k', cardsV2: {} });
    expect(wrongKind.json.error.message).toContain(`Invalid value at 'message.thread' (type.googleapis.com/google.chat.v1.Thread), "k"`);
    expect(wrongKind.json.error.message).toContain(`Invalid value at 'message.cards_v2'`);
    expect(fake!.messages).toEqual([]);
    // Proto JSON takes a field's proto name too, and null for any field.
    expect((await post('AAAA', { text: 'x', thread: { thread_key: 'k' }, cardsV2: null })).status).toBe(200);
  });

  it('refuses invalid JSON, an empty message, an oversize body and unknown query parameters', async () => {
    await start();
    expect((await post('AAAA', '{"text": ')).json.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'Invalid JSON payload received. Unexpected token.',
    });
    expect((await post('AAAA', { thread: { threadKey: 'k' } })).json.error.message).toMatch(/Message cannot be empty/);
    const big = await post('AAAA', { text: 'x'.repeat(32_000) });
    expect([big.status, big.json.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    expect(big.json.error.message).toMatch(/at most 32000 bytes/);
    expect((await post('AAAA', { text: 'x'.repeat(31_900) })).status).toBe(200);
    const param = await post('AAAA', { text: 'x' }, '&threadkey=abc');
    expect([param.status, param.json.error.message]).toEqual([
      400,
      expect.stringMatching(/Unknown name "threadkey": Cannot bind query parameter/),
    ]);
    expect((await post('AAAA', { text: 'x' }, '&messageId=NOT-client')).status).toBe(400);
    expect((await post('AAAA', { text: 'x' }, '&messageReplyOption=ALWAYS')).status).toBe(400);
  });

  it('answers a malformed API key with API_KEY_INVALID and a missing one with 403', async () => {
    await start();
    const url = googleChatUrl('AAAA', fake!.origin);
    const res = await post('AAAA', { text: 'x' }, '', url.replace(/key=AIza/, 'key=AIzb'));
    expect(res.json).toMatchObject({
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }, expect.anything()],
      },
    });
    expect((await post('AAAA', { text: 'x' }, '', url.replace(/key=[^&]+&/, ''))).json.error.status).toBe('PERMISSION_DENIED');
  });

  it('checks tokens per space, forgets a revoked webhook, and knows only its spaces when strict', async () => {
    await start({ spaces: { AAAA: 'fake-token-AAAA=' }, strict: true });
    expect((await post('AAAA', { text: 'x' })).status).toBe(200);
    const wrong = await post('AAAA', { text: 'x' }, '', googleChatUrl('AAAA', fake!.origin).replace('%3D', 'x%3D'));
    expect([wrong.status, wrong.json.error.status]).toEqual([403, 'PERMISSION_DENIED']);
    fake!.revoke('AAAA');
    expect((await post('AAAA', { text: 'x' })).json.error.status).toBe('PERMISSION_DENIED');
    fake!.setToken('AAAA', 'fake-token-AAAA=');
    expect((await post('AAAA', { text: 'x' })).status).toBe(200);
    const unknown = await post('ZZZZ', { text: 'x' });
    expect([unknown.status, unknown.json.error.status]).toEqual([404, 'NOT_FOUND']);
    expect((await post('AAAA', { text: 'x' }, '', `${fake!.origin}/v1/spaces/AAAA/members`)).status).toBe(404);
  });

  it('refuses a messageId already used in the space with 409, and returns the same message for a repeated requestId', async () => {
    await start();
    expect((await post('AAAA', { text: 'one' }, '&messageId=client-1')).status).toBe(200);
    const again = await post('AAAA', { text: 'one' }, '&messageId=client-1');
    expect([again.status, again.json.error.status]).toEqual([409, 'ALREADY_EXISTS']);
    expect((await post('BBBB', { text: 'one' }, '&messageId=client-1')).status).toBe(200);
    const first = await post('AAAA', { text: 'two' }, '&requestId=r-1');
    const second = await post('AAAA', { text: 'two, changed' }, '&requestId=r-1');
    expect(second.json.name).toBe(first.json.name);
    expect(fake!.messages.map((m) => [m.space, m.body.text])).toEqual([
      ['AAAA', 'one'],
      ['BBBB', 'one'],
      ['AAAA', 'two'],
    ]);
  });

  it('threads messages by threadKey when asked to reply, as Google does', async () => {
    await start();
    const reply = '&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';
    const a1 = await post('AAAA', { text: '1', thread: { threadKey: 'doc-1' } }, reply);
    const a2 = await post('AAAA', { text: '2', thread: { threadKey: 'doc-1' } }, reply);
    const b1 = await post('AAAA', { text: '3', thread: { threadKey: 'doc-2' } }, reply);
    expect(a1.json.thread).toEqual({ name: a2.json.thread.name, threadKey: 'doc-1' });
    expect(b1.json.thread.name).not.toBe(a1.json.thread.name);
    const other = await post('BBBB', { text: '4', thread: { threadKey: 'doc-1' } }, reply);
    expect(other.json.thread.name).toMatch(/^spaces\/BBBB\//);
    const byName = await post('AAAA', { text: '5', thread: { name: a1.json.thread.name } }, reply);
    expect(byName.json.thread.name).toBe(a1.json.thread.name);
    const missing = await post(
      'AAAA',
      { text: '6', thread: { name: 'spaces/AAAA/threads/nope' } },
      '&messageReplyOption=REPLY_MESSAGE_OR_FAIL',
    );
    expect(missing.status).toBe(404);
    const inThread = fake!.messages.filter((m) => m.thread === a1.json.thread.name).map((m) => m.body.text);
    expect(inThread).toEqual(['1', '2', '5']);
  });

  it('limits each space per minute when asked, with or without hints in the 429', async () => {
    await start({ perSpacePerMinute: 2 });
    expect((await post('AAAA', { text: '1' })).status).toBe(200);
    expect((await post('AAAA', { text: '2' })).status).toBe(200);
    const limited = await post('AAAA', { text: '3' });
    expect([limited.status, limited.json.error.status, limited.json.error.details, limited.headers.get('retry-after')]).toEqual([
      429,
      'RESOURCE_EXHAUSTED',
      undefined,
      null,
    ]);
    expect((await post('BBBB', { text: '1' })).status).toBe(200);
    await fake!.close();

    await start({ perSpacePerMinute: 1, rateLimitHints: { retryInfo: true, retryAfterHeader: true } });
    await post('AAAA', { text: '1' });
    const hinted = await post('AAAA', { text: '2' });
    const delay = hinted.json.error.details[0];
    expect(delay['@type']).toBe('type.googleapis.com/google.rpc.RetryInfo');
    expect(parseFloat(delay.retryDelay)).toBeGreaterThan(0);
    expect(parseFloat(delay.retryDelay)).toBeLessThanOrEqual(60);
    expect(Number(hinted.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(fake!.messages.length).toBe(1);
  });

  it('fails the next requests as scripted: statuses, hints, HTML 502, resets, and answers lost after posting', async () => {
    await start();
    fake!.failNext(1, { status: 429, retryDelaySeconds: 2.5, retryAfterSeconds: 3 });
    fake!.failNext(1, 502);
    fake!.failNext(1, { reset: true });
    fake!.failNext(1, { status: 503, posted: true });
    const limited = await post('AAAA', { text: 'x' });
    expect(limited.json.error.details).toEqual([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2.500s' }]);
    expect(limited.headers.get('retry-after')).toBe('3');
    const html = await post('AAAA', { text: 'x' });
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html; charset=UTF-8']);
    await expect(post('AAAA', { text: 'x' })).rejects.toThrow();
    expect(fake!.messages.length).toBe(0);
    const lost = await post('AAAA', { text: 'posted' }, '&messageId=client-lost');
    expect([lost.status, lost.json.error.status]).toEqual([503, 'UNAVAILABLE']);
    expect(fake!.messages.map((m) => m.body.text)).toEqual(['posted']);
    expect((await post('AAAA', { text: 'posted' }, '&messageId=client-lost')).status).toBe(409);
  });

  it('fails a seeded share of the requests with Google envelopes, the same ones for the same seed', async () => {
    const run = async () => {
      await start();
      fake!.failRate({ rate: 0.3, statuses: [500, 503, 429], retryDelaySeconds: 1, seed: 7 });
      const answers = [];
      for (let i = 0; i < 30; i++) answers.push(await post('AAAA', { text: String(i) }));
      await fake!.close();
      fake = null;
      return answers;
    };
    const first = await run();
    expect((await run()).map((a) => a.status)).toEqual(first.map((a) => a.status));
    const failed = first.filter((a) => a.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(30);
    for (const answer of failed) {
      const status = { 500: 'INTERNAL', 503: 'UNAVAILABLE', 429: 'RESOURCE_EXHAUSTED' }[answer.status];
      expect(answer.json.error.status).toBe(status);
      if (answer.status !== 500) expect(answer.json.error.details[0].retryDelay).toBe('1.000s');
    }
  });

  it('handles a slow request on arrival and answers it late', async () => {
    await start();
    fake!.delay(5_000);
    const slow = post('AAAA', { text: 'slow' }).then(
      () => 'answered',
      () => 'dropped',
    );
    await fake!.waitFor(1);
    expect(fake!.messages.map((m) => m.body.text)).toEqual(['slow']);
    expect(fake!.requests[0].status).toBeNull();
    await fake!.close(); // cancels the late answer instead of waiting for it
    fake = null;
    expect(await slow).toBe('dropped');
  });

  it('records arrivals per space, so that a pause between requests can be checked from the order and a lower bound', async () => {
    await start();
    for (let i = 0; i < 3; i++) {
      await post('AAAA', { text: `a${i}` });
      await post('BBBB', { text: `b${i}` });
      await sleep(20);
    }
    const inA = fake!.requestsTo('AAAA');
    expect(inA.map((r) => JSON.parse(r.body).text)).toEqual(['a0', 'a1', 'a2']);
    expect(fake!.arrivals('AAAA')).toEqual(inA.map((r) => r.receivedAt));
    // The client waited for each answer and then slept 20 ms: the next arrival cannot come sooner.
    // (setTimeout may fire up to 1 ms early against performance.now.)
    for (let i = 1; i < inA.length; i++) expect(inA[i].receivedAt - inA[i - 1].answeredAt!).toBeGreaterThanOrEqual(19);
  });
});
