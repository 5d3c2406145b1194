/**
 * Posts adapters' requests: one keep-alive undici Agent, connect and response timeouts, no redirects
 * followed, a cap on the response kept, and the SSRF guard at connect time (every address a name
 * resolves to is checked when the socket opens, so a DNS answer changed after the save cannot reach
 * a private network). Errors never carry the URL: it holds the webhook's secret.
 */
import dns from 'node:dns';
import net from 'node:net';
import { Agent, request } from 'undici';
import type { HttpAnswer, OutboundRequest } from '../channels/channel-types.ts';
import { Text, tr, verbatim } from '../i18n/text.ts';
import { nonPublicRange } from './address-guard.ts';

export interface HttpSenderOptions {
  /** RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
  allowPrivate: boolean;
  connectTimeoutMs?: number;
  /** Time allowed for the answer's headers, then for its body. */
  responseTimeoutMs?: number;
  /** Response bytes kept (the rest is read and dropped). */
  maxResponseBytes?: number;
}

/** An answer, or why there was none (`retryable` false: the destination may not be reached at all). */
export type SendResult =
  | { kind: 'answer'; answer: HttpAnswer; latencyMs: number }
  | { kind: 'failure'; code: string; message: Text; retryable: boolean; latencyMs: number };

const FORBIDDEN = 'RELAIS_FORBIDDEN_ADDRESS';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** The guard's refusal: the error a lookup fails with, carrying its reason in words. */
type ForbiddenError = NodeJS.ErrnoException & { text: Text };

/** `dns.lookup` that refuses non-public addresses (net.connect calls it for every host name). */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => nonPublicRange(a.address));
    if (bad) {
      const text = tr`${hostname} resolves to ${bad.address}, a ${nonPublicRange(bad.address)} address`;
      const error = Object.assign(new Error(String(text)), { code: FORBIDDEN, text }) as ForbiddenError;
      return callback(error, []);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

const TRANSIENT_CODES: Record<string, string> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  ENOTFOUND: 'DNS_NOT_FOUND',
  EAI_AGAIN: 'DNS_TEMPORARY_FAILURE',
  ETIMEDOUT: 'TIMEOUT',
  EHOSTUNREACH: 'HOST_UNREACHABLE',
  ENETUNREACH: 'NETWORK_UNREACHABLE',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  UND_ERR_CLOSED: 'CONNECTION_RESET',
};

/** What a failure without an answer was, in words (`connection refused (ECONNREFUSED)`). */
const FAILURE_WORDS: Record<string, Text> = {
  CONNECTION_REFUSED: tr`connection refused`,
  CONNECTION_RESET: tr`connection reset`,
  DNS_NOT_FOUND: tr`dns not found`,
  DNS_TEMPORARY_FAILURE: tr`dns temporary failure`,
  TIMEOUT: tr`timeout`,
  HOST_UNREACHABLE: tr`host unreachable`,
  NETWORK_UNREACHABLE: tr`network unreachable`,
  NETWORK_ERROR: tr`network error`,
};

/** The first error of `error`'s cause chain that has a string `code`. */
function codedError(error: unknown): { code: string; text?: unknown } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof (current as { code?: unknown }).code === 'string') return current as { code: string };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export class HttpSender {
  private readonly agent: Agent;
  private readonly responseTimeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: HttpSenderOptions) {
    this.responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connect: { timeout: options.connectTimeoutMs ?? 5_000, ...(options.allowPrivate ? {} : { lookup: guardedLookup }) },
    });
  }

  async send(outbound: OutboundRequest): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    let host: string;
    try {
      host = new URL(outbound.url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return { kind: 'failure', code: 'INVALID_URL', message: tr`the webhook URL is not a URL`, retryable: false, latencyMs: 0 };
    }
    // An address in the URL itself never goes through the lookup.
    const literalRange = !this.options.allowPrivate && net.isIP(host) ? nonPublicRange(host) : null;
    if (literalRange) {
      return {
        kind: 'failure',
        code: 'FORBIDDEN_ADDRESS',
        message: tr`${host} is a ${literalRange} address`,
        retryable: false,
        latencyMs: 0,
      };
    }
    try {
      const response = await request(outbound.url, {
        method: outbound.method ?? 'POST',
        headers: outbound.headers,
        body: outbound.method === 'GET' ? null : outbound.body,
        dispatcher: this.agent,
        headersTimeout: this.responseTimeoutMs,
        bodyTimeout: this.responseTimeoutMs,
      });
      const body = await this.readCapped(response.body);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(response.headers))
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      return { kind: 'answer', answer: { status: response.statusCode, headers, body }, latencyMs: latency() };
    } catch (error) {
      const coded = codedError(error);
      const raw = coded?.code ?? 'UNKNOWN';
      if (raw === FORBIDDEN) {
        const text = coded?.text instanceof Text ? coded.text : verbatim((error as Error).message);
        return { kind: 'failure', code: 'FORBIDDEN_ADDRESS', message: text, retryable: false, latencyMs: latency() };
      }
      const code = TRANSIENT_CODES[raw] ?? 'NETWORK_ERROR';
      return { kind: 'failure', code, message: tr`${FAILURE_WORDS[code]} (${raw})`, retryable: true, latencyMs: latency() };
    }
  }

  /** The body as text, at most `maxResponseBytes` of it; the rest is drained so the socket can be reused. */
  private async readCapped(body: AsyncIterable<Uint8Array>): Promise<string> {
    const chunks: Buffer[] = [];
    let kept = 0;
    for await (const chunk of body) {
      if (kept >= this.maxResponseBytes) continue;
      const piece = Buffer.from(chunk).subarray(0, this.maxResponseBytes - kept);
      chunks.push(piece);
      kept += piece.length;
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
