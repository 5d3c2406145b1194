import type { Doc } from '../documents/doc.ts';
import type { NotificationEvent } from './events.ts';
import type { NotificationChannel } from './notification-doctypes.ts';
import type { IndexedRule } from './rule-index.ts';

/** A recipient row of a rule (Frappe's Notification Recipient). */
export interface RecipientRule {
  receiverByDocumentField: string | null;
  receiverByRole: string | null;
  receiverByUser: string | null;
  cc: string | null;
  bcc: string | null;
  condition: string | null;
}

/** A Notification document as the engine uses it. */
export interface NotificationRule extends IndexedRule {
  channel: NotificationChannel;
  incomingWebhookUrl: string | null;
  sendSystemNotification: boolean;
  subject: string;
  message: string;
  condition: string | null;
  valueChanged: string | null;
  dateChanged: string | null;
  datetimeChanged: string | null;
  daysInAdvance: number;
  minutesOffset: number;
  setPropertyAfterAlert: string | null;
  propertyValue: string | null;
  recipients: RecipientRule[];
  /** The Notification document itself: templates see it as `alert`. */
  doc: Doc;
}

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** Reads a Notification document (with its recipients rows) into a rule. */
export function ruleFromDoc(doc: Doc): NotificationRule {
  const rows = (doc.recipients as Record<string, unknown>[] | undefined) ?? [];
  return {
    name: doc.name,
    enabled: Boolean(doc.enabled),
    documentType: String(doc.document_type),
    event: doc.event as NotificationEvent,
    method: text(doc.method),
    channel: doc.channel as NotificationChannel,
    incomingWebhookUrl: text(doc.incoming_webhook_url),
    sendSystemNotification: Boolean(doc.send_system_notification),
    subject: String(doc.subject ?? ''),
    message: String(doc.message ?? ''),
    condition: text(doc.condition)?.trim() || null,
    valueChanged: text(doc.value_changed),
    dateChanged: text(doc.date_changed),
    datetimeChanged: text(doc.datetime_changed),
    daysInAdvance: Number(doc.days_in_advance ?? 0),
    minutesOffset: Number(doc.minutes_offset ?? 0),
    setPropertyAfterAlert: text(doc.set_property_after_alert),
    propertyValue: doc.property_value === undefined ? null : (doc.property_value as string | null),
    recipients: rows.map((r) => ({
      receiverByDocumentField: text(r.receiver_by_document_field),
      receiverByRole: text(r.receiver_by_role),
      receiverByUser: text(r.receiver_by_user),
      cc: text(r.cc),
      bcc: text(r.bcc),
      condition: text(r.condition),
    })),
    doc,
  };
}
