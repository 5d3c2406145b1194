/**
 * A loopback HTTP server that records every request and answers as scripted: for the channel contract
 * suite (Slack, Discord, Teams…), fault tests and the delivery bench. Kept cheap per request: no
 * logging, bodies kept as strings. The fault scripting (`failRate`) is shared with the Google Chat fake.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived. `receivedAt` is `performance.now()` once the body is read (monotonic ms). */
export interface SinkRequest {
  method: string;
  /** Path and query, as sent (not decoded). */
  url: string;
  /** Lower-case names, as Node gives them. */
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Size of the body in bytes, as received. */
  bytes: number;
  receivedAt: number;
  /** The status answered, or null while the answer is pending or when the connection was reset. */
  status: number | null;
  /**
   * When the answer was written (`performance.now()`), or null. A client that waits for an answer
   * cannot send its next request earlier, so `next.receivedAt - previous.answeredAt` is a lower bound
   * of its pause that a busy machine cannot shrink (the gap between two arrivals can be shrunk: the
   * first request may reach the server late).
   */
  answeredAt: number | null;
}

/** An answer. `reset` destroys the connection instead of answering (a network failure for the client). */
export interface SinkAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Waits this long before answering (the request is recorded at once). */
  delayMs?: number;
  reset?: boolean;
}

export type SinkHandler = (request: SinkRequest) => SinkAnswer | Promise<SinkAnswer>;

/** Fails a share of the requests, picked by a seeded PRNG so that a run can be replayed. */
export interface FailRate {
  /** Share of the requests to fail, 0 to 1. */
  rate: number;
  /** The failing statuses, picked at random among these. */
  statuses: number[];
  /** Adds `Retry-After: <seconds>` to the failures. */
  retryAfterSeconds?: number;
  seed?: number;
}

/** mulberry32: a small deterministic PRNG, enough to pick failures reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The status to fail the next request with, or null to let it through; one PRNG draw per call (two when failing). */
export function failRatePicker(options: FailRate): () => number | null {
  if (options.statuses.length === 0) throw new Error('failRate: give at least one status');
  const random = seededRandom(options.seed ?? 1);
  return () => {
    if (random() >= options.rate) return null;
    return options.statuses[Math.floor(random() * options.statuses.length)];
  };
}

/** The smallest gap between two consecutive times (ms), or Infinity for fewer than two. */
export function minSpacingMs(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let min = Infinity;
  for (let i = 1; i < sorted.length; i++) min = Math.min(min, sorted[i] - sorted[i - 1]);
  return min;
}

/** A started server on 127.0.0.1 and a random port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Stops listening, drops open and keep-alive connections, and cancels delayed answers. */
  close(): Promise<void>;
}

/**
 * Starts `handler` on 127.0.0.1:0. Connections are tracked so that `close` never waits for a
 * client's keep-alive socket, and pending timers so that a delayed answer never outlives the server.
 */
export async function listenOnLoopback(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, timers: Set<NodeJS.Timeout>) => void,
): Promise<LoopbackServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => handler(req, res, timers));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a request's body; resolves with the text and its size in bytes. */
export function readBody(req: http.IncomingMessage): Promise<{ body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      resolve({ body: raw.toString('utf8'), bytes: raw.length });
    });
    req.on('error', reject);
  });
}

/** Writes `answer` after its delay (or `defaultDelayMs`), recording the status on `request`. */
export function sendAnswer(
  res: http.ServerResponse,
  request: SinkRequest,
  answer: SinkAnswer,
  defaultDelayMs: number,
  timers: Set<NodeJS.Timeout>,
): void {
  const write = () => {
    if (answer.reset) {
      res.socket?.destroy();
      return;
    }
    const status = answer.status ?? 200;
    request.status = status;
    request.answeredAt = performance.now();
    res.writeHead(status, answer.headers ?? { 'content-type': 'text/plain' }).end(answer.body ?? '');
  };
  const delayMs = answer.delayMs ?? defaultDelayMs;
  if (delayMs <= 0) return write();
  const timer = setTimeout(() => {
    timers.delete(timer);
    write();
  }, delayMs);
  timers.add(timer);
}

