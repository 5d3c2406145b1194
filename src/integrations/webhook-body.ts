/**
 * The generic webhook's body template: Jinja that renders the JSON body sent instead of the default one
 * (src/channels/webhook/webhook.ts). The delivery worker renders it at send time; the webhook
 * controller renders it against a sample when the webhook is saved. What the template sees:
 *
 * | name           | what                                                                       |
 * | -------------- | -------------------------------------------------------------------------- |
 * | `subject`      | the notification's rendered subject                                        |
 * | `message`      | the notification's rendered message                                        |
 * | `document`     | `{doctype, name, url}` of the document (`url` none without a link), or none |
 * | `event`        | the Notification's event: `New`, `Save`, `Submit`, `Days Before`…          |
 * | `notification` | the Notification's name                                                    |
 * | `delivery`     | the delivery's name: the same on every retry (also the `webhook-id`)       |
 * | `occurred_at`  | when the event happened, ISO 8601 UTC                                      |
 * | `site_url`     | the site's URL, e.g. `https://erp.example.com`                             |
 *
 * Text goes into JSON through `tojson`, which quotes and escapes it: `{"text": {{ message|tojson }}}`.
 * The result must parse as JSON; it is then sent byte for byte as rendered (and signed as such).
 */
import { RelaisError } from '../errors/relais-error.ts';
import { tr } from '../i18n/text.ts';
import { templateProblemText } from '../templates/problem-words.ts';
import type { TemplateEngine } from '../templates/template-engine.ts';
import type { TemplateContext } from '../templates/template-types.ts';

export interface WebhookBodyContext {
  subject: string;
  message: string;
  document: { doctype: string; name: string; url: string | null } | null;
  event: string;
  notification: string;
  delivery: string;
  occurred_at: string;
  site_url: string;
}

/** Renders a body template; WEBHOOK_BODY_INVALID when it fails to render or renders something that is not JSON. */
export async function renderWebhookBody(templates: TemplateEngine, template: string, context: WebhookBodyContext): Promise<string> {
  // The engine's context type asks for `doc`; a body template sees the names above and no `doc`.
  const [outcome] = await templates.render([{ kind: 'template', source: template, context: context as unknown as TemplateContext }]);
  if (!outcome.ok) {
    const { code, line, column } = outcome.problem;
    const problem = templateProblemText(outcome.problem);
    const message =
      code === 'TEMPLATE_UNKNOWN_NAME'
        ? tr`the body template does not render: ${problem}; it sees ${Object.keys(context).join(', ')}`
        : tr`the body template does not render: ${problem}`;
    throw new RelaisError('WEBHOOK_BODY_INVALID', message, { problem: code, line, column });
  }
  const body = String(outcome.value);
  try {
    JSON.parse(body);
  } catch (err) {
    throw new RelaisError(
      'WEBHOOK_BODY_INVALID',
      tr`the body template does not render valid JSON: ${(err as Error).message}. Put text in with tojson: {"text": {{ message|tojson }}}`,
      { problem: 'BAD_JSON' },
    );
  }
  return body;
}

/**
 * What a body template is checked against when the webhook is saved. The message holds quotes and a line
 * break, as real messages do, so that a template pasting text between quotes without `tojson` is caught.
 */
export function sampleWebhookBodyContext(siteUrl: string): WebhookBodyContext {
  return {
    subject: 'Sample subject',
    message: 'A sample message with "quotes"\nand a second line',
    document: { doctype: 'Sales Invoice', name: 'SINV-0001', url: `${siteUrl}/app/sales-invoice/SINV-0001` },
    event: 'Submit',
    notification: 'Sample Notification',
    delivery: 'sample-delivery',
    occurred_at: '2026-01-01T00:00:00.000Z',
    site_url: siteUrl,
  };
}
