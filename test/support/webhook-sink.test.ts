// The webhook sink itself: what it records, how it answers, and its fault scripting.
import { afterEach, describe, expect, it } from 'vitest';
import { failRatePicker, minSpacingMs, startWebhookSink, type WebhookSink } from './webhook-sink.ts';

let sink: WebhookSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

const post = (url: string, body = '{}', headers: Record<string, string> = {}) => fetch(url, { method: 'POST', body, headers });

describe('webhook sink', () => {
  it('records method, path and query, headers and the raw body, and answers 200 ok by default', async () => {
    sink = await startWebhookSink();
    const response = await post(`${sink.origin}/hooks/T0/B0/xyz?wait=true&a=%3D`, '{"text":"é"}', { 'x-signature': 'v1,abc' });
    expect([response.status, await response.text()]).toEqual([200, 'ok']);
    const [request] = sink.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/hooks/T0/B0/xyz?wait=true&a=%3D',
      body: '{"text":"é"}',
      bytes: 13,
      status: 200,
    });
    expect(request.headers['x-signature']).toBe('v1,abc');
    expect(request.answeredAt).toBeGreaterThanOrEqual(request.receivedAt);
  });

  it('answers queued answers first, then the handler', async () => {
    sink = await startWebhookSink({ answer: (request) => ({ status: 202, body: `seen ${request.url}` }) });
    sink.enqueue({ status: 429, headers: { 'retry-after': '2' }, body: 'slow down' });
    sink.failNext(1, 503);
    const first = await post(`${sink.origin}/a`);
    expect([first.status, first.headers.get('retry-after'), await first.text()]).toEqual([429, '2', 'slow down']);
    expect((await post(`${sink.origin}/b`)).status).toBe(503);
    const third = await post(`${sink.origin}/c`);
    expect([third.status, await third.text()]).toEqual([202, 'seen /c']);
    sink.answerWith({ status: 204 });
    expect((await post(`${sink.origin}/d`)).status).toBe(204);
    expect(sink.requests.map((r) => r.status)).toEqual([429, 503, 202, 204]);
  });

  it('answers late when told, and can drop the connection instead of answering', async () => {
    sink = await startWebhookSink();
    sink.enqueue({ reset: true });
    await expect(post(`${sink.origin}/reset`)).rejects.toThrow();
    expect(sink.requests[0].status).toBeNull();
    sink.delay(5_000);
    const slow = post(`${sink.origin}/slow`, '{}').then(
      () => 'answered',
      () => 'gave up',
    );
    await sink.waitFor(2);
    // The request is recorded as soon as it arrives, long before its answer.
    expect(sink.requests[1]).toMatchObject({ url: '/slow', status: null });
    await sink.close(); // drops the pending answer instead of waiting 5 s
    sink = null;
    expect(await slow).toBe('gave up');
  });

  it('waitFor resolves once enough requests arrived, and rejects with the count after its timeout', async () => {
    sink = await startWebhookSink();
    const waiting = sink.waitFor(3, 5_000);
    await Promise.all([1, 2, 3].map((i) => post(`${sink!.origin}/${i}`)));
    expect((await waiting).length).toBe(3);
    await expect(sink.waitFor(4, 50)).rejects.toThrow('webhook sink: waited 50 ms for 4 request(s), 3 arrived');
    sink.clear();
    expect(sink.requests).toEqual([]);
  });

  it('fails a seeded share of the requests, the same ones on every run', async () => {
    sink = await startWebhookSink();
    sink.failRate({ rate: 0.3, statuses: [500, 503, 429], retryAfterSeconds: 1, seed: 42 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const response = await post(`${sink.origin}/${i}`);
      statuses.push(response.status);
      if (response.status !== 200) expect(response.headers.get('retry-after')).toBe('1');
    }
    const pick = failRatePicker({ rate: 0.3, statuses: [500, 503, 429], seed: 42 });
    expect(statuses).toEqual(Array.from({ length: 40 }, () => pick() ?? 200));
    const failed = statuses.filter((s) => s !== 200).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(40);
    sink.failRate(null);
    expect((await post(`${sink.origin}/after`)).status).toBe(200);
  });

  it('minSpacingMs gives the smallest gap between consecutive times', () => {
    expect(minSpacingMs([10, 40, 25, 100])).toBe(15);
    expect(minSpacingMs([5])).toBe(Infinity);
  });
});
