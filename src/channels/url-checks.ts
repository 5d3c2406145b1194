import { tr, type Text } from '../i18n/text.ts';
import type { UrlCheckOptions, UrlVerdict } from './channel-types.ts';

/** The URL parsed, or the reason it is not one. */
export function parseUrl(raw: string): URL | Text {
  if (raw !== raw.trim()) return tr`remove the spaces around the URL`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return tr`this is not a URL`;
  }
  if (url.username || url.password) return tr`a webhook URL must not carry a user name or password before the host`;
  if (url.hash) return tr`a webhook URL has no #fragment`;
  return url;
}

/** A loopback host, as the tests' fake services use under RELAIS_ALLOW_PRIVATE_WEBHOOKS. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export const ok: UrlVerdict = { ok: true };
export const bad = (reason: Text): UrlVerdict => ({ ok: false, reason });

/** The query parameters of `url` other than `allowed`. */
export function unexpectedParams(url: URL, allowed: readonly string[]): string[] {
  return [...new Set([...url.searchParams.keys()].filter((key) => !allowed.includes(key)))];
}

/** Parameter names quoted for a reason: `"a", "b"`. */
export const quotedList = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/**
 * The scheme a self-hosted service (Zulip, ntfy, a generic webhook) may use: https, or plain http under
 * RELAIS_ALLOW_PRIVATE_WEBHOOKS (a server on a private network, a test server).
 */
export function isAllowedSelfHostedScheme(url: URL, options: UrlCheckOptions): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && options.allowPrivate);
}

/**
 * Why `url` is not on one of a hosted service's `hosts` (the first is named in the reason) over https
 * without a port, or null. Under RELAIS_ALLOW_PRIVATE_WEBHOOKS a loopback http URL passes (tests' fake servers).
 */
export function hostedOriginProblem(url: URL, service: string, hosts: readonly string[], options: UrlCheckOptions): Text | null {
  if (options.allowPrivate && url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol !== 'https:') return tr`a ${service} webhook URL starts with https://`;
  if (!hosts.includes(url.hostname)) return tr`a ${service} webhook URL is on ${hosts[0]}, not ${url.hostname}`;
  if (url.port !== '') return tr`a ${service} webhook URL has no port (${url.port} given)`;
  return null;
}

/**
 * A self-hosted service's path `[/subpath]/{marker}/{part}/…` split at the last `marker` segment: the
 * subpath before it and the parts after it, or null when there is no such segment.
 */
export function splitAtSegment(pathname: string, marker: string): { base: string; parts: string[] } | null {
  const segments = pathname.split('/');
  const at = segments.lastIndexOf(marker);
  return at < 1 ? null : { base: segments.slice(0, at).join('/'), parts: segments.slice(at + 1) };
}

/** `url` with `param` (`wait=true`) added to its query as text, so that the rest stays byte-exact. */
export function appendQuery(url: string, param: string): string {
  const separator = !url.includes('?') ? '?' : /[?&]$/.test(url) ? '' : '&';
  return `${url}${separator}${param}`;
}