export interface WebhookSinkOptions {
  /** How requests are answered when nothing is queued or failed by `failRate`; 200 `ok` by default. */
  answer?: SinkAnswer | SinkHandler;
}

export interface WebhookSink extends LoopbackServer {
  /** Every request received, in arrival order (until `clear`). */
  readonly requests: SinkRequest[];
  /** Sets how requests are answered from now on (see `WebhookSinkOptions.answer`). */
  answerWith(answer: SinkAnswer | SinkHandler): void;
  /** Queues answers for the next requests, one each, before any other rule. */
  enqueue(...answers: SinkAnswer[]): void;
  /** The next `count` requests get `answer` (a status, or a whole answer). */
  failNext(count: number, answer: number | SinkAnswer): void;
  /** From now on, fails a share of the requests (after the queue); `null` stops. */
  failRate(options: FailRate | null): void;
  /** Delays every answer by `ms` from now on (0 to stop); an answer's own `delayMs` wins. */
  delay(ms: number): void;
  /** Resolves with the requests once `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
  /** Forgets the requests received so far (the scripting stays). */
  clear(): void;
}

const OK: SinkAnswer = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };

/** A recording HTTP server on 127.0.0.1 that answers 200 `ok` unless scripted otherwise. */
export async function startWebhookSink(options: WebhookSinkOptions = {}): Promise<WebhookSink> {
  let requests: SinkRequest[] = [];
  let handler: SinkAnswer | SinkHandler = options.answer ?? OK;
  let queue: SinkAnswer[] = [];
  let pickFailure: (() => number | null) | null = null;
  let failure: FailRate | null = null;
  let delayMs = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];

  const answerFor = async (request: SinkRequest): Promise<SinkAnswer> => {
    const queued = queue.shift();
    if (queued) return queued;
    const status = pickFailure?.() ?? null;
    if (status !== null) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (failure?.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
      return { status, headers, body: http.STATUS_CODES[status] ?? 'error' };
    }
    return typeof handler === 'function' ? handler(request) : handler;
  };

  const server = await listenOnLoopback((req, res, timers) => {
    readBody(req).then(
      async ({ body, bytes }) => {
        const request: SinkRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          bytes,
          receivedAt: performance.now(),
          status: null,
          answeredAt: null,
        };
        requests.push(request);
        if (waiters.length > 0) {
          const ready = waiters.filter((w) => requests.length >= w.count);
          waiters = waiters.filter((w) => requests.length < w.count);
          for (const waiter of ready) waiter.resolve();
        }
        let answer: SinkAnswer;
        try {
          answer = await answerFor(request);
        } catch (error) {
          answer = { status: 500, body: `webhook sink handler failed: ${(error as Error).message}` };
        }
        sendAnswer(res, request, answer, delayMs, timers);
      },
      () => res.socket?.destroy(),
    );
  });

  return {
    ...server,
    get requests() {
      return requests;
    },
    answerWith(answer) {
      handler = answer;
    },
    enqueue(...answers) {
      queue.push(...answers);
    },
    failNext(count, answer) {
      const scripted = typeof answer === 'number' ? { status: answer, body: http.STATUS_CODES[answer] ?? 'error' } : answer;
      for (let i = 0; i < count; i++) queue.push(scripted);
    },
    failRate(options) {
      failure = options;
      pickFailure = options ? failRatePicker(options) : null;
    },
    delay(ms) {
      delayMs = ms;
    },
    waitFor(count, timeoutMs = 5_000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise<SinkRequest[]>((resolve, reject) => {
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`webhook sink: waited ${timeoutMs} ms for ${count} request(s), ${requests.length} arrived`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    clear() {
      requests = [];
    },
  };
}
