import { coreDoctype, dataField as data, field } from '../documents/core-doctype-builders.ts';
import type { DocField, DocTypeMeta } from '../documents/meta.ts';

const int = (fieldname: string, label: string, extra: Partial<DocField> = {}) => field('Int', fieldname, label, extra);

/** States of a delivery: the outbox row's whole life. */
export const DELIVERY_STATUSES = ['Queued', 'Sending', 'Retrying', 'Sent', 'Failed', 'Dead', 'Cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What one attempt came to (channels/channel-types.ts SendOutcome; `Error`: Relais could not even build or send it). */
export const ATTEMPT_OUTCOMES = ['Sent', 'Retry', 'Broken', 'Rejected', 'Error'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * One attempt to send a delivery (a row of its `attempt_log`): when, the outcome, the HTTP status and
 * latency, the start of the service's answer and the error code. Never the webhook URL or a secret.
 */
export const NOTIFICATION_DELIVERY_ATTEMPT: DocTypeMeta = coreDoctype({
  name: 'Notification Delivery Attempt',
  module: 'Delivery',
  istable: 1,
  fields: [
    int('attempt', 'Attempt', { in_list_view: 1 }),
    { fieldname: 'started_at', label: 'Started At', fieldtype: 'Datetime', in_list_view: 1 },
    { fieldname: 'outcome', label: 'Outcome', fieldtype: 'Select', options: ATTEMPT_OUTCOMES.join('\n'), in_list_view: 1 },
    int('http_status', 'HTTP Status', { in_list_view: 1 }),
    int('latency_ms', 'Latency (ms)', { in_list_view: 1 }),
    data('error_code', 'Error Code'),
    { fieldname: 'error', label: 'Error', fieldtype: 'Small Text' },
    { fieldname: 'response', label: 'Response', fieldtype: 'Small Text' },
    data('worker', 'Worker'),
  ],
});

/**
 * One message to one destination: the outbox row (modelled on graphile-worker's job row — `run_at`,
 * `attempts`, `max_attempts`, `last_error`, `locked_by`, `locked_until`) and its log. Rows are written
 * in the transaction of the document write that caused them. A row is named by its idempotency key (a
 * digest of rule, document, event, version, destination: see outbox.ts), so the same delivery can
 * never be queued twice.
 *
 * Every index here is paid on each enqueue, in the user's write: only what is read often is indexed —
 * `modified` (lists), `status` (the worker's claim, status filters) and `reference_name` (the
 * notifications sent about a document). Listing by notification or `run_at` scans.
 */
export const NOTIFICATION_DELIVERY: DocTypeMeta = coreDoctype({
  name: 'Notification Delivery',
  module: 'Delivery',
  fields: [
    data('notification', 'Notification', { in_list_view: 1 }),
    {
      fieldname: 'status',
      label: 'Status',
      fieldtype: 'Select',
      options: DELIVERY_STATUSES.join('\n'),
      default: 'Queued',
      in_list_view: 1,
      search_index: 1,
    },
    data('channel', 'Channel'),
    data('destination', 'Destination', { in_list_view: 1 }),
    data('reference_doctype', 'Reference Document Type'),
    data('reference_name', 'Reference Name', { search_index: 1 }),
    data('event', 'Event'),
    data('caused_by', 'Caused By Notification'),
    { fieldname: 'subject', label: 'Subject', fieldtype: 'Small Text' },
    { fieldname: 'message', label: 'Message', fieldtype: 'Long Text' },
    { fieldname: 'email_to', label: 'E-mail To', fieldtype: 'Small Text' },
    { fieldname: 'email_cc', label: 'E-mail Cc', fieldtype: 'Small Text' },
    { fieldname: 'email_bcc', label: 'E-mail Bcc', fieldtype: 'Small Text' },
    { fieldname: 'run_at', label: 'Run At', fieldtype: 'Datetime' },
    int('attempts', 'Attempts'),
    int('max_attempts', 'Max Attempts', { default: '10' }),
    data('error_code', 'Error Code'),
    { fieldname: 'last_error', label: 'Last Error', fieldtype: 'Small Text' },
    int('error_line', 'Error Line'),
    data('locked_by', 'Locked By'),
    { fieldname: 'locked_until', label: 'Locked Until', fieldtype: 'Datetime' },
    { fieldname: 'sent_at', label: 'Sent At', fieldtype: 'Datetime' },
    data('remote_id', 'Remote Message Id'),
    { fieldname: 'attempt_log', label: 'Attempts', fieldtype: 'Table', options: 'Notification Delivery Attempt' },
  ],
});
