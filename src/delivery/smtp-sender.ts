/**
 * Sends e-mail through the SMTP server of RELAIS_SMTP_URL: one pooled nodemailer transport (a few
 * long-lived connections, reused from message to message), connection, greeting and socket timeouts,
 * and every failure classified (channels/email) instead of thrown. The password never appears in a
 * result: it is cut out of every message and server reply.
 */
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { SendOutcome } from '../channels/channel-types.ts';
import { classifySmtpError } from '../channels/email/email.ts';
import { tr } from '../i18n/text.ts';
import { redactText } from './answer-redaction.ts';

export interface SmtpSenderOptions {
  /** RELAIS_SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  url: string;
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  /** Inactivity allowed on an open connection, during a send included. */
  socketTimeoutMs?: number;
  /** Connections the pool opens at most. */
  maxConnections?: number;
}

/** A recipient the server refused while it took the message for the others, and why (`retry` for a 4xx reply). */
export interface RefusedRecipient {
  address: string;
  outcome: Exclude<SendOutcome, { kind: 'sent' }>;
}

/** What one send did. */
export interface SmtpSendResult {
  outcome: SendOutcome;
  latencyMs: number;
  /** The server's last reply (`250 2.0.0 Ok: queued as …`), or null when none came. */
  response: string | null;
  /** With a `sent` outcome: the recipients refused one by one (the others got the message). */
  refused: RefusedRecipient[];
}

/** The outcome the worker records when RELAIS_SMTP_URL is unset: e-mail deliveries wait until it is set. */
export const SMTP_NOT_CONFIGURED: SendOutcome = {
  kind: 'broken',
  code: 'SMTP_NOT_CONFIGURED',
  message: tr`no SMTP server is configured: set RELAIS_SMTP_URL (smtp://user:password@host:587) to send e-mail`,
};

/** The forms a password can take on the wire or in an error: as given, URL-encoded, and inside AUTH PLAIN / LOGIN. */
function secretForms(url: string): string[] {
  let user = '';
  let pass = '';
  try {
    const parsed = new URL(url);
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch {
    return [];
  }
  if (!pass) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const forms = [pass, encodeURIComponent(pass), b64(pass), b64(`\u0000${user}\u0000${pass}`)];
  // Longest first, so a form containing another is cut whole.
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export class SmtpSender {
  private readonly transport: Transporter;
  private readonly secrets: string[];

  constructor(options: SmtpSenderOptions) {
    this.secrets = secretForms(options.url);
    this.transport = nodemailer.createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections ?? 3,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 60_000,
    });
    // A pooled connection that fails while idle reports it here; sends report their own failures.
    this.transport.on('error', () => {});
  }

  /** Sends one message; resolves with its outcome whatever happens (a failure is data, not an exception). */
  async send(mail: SendMailOptions): Promise<SmtpSendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const info = await this.transport.sendMail(mail);
      const response = typeof info.response === 'string' ? this.redact(info.response) : null;
      return { outcome: { kind: 'sent', remoteId: info.messageId ?? null }, latencyMs: latency(), response, refused: this.refusedOf(info) };
    } catch (error) {
      const outcome = this.redactOutcome(classifySmtpError(error));
      const reply = (error as { response?: unknown }).response;
      return { outcome, latencyMs: latency(), response: typeof reply === 'string' ? this.redact(reply) : null, refused: [] };
    }
  }

  /** Connects and authenticates once: `ok`, or why mail cannot go (the same classification as a send). */
  async verify(): Promise<{ kind: 'ok' } | Exclude<SendOutcome, { kind: 'sent' }>> {
    try {
      await this.transport.verify();
      return { kind: 'ok' };
    } catch (error) {
      return this.redactOutcome(classifySmtpError(error)) as Exclude<SendOutcome, { kind: 'sent' }>;
    }
  }

  /** Closes the pool's connections (a message being sent finishes first). */
  async close(): Promise<void> {
    this.transport.close();
  }

  private refusedOf(info: { rejected?: unknown; rejectedErrors?: unknown }): RefusedRecipient[] {
    const errors = Array.isArray(info.rejectedErrors) ? (info.rejectedErrors as Array<{ recipient?: unknown }>) : [];
    const addresses = Array.isArray(info.rejected) ? info.rejected.map((r) => String((r as { address?: unknown })?.address ?? r)) : [];
    return addresses.map((address) => {
      const error = errors.find((e) => e.recipient === address);
      const outcome = error
        ? this.redactOutcome(classifySmtpError(error))
        : ({ kind: 'rejected', code: 'SMTP_RECIPIENT_REFUSED', message: tr`${address} was refused` } as const);
      return { address, outcome: outcome as RefusedRecipient['outcome'] };
    });
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('••••');
    return out;
  }

  private redactOutcome(outcome: SendOutcome): SendOutcome {
    return outcome.kind === 'sent' ? outcome : { ...outcome, message: redactText(outcome.message, this.secrets) };
  }
}
