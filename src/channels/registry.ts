import { tr } from '../i18n/text.ts';
import type { ChannelAdapter, ServiceName, UrlCheckOptions, UrlVerdict } from './channel-types.ts';
import { discord } from './discord/discord.ts';
import { googleChat } from './google-chat/google-chat.ts';
import { mattermost } from './mattermost/mattermost.ts';
import { ntfy } from './ntfy/ntfy.ts';
import { rocketChat } from './rocket-chat/rocket-chat.ts';
import { slack } from './slack/slack.ts';
import { teams } from './teams/teams.ts';
import { bad, ok, parseUrl } from './url-checks.ts';
import { webhook } from './webhook/webhook.ts';
import { zulip } from './zulip/zulip.ts';

/** The adapters written so far; the other services are checked and masked generically until theirs land. */
const ADAPTERS: Partial<Record<ServiceName, ChannelAdapter>> = {
  'Google Chat': googleChat,
  Slack: slack,
  'Microsoft Teams': teams,
  Mattermost: mattermost,
  'Rocket.Chat': rocketChat,
  Discord: discord,
  Zulip: zulip,
  ntfy,
  Webhook: webhook,
};

export function adapterFor(service: string): ChannelAdapter | undefined {
  return ADAPTERS[service as ServiceName];
}

/** Checks a webhook URL for its service: the adapter's strict check, or an http(s) URL with a host. */
export function checkWebhookUrl(service: string, url: string, options: UrlCheckOptions): UrlVerdict {
  const adapter = adapterFor(service);
  if (adapter) return adapter.checkUrl(url, options);
  const parsed = parseUrl(url);
  if (!(parsed instanceof URL)) return bad(parsed);
  if (parsed.protocol === 'https:') return ok;
  if (parsed.protocol === 'http:' && options.allowPrivate) return ok;
  return bad(tr`a webhook URL starts with https://`);
}

/**
 * The URL with its secrets hidden: the adapter's mask, or the origin alone for services whose secret
 * may sit anywhere in the path or query (Slack's and Discord's are in the path).
 */
export function maskWebhookUrl(service: string, url: string): string {
  const adapter = adapterFor(service);
  if (adapter) return adapter.maskUrl(url);
  const parsed = parseUrl(url);
  return parsed instanceof URL ? `${parsed.origin}/••••` : '••••';
}
