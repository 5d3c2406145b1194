/**
 * E-mail: the message a Notification sends, as nodemailer message options, and the classification of
 * SMTP failures. Pure: the SMTP sender (delivery/smtp-sender.ts) opens the connections. One delivery
 * is one message to its To, Cc and Bcc recipients, as Frappe sends it; nodemailer puts every
 * recipient in the envelope and leaves Bcc out of the headers.
 */
import crypto from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import { tr, verbatim, type Text } from '../../i18n/text.ts';
import type { Language, SendOutcome } from '../channel-types.ts';
import { snippet } from '../http-outcomes.ts';
import { LABELS } from '../labels.ts';
import { escapeHtml, hasHtmlTags, htmlToText } from '../plain-text.ts';
import { parseMailbox, type Mailbox } from './mailbox.ts';

/** One e-mail delivery, as the worker reads it from the outbox row. */
export interface EmailInput {
  /** The delivery's name: stable across retries, it names the Message-ID. */
  deliveryName: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The rendered message: HTML, or plain text whose newlines are line breaks. */
  message: string;
  /** Link to the document the message is about, added at the end; null for none. */
  documentUrl: string | null;
  language: Language;
  /** The Notification's `sender`: an address (`a@b.c`, `Name <a@b.c>`) or a name shown with the default address; null or blank for the default. */
  sender: string | null;
}

export interface EmailOptions {
  /** RELAIS_MAIL_FROM, e.g. `"Acme" <relais@acme.example>`: the From when the rule sets no sender, and the Message-ID's domain. */
  from: string;
}

/** Longest subject kept, in characters (RFC 5322 asks for lines under 78; long subjects are folded, not refused). */
export const MAX_SUBJECT_CHARS = 250;

/** Each address once (case-insensitive), leaving out those already in `seen`, which gains them. */
function distinct(list: string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const address of list) {
    const key = (parseMailbox(address)?.address ?? address).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(address);
  }
  return out;
}

/** The subject on one line, at most MAX_SUBJECT_CHARS characters (whole code points). */
export function subjectLine(subject: string): string {
  const flat = subject.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > MAX_SUBJECT_CHARS ? `${chars.slice(0, MAX_SUBJECT_CHARS - 1).join('')}…` : flat;
}

/** `<deliveryName@domain>`: the same for every attempt, so a retry after a lost reply is recognisable. */
export function messageIdFor(deliveryName: string, from: string): string {
  const local =
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(deliveryName) && deliveryName.length <= 64
      ? deliveryName
      : crypto.hash('sha256', deliveryName, 'hex').slice(0, 40);
  const domain = parseMailbox(from)?.address.split('@')[1] ?? 'relais.localhost';
  return `<${local}@${domain}>`;
}

function fromOf(sender: string | null, defaultFrom: string): Mailbox | string {
  const given = sender?.trim();
  if (!given) return defaultFrom;
  const mailbox = parseMailbox(given);
  if (mailbox) return mailbox;
  // A name (Frappe's sender names an Email Account): shown with the default address.
  const fallback = parseMailbox(defaultFrom);
  return fallback ? { name: given.replace(/[\s<>"]+/g, ' ').trim(), address: fallback.address } : defaultFrom;
}

/** The HTML and plain-text bodies: the message, then a link to the document when there is one. */
function bodies(input: EmailInput): { html: string; text: string } {
  const isHtml = hasHtmlTags(input.message);
  let html = isHtml ? input.message : escapeHtml(input.message.trim()).replace(/\r?\n/g, '<br>\n');
  let text = isHtml ? htmlToText(input.message, { wrap: true }) : input.message.trim();
  if (input.documentUrl) {
    const labels = LABELS[input.language];
    html += `\n<p><a href="${escapeHtml(input.documentUrl)}">${escapeHtml(labels.openDocument)}</a></p>`;
    text += `\n\n${labels.documentLink}: ${input.documentUrl}`;
  }
  return { html, text };
}

/** The nodemailer message for one e-mail delivery. */
export function buildEmail(input: EmailInput, options: EmailOptions): SendMailOptions {
  const seen = new Set<string>();
  const [to, cc, bcc] = [input.to, input.cc, input.bcc].map((list) => distinct(list, seen));
  return {
    from: fromOf(input.sender, options.from),
    to,
    cc,
    bcc,
    subject: subjectLine(input.subject),
    ...bodies(input),
    messageId: messageIdFor(input.deliveryName, options.from),
    headers: {
      'X-Relais-Delivery': input.deliveryName,
      // RFC 3834: sent by a program, so vacation responders do not answer it.
      'Auto-Submitted': 'auto-generated',
    },
  };
}

interface SmtpError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNECTION: 'SMTP_CONNECTION',
  ESOCKET: 'SMTP_CONNECTION',
  ECONNREFUSED: 'SMTP_CONNECTION',
  ECONNRESET: 'SMTP_CONNECTION',
  ETIMEDOUT: 'SMTP_TIMEOUT',
  EDNS: 'SMTP_DNS',
  ENOTFOUND: 'SMTP_DNS',
  EAI_AGAIN: 'SMTP_DNS',
  EPROTOCOL: 'SMTP_PROTOCOL',
  EMAXLIMIT: 'SMTP_POOL_BUSY',
};

/** Reply codes that say the server's credentials are wrong or missing: no mail can go until they are fixed. */
const AUTH_REPLIES = new Set([530, 534, 535, 538]);

/**
 * The outcome of a failed send. Connection problems, timeouts and 4xx replies retry (421 included);
 * rejected credentials (EAUTH, 530/535) and TLS failures mean the SMTP server is unusable as
 * configured (`broken`: all mail waits); a 5xx reply refuses this message (`rejected`: a recipient
 * refused with 550/553, a message too large with 552…); 503 (bad command sequence) retries on a new
 * connection, as RFC 5321 allows. Messages carry the server's reply, never the configured URL.
 */
export function classifySmtpError(err: unknown): SendOutcome {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpError;
  const code = typeof e.code === 'string' ? e.code : '';
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const command = typeof e.command === 'string' && e.command ? ` (${e.command})` : '';
  const detail = snippet(typeof e.response === 'string' && e.response ? e.response : String(e.message ?? 'unknown error'));
  // The server's reply, quoted as it came.
  const message: Text = verbatim(`${reply ? `SMTP ${reply}${command}: ` : ''}${detail}`);
  if (code === 'EAUTH' || (reply !== null && AUTH_REPLIES.has(reply))) {
    return {
      kind: 'broken',
      code: 'SMTP_AUTH_FAILED',
      message: tr`the SMTP server refused the credentials of RELAIS_SMTP_URL: ${message}`,
    };
  }
  if (code === 'ENOAUTH')
    return { kind: 'broken', code: 'SMTP_AUTH_MISSING', message: tr`the SMTP server asks for credentials: ${message}` };
  if (code === 'ETLS' || code === 'EREQUIRETLS') return { kind: 'broken', code: 'SMTP_TLS', message };
  if (reply !== null && reply >= 400 && reply < 600) {
    const retry = reply < 500 || reply === 503;
    return retry
      ? { kind: 'retry', code: `SMTP_${reply}`, message, retryAfterMs: null }
      : { kind: 'rejected', code: `SMTP_${reply}`, message };
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EMAXRECIPIENTS') {
    return { kind: 'rejected', code: code === 'EMESSAGE' ? 'SMTP_MESSAGE_INVALID' : 'SMTP_ENVELOPE_INVALID', message };
  }
  return { kind: 'retry', code: CONNECTION_CODES[code] ?? 'SMTP_ERROR', message, retryAfterMs: null };
}
