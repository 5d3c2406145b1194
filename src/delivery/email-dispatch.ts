/**
 * E-mail deliveries through SMTP: the rule's To, Cc and Bcc in one message, HTML with a text part, a
 * Message-ID derived from the delivery (so a resend after a lost answer is recognisably the same mail).
 * Without RELAIS_SMTP_URL the channel is held: its deliveries wait, they are not failed.
 */
import type { Language } from '../channels/channel-types.ts';
import { buildEmail } from '../channels/email/email.ts';
import { splitAddresses } from '../channels/email/mailbox.ts';
import { nowDatetime } from '../documents/doc.ts';
import { tr, type Text } from '../i18n/text.ts';
import { urlToForm } from '../templates/text-helpers.ts';
import type { AttemptResult } from './delivery-results.ts';
import type { ChannelSender } from './delivery-service.ts';
import type { OutboxRow } from './outbox-claim.ts';
import { SMTP_NOT_CONFIGURED, SmtpSender } from './smtp-sender.ts';
import { ChannelHold } from './channel-hold.ts';

export interface EmailChannelOptions {
  /** RELAIS_SMTP_URL; undefined holds e-mail deliveries. */
  smtpUrl: string | undefined;
  /** RELAIS_MAIL_FROM. */
  from: string;
  siteUrl: string;
  language: Language;
  /** The Notification's `sender`, when it names one. */
  senderOf(notification: string): Promise<string | null>;
}

export class EmailChannel implements ChannelSender {
  private readonly smtp: SmtpSender | null;
  private readonly hold = new ChannelHold();

  constructor(private readonly options: EmailChannelOptions) {
    this.smtp = options.smtpUrl ? new SmtpSender({ url: options.smtpUrl }) : null;
  }

  async unavailable(): Promise<Text | null> {
    return this.smtp ? this.hold.current() : tr`no SMTP server is configured (RELAIS_SMTP_URL)`;
  }

  async attempt(row: OutboxRow): Promise<AttemptResult> {
    const startedAt = nowDatetime();
    if (!this.smtp) {
      return { row, startedAt, verdict: SMTP_NOT_CONFIGURED, httpStatus: null, latencyMs: null, response: null };
    }
    const mail = buildEmail(
      {
        deliveryName: row.name,
        to: splitAddresses(row.email_to),
        cc: splitAddresses(row.email_cc),
        bcc: splitAddresses(row.email_bcc),
        subject: row.subject ?? '',
        message: row.message ?? '',
        documentUrl:
          row.reference_doctype && row.reference_name ? urlToForm(this.options.siteUrl, row.reference_doctype, row.reference_name) : null,
        language: this.options.language,
        sender: await this.options.senderOf(row.notification),
      },
      { from: this.options.from },
    );
    const sent = await this.smtp.send(mail);
    if (sent.outcome.kind === 'broken') this.hold.hold(sent.outcome.message);
    // Stored in the attempt log: said in the site language.
    const refused = sent.refused.map((r) => `${r.address}: ${r.outcome.message.in(this.options.language)}`).join('; ');
    return {
      row,
      startedAt,
      verdict: sent.outcome,
      httpStatus: null,
      latencyMs: sent.latencyMs,
      response: [sent.response, refused && tr`refused: ${refused}`.in(this.options.language)].filter(Boolean).join(' — ') || null,
    };
  }

  async close(): Promise<void> {
    await this.smtp?.close();
  }
}
