import { checkField as check, coreDoctype as core, dataField as data } from '../documents/core-doctype-builders.ts';
import type { DocTypeMeta } from '../documents/meta.ts';
import { INCOMING_WEBHOOK_URL } from '../integrations/incoming-webhook-url.ts';
import { NOTIFICATION_EVENTS } from './events.ts';

/** Channels a Notification sends through (Dokos's names). */
export const NOTIFICATION_CHANNELS = ['Email', 'External Collaboration Tool', 'System Notification', 'SMS'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A recipient rule of a Notification (Frappe's Notification Recipient). */
export const NOTIFICATION_RECIPIENT: DocTypeMeta = core({
  name: 'Notification Recipient',
  module: 'Email',
  istable: 1,
  fields: [
    data('receiver_by_document_field', 'Receiver By Document Field', { in_list_view: 1 }),
    { fieldname: 'receiver_by_role', label: 'Receiver By Role', fieldtype: 'Link', options: 'Role', in_list_view: 1 },
    { fieldname: 'receiver_by_user', label: 'Receiver By User', fieldtype: 'Link', options: 'User', in_list_view: 1 },
    { fieldname: 'cc', label: 'CC', fieldtype: 'Code' },
    { fieldname: 'bcc', label: 'BCC', fieldtype: 'Code' },
    data('condition', 'Condition'),
  ],
});

/** A notification rule, with Frappe/Dokos field names. */
export const NOTIFICATION: DocTypeMeta = core({
  name: 'Notification',
  module: 'Email',
  autoname: 'prompt',
  title_field: 'subject',
  fields: [
    check('enabled', 'Enabled', { default: '1', in_list_view: 1 }),
    {
      fieldname: 'channel',
      label: 'Channel',
      fieldtype: 'Select',
      options: NOTIFICATION_CHANNELS.join('\n'),
      default: 'Email',
      reqd: 1,
      in_list_view: 1,
    },
    {
      fieldname: 'incoming_webhook_url',
      label: 'Collaboration Tool Incoming Webhook URL',
      fieldtype: 'Link',
      options: 'Incoming Webhook URL',
    },
    data('sender', 'Sender'),
    check('send_system_notification', 'Send System Notification'),
    { fieldname: 'subject', label: 'Subject', fieldtype: 'Small Text' },
    {
      fieldname: 'document_type',
      label: 'Document Type',
      fieldtype: 'Link',
      options: 'DocType',
      reqd: 1,
      search_index: 1,
      in_list_view: 1,
    },
    { fieldname: 'event', label: 'Send Alert On', fieldtype: 'Select', options: NOTIFICATION_EVENTS.join('\n'), reqd: 1, in_list_view: 1 },
    data('method', 'Trigger Method'),
    data('value_changed', 'Value Changed'),
    data('date_changed', 'Reference Date'),
    data('datetime_changed', 'Reference Datetime'),
    { fieldname: 'days_in_advance', label: 'Days Before or After', fieldtype: 'Int' },
    { fieldname: 'minutes_offset', label: 'Minutes Offset', fieldtype: 'Int' },
    { fieldname: 'condition', label: 'Condition', fieldtype: 'Code' },
    data('set_property_after_alert', 'Set Property After Alert'),
    data('property_value', 'Value To Be Set'),
    { fieldname: 'recipients', label: 'Recipients', fieldtype: 'Table', options: 'Notification Recipient' },
    { fieldname: 'message', label: 'Message', fieldtype: 'Code', default: 'Add your message here' },
  ],
});

/**
 * A bell notification for one user (Frappe's Notification Log). System Managers see every row; any
 * other user sees the rows addressed to them and may only mark them read (the Desk's bell).
 */
export const NOTIFICATION_LOG: DocTypeMeta = core({
  name: 'Notification Log',
  module: 'Desk',
  own_rows: { user_field: 'for_user', writable_fields: ['read'] },
  fields: [
    { fieldname: 'subject', label: 'Subject', fieldtype: 'Text' },
    { fieldname: 'for_user', label: 'For User', fieldtype: 'Link', options: 'User', search_index: 1 },
    { fieldname: 'type', label: 'Type', fieldtype: 'Select', options: 'Mention\nEnergy Point\nAssignment\nShare\nAlert', default: 'Alert' },
    { fieldname: 'email_content', label: 'Message', fieldtype: 'Text Editor' },
    { fieldname: 'document_type', label: 'Document Type', fieldtype: 'Link', options: 'DocType' },
    data('document_name', 'Document Name', { search_index: 1 }),
    { fieldname: 'from_user', label: 'From User', fieldtype: 'Link', options: 'User' },
    check('read', 'Read'),
    data('link', 'Link'),
  ],
});

/** The doctypes the notifications part adds, in install order. */
export const NOTIFICATION_DOCTYPES: DocTypeMeta[] = [INCOMING_WEBHOOK_URL, NOTIFICATION_RECIPIENT, NOTIFICATION, NOTIFICATION_LOG];

/**
 * Doctypes of the notification machinery itself (and document history): no rule may watch them, and
 * their own writes never fire notifications (a notification about them could loop).
 */
export const NOTIFICATION_MACHINERY: ReadonlySet<string> = new Set([
  'Notification',
  'Notification Log',
  'Notification Recipient',
  'Incoming Webhook URL',
  'Notification Delivery',
  'Notification Delivery Attempt',
  'SMS Settings',
  'SMS Parameter',
  'Version',
]);
