import type { UrlCheckOptions, UrlVerdict } from './channel-types.ts';

/** The URL parsed, or the reason it is not one. */
export function parseUrl(raw: string): URL | string {
  if (raw !== raw.trim()) return 'remove the spaces around the URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'this is not a URL';
  }
  if (url.username || url.password) return 'a webhook URL must not carry a user name or password before the host';
  if (url.hash) return 'a webhook URL has no #fragment';
  return url;
}

/** A loopback host, as the tests' fake services use under RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export const ok: UrlVerdict = { ok: true };
export const bad = (reason: string): UrlVerdict => ({ ok: false, reason });

/** The query parameters of `url` other than `allowed`. */
export function unexpectedParams(url: URL, allowed: readonly string[]): string[] {
  return [...new Set([...url.searchParams.keys()].filter((key) => !allowed.includes(key)))];
}

/**
 * The scheme a self-hosted service (Zulip, ntfy, a generic webhook) may use: https, or plain http under
 * RELAIS_ALLOW_PRIVATE_WEBHOOKS (a server on a private network, a test server).
 */
export function isAllowedSelfHostedScheme(url: URL, options: UrlCheckOptions): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && options.allowPrivate);
}
