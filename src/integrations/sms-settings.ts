/**
 * Frappe's SMS Settings: the HTTP gateway SMS notifications go through, with Frappe's field names
 * (`sms_gateway_url`, `message_parameter`, `receiver_parameter`, `sms_sender_name`, the `parameters`
 * table of SMS Parameter rows, `use_post`; JSON is chosen, as in Frappe, by a `Content-Type:
 * application/json` header row).
 *
 * Frappe makes it a single doctype (`issingle`). Relais has no single doctypes, so it is an ordinary
 * core doctype kept to one document named `SMS Settings`: a new document gets that name when the
 * client gives none, any other name is refused, and it cannot be renamed. `GET
 * /api/resource/SMS Settings/SMS Settings` reads it as a Frappe client would.
 */
import { checkGatewayUrl, type SmsSettings } from '../channels/sms/sms.ts';
import { forbiddenDestination } from '../delivery/address-guard.ts';
import { checkField as check, coreDoctype as core, dataField as data } from '../documents/core-doctype-builders.ts';
import type { Doc } from '../documents/doc.ts';
import type { HookBus } from '../documents/hook-bus.ts';
import { tableName, type DocTypeMeta } from '../documents/meta.ts';
import { RelaisError } from '../errors/relais-error.ts';
import { term, tr, type Text } from '../i18n/text.ts';
import type { Executor } from '../store/store.ts';

export const SMS_SETTINGS = 'SMS Settings';

/** A static parameter of the gateway request, or an HTTP header when `header` is checked. */
export const SMS_PARAMETER_DOCTYPE: DocTypeMeta = core({
  name: 'SMS Parameter',
  istable: 1,
  fields: [
    data('parameter', 'Parameter', { reqd: 1, in_list_view: 1 }),
    // Small Text, not Data: tokens and keys outgrow Data's 140 characters.
    { fieldname: 'value', label: 'Value', fieldtype: 'Small Text', reqd: 1, in_list_view: 1 },
    check('header', 'Header', { in_list_view: 1 }),
  ],
});

export const SMS_SETTINGS_DOCTYPE: DocTypeMeta = core({
  name: SMS_SETTINGS,
  // Named by the controller below (Frappe's single doctypes are named after themselves).
  autoname: 'prompt',
  fields: [
    {
      fieldname: 'sms_gateway_url',
      label: 'SMS Gateway URL',
      fieldtype: 'Small Text', // a URL with its query can outgrow Data's 140 characters
      reqd: 1,
      in_list_view: 1,
      description: 'Eg. https://smsgateway.com/api/send_sms.cgi',
    },
    data('message_parameter', 'Message Parameter', { reqd: 1, in_list_view: 1, description: 'Enter url parameter for message' }),
    data('receiver_parameter', 'Receiver Parameter', { reqd: 1, in_list_view: 1, description: 'Enter url parameter for receiver nos' }),
    data('sms_sender_name', 'SMS Sender Name'),
    {
      fieldname: 'parameters',
      label: 'Static Parameters',
      fieldtype: 'Table',
      options: 'SMS Parameter',
      description: 'Enter static url parameters here (Eg. sender=ERPNext, username=ERPNext, password=1234 etc.)',
    },
    check('use_post', 'Use POST'),
  ],
});

/** The doctypes this file adds, child table first (install order). */
export const SMS_DOCTYPES: DocTypeMeta[] = [SMS_PARAMETER_DOCTYPE, SMS_SETTINGS_DOCTYPE];

export interface SmsSettingsControllerDeps {
  /** RELAIS_ALLOW_PRIVATE_WEBHOOKS: the gateway may be on a private network (and the tests' loopback). */
  allowPrivateWebhooks: boolean;
}

