// The sender against real HTTP servers on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSender } from './http-sender.ts';

let server: http.Server;
let base = '';
const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow')) return; // never answers
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      if (req.url?.startsWith('/big')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(200_000));
        return;
      }
      res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' }).end('{"error":"slow down"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('HttpSender', () => {
  it('posts the body and headers byte for byte and returns the answer with its headers', async () => {
    const sender = new HttpSender({ allowPrivate: true });
    const url = `${base}/v1/spaces/AAAA/messages?key=k&token=abc%3D&messageId=client-1`;
    const result = await sender.send({ url, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{"text":"é"}' });
    await sender.close();
    expect(result).toMatchObject({ kind: 'answer', answer: { status: 429, body: '{"error":"slow down"}' } });
    if (result.kind === 'answer') expect(result.answer.headers['retry-after']).toBe('3');
    const last = received.at(-1)!;
    expect(last.url).toBe('/v1/spaces/AAAA/messages?key=k&token=abc%3D&messageId=client-1');
    expect(last.body).toBe('{"text":"é"}');
    expect(last.headers['content-type']).toBe('application/json; charset=UTF-8');
  });

  it('sends a GET, without a body, when the request says so', async () => {
    const sender = new HttpSender({ allowPrivate: true });
    const result = await sender.send({
      method: 'GET',
      url: `${base}/sms?to=%2B33612345678&text=Hi`,
      headers: { accept: '*/*' },
      body: 'ignored',
    });
    await sender.close();
    expect(result).toMatchObject({ kind: 'answer', answer: { status: 429 } });
    expect(received.at(-1)).toMatchObject({ method: 'GET', url: '/sms?to=%2B33612345678&text=Hi', body: '' });
    expect(received.at(-1)!.headers['content-length']).toBeUndefined();
  });

  it('refuses loopback and private destinations unless allowed, before connecting', async () => {
    const sender = new HttpSender({ allowPrivate: false });
    const before = received.length;
    const result = await sender.send({ url: `${base}/x`, headers: {}, body: '{}' });
    expect(result).toMatchObject({ kind: 'failure', code: 'FORBIDDEN_ADDRESS', retryable: false });
    const named = await sender.send({ url: `${base.replace('127.0.0.1', 'localhost')}/x`, headers: {}, body: '{}' });
    expect(named).toMatchObject({ kind: 'failure', code: 'FORBIDDEN_ADDRESS', retryable: false });
    expect(received.length).toBe(before);
    await sender.close();
  });

  it('times out a server that never answers, as a retryable failure without the URL in the message', async () => {
    const sender = new HttpSender({ allowPrivate: true, responseTimeoutMs: 200 });
    const result = await sender.send({ url: `${base}/slow?token=secret-token`, headers: {}, body: '{}' });
    await sender.close();
    expect(result).toMatchObject({ kind: 'failure', code: 'TIMEOUT', retryable: true });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('reports a refused connection as retryable, does not follow redirects, and keeps only the start of a big answer', async () => {
    const sender = new HttpSender({ allowPrivate: true, maxResponseBytes: 1000 });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await sender.send({ url: `http://127.0.0.1:${port}/x`, headers: {}, body: '{}' })).toMatchObject({
      kind: 'failure',
      code: 'CONNECTION_REFUSED',
      retryable: true,
    });
    const redirect = await sender.send({ url: `${base}/redirect`, headers: {}, body: '{}' });
    expect(redirect).toMatchObject({ kind: 'answer', answer: { status: 302 } });
    expect(await sender.send({ url: 'not a url', headers: {}, body: '{}' })).toMatchObject({
      kind: 'failure',
      code: 'INVALID_URL',
      retryable: false,
    });
    const big = await sender.send({ url: `${base}/big`, headers: {}, body: '{}' });
    expect(big.kind === 'answer' && big.answer.body.length).toBe(1000);
    await sender.close();
  });
});
