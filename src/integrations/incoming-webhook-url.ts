import { SERVICE_NAMES } from '../channels/channel-types.ts';
import { checkField as check, coreDoctype as core, dataField as data } from '../documents/core-doctype-builders.ts';
import type { DocTypeMeta } from '../documents/meta.ts';

export const WEBHOOK_STATUSES = ['Active', 'Broken'] as const;

/** Fields only Relais writes (the delivery worker): a client's values for them are ignored. */
export const WEBHOOK_SYSTEM_FIELDS = ['status', 'last_error', 'sent_count', 'failed_count', 'last_sent_at'] as const;

/**
 * Dokos's registry of chat webhooks ("URL de webhook entrant"), named by `webhook_name`. `webhook_url`
 * holds the URL masked (`…/messages?key=…&token=••••`): every read, list, template and Version sees
 * only that; the URL itself is kept apart (see webhook-url-controller.ts) for the worker and an
 * explicit reveal. Relais's own fields follow Dokos's. The generic `Webhook` service has two more: its
 * Standard Webhooks signing secret, kept apart the same way (the document holds `whsec_••••`), and an
 * optional body template.
 */
export const INCOMING_WEBHOOK_URL: DocTypeMeta = core({
  name: 'Incoming Webhook URL',
  module: 'Integrations',
  autoname: 'field:webhook_name',
  title_field: 'webhook_name',
  fields: [
    data('webhook_name', 'Name', { reqd: 1, unique: 1, in_list_view: 1 }),
    { fieldname: 'service', label: 'Service', fieldtype: 'Select', options: SERVICE_NAMES.join('\n'), reqd: 1, in_list_view: 1 },
    { fieldname: 'webhook_url', label: 'Webhook URL', fieldtype: 'Small Text', reqd: 1 },
    check('show_document_link', 'Show Document Link', { default: '1' }),
    check('enabled', 'Enabled', { default: '1', in_list_view: 1 }),
    { fieldname: 'message_format', label: 'Message Format', fieldtype: 'Select', options: 'Text\nCard', default: 'Text' },
    check('thread_by_document', 'One Thread per Document', { default: '1' }),
    { fieldname: 'rate_limit_per_minute', label: 'Messages per Minute (0: the service default)', fieldtype: 'Int' },
    data('signing_secret', 'Signing Secret (Standard Webhooks)', {
      description: 'Webhook only: whsec_ and base64 of 24 to 64 bytes; left empty, Relais makes one. Shown masked.',
    }),
    {
      fieldname: 'body_template',
      label: 'Body Template (Jinja, JSON)',
      fieldtype: 'Code',
      description:
        'Webhook only: the JSON body to send instead of the default one. It sees subject, message, document (doctype, name, url), event, notification, delivery, occurred_at and site_url; put text in with |tojson.',
    },
    {
      fieldname: 'status',
      label: 'Status',
      fieldtype: 'Select',
      options: WEBHOOK_STATUSES.join('\n'),
      default: 'Active',
      read_only: 1,
      in_list_view: 1,
    },
    { fieldname: 'last_error', label: 'Last Error', fieldtype: 'Small Text', read_only: 1 },
    { fieldname: 'sent_count', label: 'Messages Sent', fieldtype: 'Int', read_only: 1 },
    { fieldname: 'failed_count', label: 'Messages Failed', fieldtype: 'Int', read_only: 1 },
    { fieldname: 'last_sent_at', label: 'Last Sent', fieldtype: 'Datetime', read_only: 1 },
  ],
});
