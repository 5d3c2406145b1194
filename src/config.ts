import net from 'node:net';
import path from 'node:path';
import { parseMailbox } from './channels/email/mailbox.ts';

/** Relais's settings, read from RELAIS_* environment variables (see README, "Settings"). */
export interface RelaisConfig {
  port: number;
  host: string;
  dataDir: string;
  /** A postgres:// URL; unset means the embedded SQLite file in `dataDir`. */
  databaseUrl?: string;
  siteUrl: string;
  adminPassword?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  logLevel: string;
  /** The scheduler's IANA time zone (Frappe's System Settings time zone): days start at its midnight. */
  timeZone: string;
  /** When (`HH:MM`, in `timeZone`) the daily Days Before/After scan runs. */
  dailyScanTime: string;
  /** How many days back missed scheduled runs are caught up on start. */
  catchUpHorizonDays: number;
  /** Wall-clock limit of one template or condition render, in ms. */
  templateTimeLimitMs: number;
  /** Webhooks may reach private, loopback and link-local addresses (self-hosted chat on a private network; tests). */
  allowPrivateWebhooks: boolean;
  /** The SMTP server e-mail goes through (`smtp://user:pass@host:587`, `smtps://…`); unset, e-mail deliveries wait. */
  smtpUrl?: string;
  /** The From of e-mail when a Notification names no sender: `Relais <relais@{site host}>` by default. */
  mailFrom: string;
  /** The site's name, shown as the sender where a chat service lets a webhook choose it. */
  siteName: string;
  /** The site language: the words Relais adds to messages (`Document link`…). */
  language: 'en' | 'fr';
  /** Whether `relais serve` runs the delivery worker in its own process (off when `relais worker` processes do it). */
  deliveryWorker: boolean;
  /** Sends in flight at once per worker. */
  deliveryConcurrency: number;
  /** Per-destination pacing (1 message a second to a Google Chat space…); off only for benchmarks. */
  deliveryPacing: boolean;
  /** How long a worker's claim on a message lasts before another worker may take it over, in seconds. */
  deliveryLeaseSeconds: number;
}

/** An on/off setting: 1, true or yes (any case) is on; 0, false, no or unset is off. */
function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new ConfigError(`${name}=${env[name]} is not on or off (use 1 or 0)`);
}

/** A setting that cannot be used; the message names the variable. */
export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name}=${raw} is not a whole number between ${min} and ${max}`);
  return n;
}

/** Reads the configuration from the environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelaisConfig {
  const port = integer(env, 'RELAIS_PORT', 8000, 0, 65535);
  const databaseUrl = env.RELAIS_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `RELAIS_DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for the embedded SQLite database), got ${databaseUrl.split(':')[0]}:…`,
    );
  }
  if (port === 0 && !env.RELAIS_SITE_URL) {
    // The links Relais puts in messages name the site's address, which a port chosen at listen time cannot give.
    throw new ConfigError(
      'RELAIS_PORT=0 lets the system choose the port, so Relais cannot know its own address for the links in messages: set RELAIS_SITE_URL too, or choose a port',
    );
  }
  const siteUrl = (env.RELAIS_SITE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(siteUrl);
  } catch {
    throw new ConfigError(`RELAIS_SITE_URL=${siteUrl} is not a URL`);
  }
  const timeZone = env.RELAIS_TIME_ZONE || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError(`RELAIS_TIME_ZONE=${timeZone} is not an IANA time zone (such as UTC or Europe/Paris)`);
  }
  const dailyScanTime = env.RELAIS_DAILY_SCAN_TIME || '00:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(dailyScanTime)) {
    throw new ConfigError(`RELAIS_DAILY_SCAN_TIME=${dailyScanTime} is not a time of day HH:MM (00:00 to 23:59)`);
  }
  const smtpUrl = env.RELAIS_SMTP_URL || undefined;
  if (smtpUrl) checkSmtpUrl(smtpUrl);
  const mailFrom = env.RELAIS_MAIL_FROM || defaultMailFrom(siteUrl);
  if (!parseMailbox(mailFrom)) {
    throw new ConfigError(`RELAIS_MAIL_FROM=${mailFrom} is not an e-mail address (use relais@example.com or Name <relais@example.com>)`);
  }
  if (Boolean(env.RELAIS_API_KEY) !== Boolean(env.RELAIS_API_SECRET)) {
    throw new ConfigError('RELAIS_API_KEY and RELAIS_API_SECRET must be set together');
  }
  return {
    port,
    host: env.RELAIS_HOST || '0.0.0.0',
    dataDir: path.resolve(env.RELAIS_DATA_DIR || 'data'),
    databaseUrl,
    siteUrl,
    adminPassword: env.RELAIS_ADMIN_PASSWORD || undefined,
    apiKey: env.RELAIS_API_KEY || undefined,
    apiSecret: env.RELAIS_API_SECRET || undefined,
    bodyLimit: integer(env, 'RELAIS_BODY_LIMIT', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    templateTimeLimitMs: integer(env, 'RELAIS_TEMPLATE_TIME_LIMIT_MS', 100, 10, 60_000),
    logLevel: env.RELAIS_LOG_LEVEL || 'info',
    timeZone,
    dailyScanTime,
    catchUpHorizonDays: integer(env, 'RELAIS_CATCH_UP_DAYS', 2, 0, 366),
    allowPrivateWebhooks: flag(env, 'RELAIS_ALLOW_PRIVATE_WEBHOOKS'),
    smtpUrl,
    mailFrom,
    siteName: env.RELAIS_SITE_NAME || 'Relais',
    language: language(env),
    deliveryWorker:
      env.RELAIS_DELIVERY_WORKER === undefined || env.RELAIS_DELIVERY_WORKER === '' ? true : flag(env, 'RELAIS_DELIVERY_WORKER'),
    deliveryConcurrency: integer(env, 'RELAIS_DELIVERY_CONCURRENCY', 64, 1, 1024),
    deliveryPacing:
      env.RELAIS_DELIVERY_PACING === undefined || env.RELAIS_DELIVERY_PACING === '' ? true : flag(env, 'RELAIS_DELIVERY_PACING'),
    deliveryLeaseSeconds: integer(env, 'RELAIS_DELIVERY_LEASE_SECONDS', 60, 5, 3_600),
  };
}

function language(env: NodeJS.ProcessEnv): 'en' | 'fr' {
  const raw = (env.RELAIS_LANGUAGE || 'en').trim().toLowerCase();
  if (raw !== 'en' && raw !== 'fr')
    throw new ConfigError(`RELAIS_LANGUAGE=${env.RELAIS_LANGUAGE} is not a language Relais speaks (en or fr)`);
  return raw;
}

/** An smtp:// or smtps:// URL with a host; the message never repeats the URL (it holds the password). */
function checkSmtpUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('RELAIS_SMTP_URL is not a URL (expected smtp://user:password@host:587 or smtps://user:password@host:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`RELAIS_SMTP_URL must be an smtp:// or smtps:// URL, got ${url.protocol}…`);
  }
  if (!url.hostname) throw new ConfigError('RELAIS_SMTP_URL names no host (expected smtp://user:password@host:587)');
}

/** `Relais <relais@{site host}>`, or `relais@localhost` when the site is addressed by IP. */
function defaultMailFrom(siteUrl: string): string {
  const host = new URL(siteUrl).hostname.replace(/^\[|\]$/g, '');
  return `Relais <relais@${host && !net.isIP(host) ? host : 'localhost'}>`;
}
