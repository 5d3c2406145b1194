/**
 * The SSRF guard: a webhook may only reach public unicast addresses, unless
 * RELAIS_ALLOW_PRIVATE_WEBHOOKS is set (self-hosted Mattermost / Rocket.Chat / Zulip on a private
 * network, and the tests' loopback servers). Checked when a webhook URL is saved and again when the
 * worker connects (a name can resolve elsewhere later).
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { tr, type Text } from '../i18n/text.ts';

/**
 * Why `ip` is not a public address (`loopback`, `private`, `linkLocal` — which holds cloud metadata
 * at 169.254.169.254 —, `uniqueLocal`, `carrierGradeNat`, `6to4`…), or null when it is.
 */
export function nonPublicRange(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return 'invalid';
  // process() turns ::ffff:10.0.0.1 into 10.0.0.1, so a mapped private address is seen as private.
  const range = ipaddr.process(ip).range();
  return range === 'unicast' ? null : range;
}

/** How long a save waits for DNS before leaving the check to connect time. */
const LOOKUP_TIMEOUT_MS = 2000;

/** The host's addresses, or null when the name does not resolve (now): the connect-time check decides then. */
async function addressesOf(hostname: string): Promise<string[] | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS).unref());
  const lookup = dns.lookup(hostname, { all: true, verbatim: true }).then(
    (found) => found.map((a) => a.address),
    () => null,
  );
  return Promise.race([lookup, timeout]);
}

/**
 * Why a webhook URL's host must not be reached — it is, or resolves to, a non-public address — or
 * null. A name that does not resolve now passes: the worker checks every connection.
 */
export async function forbiddenDestination(url: URL, allowPrivate: boolean): Promise<Text | null> {
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refuse = (what: Text) =>
    tr`${what}: webhooks may only reach public addresses (set RELAIS_ALLOW_PRIVATE_WEBHOOKS=1 to allow a private network)`;
  if (host === 'localhost' || host.endsWith('.localhost')) return refuse(tr`${host} is this machine`);
  const addresses = net.isIP(host) ? [host] : await addressesOf(host);
  for (const address of addresses ?? []) {
    const range = nonPublicRange(address);
    if (range)
      return refuse(address === host ? tr`${address}, a ${range} address` : tr`${host} resolves to ${address}, a ${range} address`);
  }
  return null;
}