function invalid(field: string, message: Text, row?: number): RelaisError {
  if (row === undefined) {
    return new RelaisError('INVALID_VALUE', tr`${term(SMS_SETTINGS)}: ${field}: ${message}`, { doctype: SMS_SETTINGS, field });
  }
  return new RelaisError('INVALID_VALUE', tr`${term(SMS_SETTINGS)}: parameters row ${row}: ${field}: ${message}`, {
    doctype: SMS_SETTINGS,
    field,
    row,
    tablefield: 'parameters',
  });
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The parameter rows: header rows must be sendable as HTTP headers. */
function checkParameters(doc: Doc): void {
  const rows = Array.isArray(doc.parameters) ? (doc.parameters as Array<Record<string, unknown>>) : [];
  rows.forEach((row, i) => {
    const [name, value] = [String(row.parameter ?? ''), String(row.value ?? '')];
    if (!row.header) return;
    if (!HEADER_NAME.test(name)) throw invalid('parameter', tr`"${name.slice(0, 60)}" is not an HTTP header name`, i + 1);
    if (CONTROL.test(value)) throw invalid('value', tr`a header value cannot hold line breaks or control characters`, i + 1);
  });
}

/** Keeps SMS Settings one document named `SMS Settings`, and checks the gateway URL (http(s), SSRF guard) on every save. */
export function registerSmsSettingsController(bus: HookBus, deps: SmsSettingsControllerDeps): void {
  bus.on(
    'before_insert',
    (ctx) => {
      ctx.doc.name = SMS_SETTINGS;
    },
    { doctype: SMS_SETTINGS },
  );
  bus.on(
    'validate',
    async (ctx) => {
      const { doc } = ctx;
      if (doc.name !== SMS_SETTINGS) {
        throw new RelaisError('INVALID_NAME', tr`${term(SMS_SETTINGS)} is a single document: its name is "${SMS_SETTINGS}"`, {
          doctype: SMS_SETTINGS,
          field: 'name',
        });
      }
      const url = typeof doc.sms_gateway_url === 'string' ? doc.sms_gateway_url.trim() : '';
      if (url) {
        const verdict = checkGatewayUrl(url);
        if (!verdict.ok) throw invalid('sms_gateway_url', verdict.reason);
        const forbidden = await forbiddenDestination(new URL(url), deps.allowPrivateWebhooks);
        if (forbidden) throw invalid('sms_gateway_url', forbidden);
        doc.sms_gateway_url = url;
      }
      checkParameters(doc);
    },
    { doctype: SMS_SETTINGS },
  );
  bus.on(
    'before_rename',
    () => {
      throw new RelaisError('INVALID_NAME', tr`${term(SMS_SETTINGS)} is a single document: it cannot be renamed`, {
        doctype: SMS_SETTINGS,
      });
    },
    { doctype: SMS_SETTINGS },
  );
}

/** The saved SMS Settings, or null when there are none (or no gateway URL): SMS deliveries wait then. */
export async function loadSmsSettings(db: Executor): Promise<SmsSettings | null> {
  const row = await db
    .selectFrom(tableName(SMS_SETTINGS))
    .select(['sms_gateway_url', 'message_parameter', 'receiver_parameter', 'use_post'])
    .where('name', '=', SMS_SETTINGS)
    .executeTakeFirst();
  if (!row || !row.sms_gateway_url) return null;
  const rows = await db
    .selectFrom(tableName('SMS Parameter'))
    .select(['parameter', 'value', 'header'])
    .where('parent', '=', SMS_SETTINGS)
    .where('parenttype', '=', SMS_SETTINGS)
    .where('parentfield', '=', 'parameters')
    .orderBy('idx')
    .execute();
  return {
    gatewayUrl: String(row.sms_gateway_url),
    messageParameter: String(row.message_parameter ?? ''),
    receiverParameter: String(row.receiver_parameter ?? ''),
    usePost: Number(row.use_post) === 1,
    parameters: rows.map((r) => ({ parameter: String(r.parameter ?? ''), value: String(r.value ?? ''), header: Number(r.header) === 1 })),
  };
}
