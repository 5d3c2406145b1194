/**
 * The second browser test: the walkthrough in English with a Slack webhook and the preview
 * panel, in headless Chromium against a Relais server on 127.0.0.1 with its delivery worker running and
 * a loopback Slack (the webhook sink answers 200 `ok`, as Slack does). Integrations > Incoming Webhook
 * URL > New (Service Slack), then Notification > New (External Collaboration Tool, the Slack webhook,
 * event New, a message with {{ doc.name }}); the preview shows Slack's exact JSON (the text and a "Go to
 * the document" button); "Test this notification" sends to the sink for real and says Sent; a Ticket
 * created in the form (/app/ticket/new, Save) reaches the sink rendered. Then "Explain
 * notifications" on a Ticket's form: one notification fires, another does not, with its reason.
 * Screenshots: test-results/screenshots/walkthrough-en-slack/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOk } from '../support/fixtures.ts';
import { testDatabases } from '../support/databases.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import {
  browserAvailable,
  createTicketDoctype,
  ensureDeskBuilt,
  launchChromium,
  logIn,
  openLaptopPage,
  screenshotPath,
} from './browser.ts';

const [sqlite] = await testDatabases();

const SLACK_PATH = '/services/T0A1B2C3D4/B0E5F6G7H8I/u8jzPde0IgxLd6GncfBAepfJ';
const MESSAGE = '*New ticket*\nTicket {{ doc.name }} from {{ doc.customer }}: {{ doc.subject }}';
const rendered = (name: string, customer: string, subject: string) => `*New ticket*\nTicket ${name} from ${customer}: ${subject}`;

describe.skipIf(!browserAvailable())('the Desk in Chromium (English): a Slack notification, its preview, and the explain view', () => {
  let t: TestApp;
  let slack: WebhookSink;
  let browser: Browser;
  let origin = '';
  let page: Page;
  let existing = '';
  const menu = () => page.getByRole('navigation', { name: 'Main menu' });
  const shot = (step: string) => page.screenshot({ path: screenshotPath('walkthrough-en-slack', step), fullPage: true });
  const apiCall = (method: 'GET' | 'POST', url: string, payload?: object) => apiOk(t.server, method, url, payload);
  const slackBodies = () => slack.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

  beforeAll(async () => {
    ensureDeskBuilt();
    slack = await startWebhookSink();
    t = await startTestApp(sqlite, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_LANGUAGE: 'en' });
    t.app.delivery.worker.start();
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createTicketDoctype(t.server);
    existing = String((await apiCall('POST', '/api/resource/Ticket', { customer: 'Acme Ltd', subject: 'Printer jammed' })).data?.name);
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'en');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await slack?.close();
  });

  it('logs in in English and adds a Slack webhook through Integrations > Incoming Webhook URL', async () => {
    await logIn(page, origin, 'en', 'Administrator', ADMIN_PASSWORD);
    await menu().getByRole('link', { name: 'Incoming Webhook URL' }).click();
    await page.getByRole('link', { name: 'New', exact: true }).click();
    await page.locator('#field-webhook_name').fill('slack-support');
    await page.getByLabel('Service', { exact: true }).selectOption('Slack');
    await page.locator('#field-webhook_url').fill(`${slack.origin}${SLACK_PATH}`);
    await shot('1-new-slack-webhook');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot('2-slack-webhook-saved');
    expect(await page.locator('#field-webhook_url').inputValue()).toBe(`${slack.origin}/services/T…/B…/••••`);
  });

  it('creates the Notification; the preview shows the exact JSON Slack will receive', async () => {
    await menu().getByRole('link', { name: 'Notification' }).click();
    await page.getByRole('link', { name: 'New', exact: true }).click();
    await page.getByRole('heading', { name: 'Filters' }).waitFor();
    await page.locator('#field-name').fill('new-ticket-slack');
    await page.getByLabel('Channel').selectOption({ label: 'External Collaboration Tool' });
    await page.locator('#field-incoming_webhook_url').fill('slack-support');
    await page.locator('#field-subject').fill('New ticket {{ doc.name }}');
    await page.locator('#field-document_type').fill('Ticket');
    await page.locator('#field-event').selectOption({ label: 'New' });
    await page.locator('#field-condition').fill('doc.status=="Open"');
    await page.locator('#field-message').fill(MESSAGE);
    await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).textContent()).toContain('Ticket {{ doc.name }} from');

    const expected = rendered(existing, 'Acme Ltd', 'Printer jammed');
    await expect.poll(() => page.locator('#preview-message').textContent(), { timeout: 10_000 }).toBe(expected);
    expect(await page.locator('#preview-document').inputValue()).toBe(existing);
    expect(await page.locator('#preview-condition').textContent()).toMatch(/^Yes/);
    expect(await page.locator('#preview-subject').textContent()).toBe(`New ticket ${existing}`);
    const shown = JSON.parse((await page.locator('#preview-payload-0').textContent()) ?? '') as {
      text: string;
      attachments: Array<{ fallback: string; actions: Array<Record<string, unknown>> }>;
    };
    expect(shown.text).toBe(expected);
    expect(shown.attachments[0].actions[0]).toMatchObject({ type: 'button', text: 'Go to the document', style: 'primary' });
    expect(String(shown.attachments[0].actions[0].url)).toMatch(new RegExp(`/app/ticket/${existing}$`));
    const fromApi = (await apiCall('POST', '/api/method/relais.notification.preview', {
      notification: {
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'slack-support',
        document_type: 'Ticket',
        event: 'New',
        subject: 'New ticket {{ doc.name }}',
        condition: 'doc.status=="Open"',
        message: MESSAGE,
      },
      name: existing,
    })) as { message: { destinations: Array<{ payload: { service: string; body: unknown } }> } };
    expect(fromApi.message.destinations[0].payload.service).toBe('Slack');
    expect(shown).toEqual(fromApi.message.destinations[0].payload.body);
    await shot('3-message-and-slack-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot('4-notification-saved');
    const saved = (await apiCall('GET', '/api/resource/Notification/new-ticket-slack')).data!;
    expect(saved).toMatchObject({
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'slack-support',
      event: 'New',
      message: MESSAGE,
    });
    expect(slack.requests).toHaveLength(0); // previewing sends nothing
  });

  it('Test this notification: the dialog says Sent and Slack received the rendered message', async () => {
    await page.getByRole('button', { name: 'Test this notification' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test this notification' });
    await dialog.getByLabel('Document').selectOption(existing);
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/Sent to slack-support/);
    await shot('5-test-sent');
    expect(slack.requests).toHaveLength(1);
    expect((slackBodies()[0] as { text: string }).text).toBe(rendered(existing, 'Acme Ltd', 'Printer jammed'));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('a Ticket created in the form reaches Slack, rendered', async () => {
    await page.goto(`${origin}/app/ticket/new`);
    await page.locator('#field-customer').fill('Globex');
    await page.locator('#field-subject').fill('Screen is black');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/app\/ticket\/TCK-\d+$/);
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot('6-new-ticket-saved');
    const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(name).not.toBe(existing);
    await slack.waitFor(2, 15_000);
    const request = slack.requests[1];
    expect(request.method).toBe('POST');
    expect(request.url).toBe(SLACK_PATH);
    const body = slackBodies()[1] as { text: string; attachments: Array<{ actions: Array<Record<string, unknown>> }> };
    expect(body.text).toBe(rendered(name, 'Globex', 'Screen is black'));
    expect(body.attachments[0].actions[0]).toMatchObject({ type: 'button', text: 'Go to the document' });
    expect(String(body.attachments[0].actions[0].url)).toMatch(new RegExp(`/app/ticket/${name}$`));
  });

  it('Explain notifications on a Ticket: which one fires, and why the others do not', async () => {
    await apiCall('POST', '/api/resource/Notification', {
      name: 'closed-tickets',
      enabled: 1,
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'slack-support',
      document_type: 'Ticket',
      event: 'New',
      subject: 'Closed {{ doc.name }}',
      condition: 'doc.status=="Closed"',
      message: 'Closed: {{ doc.name }}',
    });
    await apiCall('POST', '/api/resource/Notification', {
      name: 'switched-off',
      enabled: 0,
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'slack-support',
      document_type: 'Ticket',
      event: 'New',
      subject: 'Off',
      message: 'Off {{ doc.name }}',
    });
    await page.goto(`${origin}/app/ticket/${existing}`);
    await page.getByRole('button', { name: 'Explain notifications' }).click();
    await page.getByRole('heading', { name: 'Which notifications fire on this document' }).waitFor();
    const item = (notification: string) => page.locator('#explain-results li').filter({ hasText: notification });
    await expect.poll(() => page.locator('#explain-results li').count(), { timeout: 10_000 }).toBe(3);
    expect(await item('new-ticket-slack').textContent()).toContain('Would be sent (on New)');
    const closed = (await item('closed-tickets').textContent()) ?? '';
    expect(closed).toContain('Would not be sent');
    expect(closed).toContain('The condition doc.status=="Closed" is false for this document.');
    expect(closed).toContain('doc.status = “Open”');
    expect(await item('switched-off').textContent()).toContain('The notification is disabled.');
    await shot('7-explain-notifications');

    // The API's answer is what the view words.
    const answer = (await apiCall('POST', '/api/method/relais.notification.explain', { doctype: 'Ticket', name: existing })).message;
    expect(answer).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ notification: 'new-ticket-slack', would_fire: true }),
        expect.objectContaining({ notification: 'closed-tickets', would_fire: false, reason: 'condition_false' }),
        expect.objectContaining({ notification: 'switched-off', would_fire: false, reason: 'disabled' }),
      ]),
    );
  });

  it("the server answers in the Desk's language, not the browser's: French chosen in an English browser", async () => {
    const other = await browser.newPage({ locale: 'en-US' });
    try {
      await other.goto(`${origin}/app`);
      await other.getByLabel('Language').selectOption('fr');
      await other.getByLabel('Utilisateur').fill('Administrator');
      await other.getByLabel('Mot de passe').fill('not-the-password');
      await other.getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => other.getByRole('alert').textContent()).toMatch(/Identifiants de connexion invalides/);
    } finally {
      await other.close();
    }
  });
});
