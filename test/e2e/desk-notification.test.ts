/**
 * The Dokos guide's walkthrough, steps 2–6, in French, in headless Chromium against a Relais server on
 * 127.0.0.1 with its delivery worker running: Paramètres > Notification > Ajouter une notification, the
 * channel Outil de collaboration externe and a Google Chat webhook on a fake, the Filtres, the guide's
 * Message with its live preview (the exact JSON Google Chat receives), then Tester cette notification
 * (the dialog says Envoyé, the fake received the rendered message), then a new Ticket created through the
 * form (/app/ticket/new, Enregistrer) that notifies Google Chat. The condition is typed with the keyboard in
 * its CodeMirror editor (completion of doc.<field>, a syntax error marked at its line, Tab leaves it); the
 * saved notification shows Activé, its history, and the delivery of the test in its own deliveries.
 * Screenshots: test-results/screenshots/walkthrough-fr-notification/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { apiOk, googleChatUrl } from '../support/fixtures.ts';
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

/** The guide's example message (4.3 Message). */
const GUIDE_MESSAGE = '*Nouveau ticket*\nNouvelle demande n° {{ doc.name }}.\n• Client : {{ doc.customer }}\n• Sujet : {{ doc.subject }}';
const rendered = (name: string, customer: string, subject: string) =>
  `*Nouveau ticket*\nNouvelle demande n° ${name}.\n• Client : ${customer}\n• Sujet : ${subject}`;

describe.skipIf(!browserAvailable())('the Desk in Chromium (French): Notification', () => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  let browser: Browser;
  let origin = '';
  let page: Page;
  let existing = '';
  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });
  const shot = (step: string) => page.screenshot({ path: screenshotPath('walkthrough-fr-notification', step), fullPage: true });
  const apiCall = (method: 'GET' | 'POST', url: string, payload?: object) => apiOk(t.server, method, url, payload);
  const chatTexts = () => chat.messages.map((m) => m.body.text ?? '');

  beforeAll(async () => {
    ensureDeskBuilt();
    chat = await startFakeGoogleChat();
    t = await startTestApp(sqlite, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_LANGUAGE: 'fr' });
    t.app.delivery.worker.start();
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createTicketDoctype(t.server);
    await apiCall('POST', '/api/resource/Incoming Webhook URL', {
      webhook_name: 'support-space',
      service: 'Google Chat',
      webhook_url: googleChatUrl('ESPACE', chat.origin),
    });
    existing = String(
      (await apiCall('POST', '/api/resource/Ticket', { customer: 'Dupont SA', subject: 'Imprimante en panne' })).data?.name,
    );
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'fr');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await chat?.close();
  });

  it('logs in and opens Ajouter une notification', async () => {
    await logIn(page, origin, 'fr', 'Administrator', ADMIN_PASSWORD);
    await menu().getByRole('link', { name: 'Notification' }).click();
    await page.getByRole('link', { name: 'Ajouter une notification' }).click();
    await page.getByRole('heading', { name: 'Filtres' }).waitFor();
    await shot('1-nouvelle-notification');
  });

  it('fills the channel, the Filtres and the Message; the preview shows the JSON Google Chat will receive', async () => {
    await page.locator('#field-name').fill('nouveau-ticket');
    expect(await page.getByLabel('Activé').isChecked()).toBe(true);
    expect(await page.locator('#field-incoming_webhook_url').count()).toBe(0); // only for the collaboration channel
    await page.getByLabel('Canal').selectOption({ label: 'Outil de collaboration externe' });
    await page.locator('#field-incoming_webhook_url').fill('support-space');
    await shot('2-canal-et-webhook');

    await page.getByLabel('Sujet').fill('Nouveau ticket {{ doc.name }}');
    await page.getByLabel('Type de document').fill('Ticket');
    await page.getByLabel("Envoyer une alerte lors de l'événement").selectOption({ label: 'Jours après' });
    // The date field offers the Date fields of Ticket only.
    await expect.poll(() => page.locator('#field-date_changed option').allTextContents()).toContain('Due Date (due_date)');
    expect(await page.locator('#field-date_changed option').allTextContents()).not.toContain('Customer (customer)');
    await page.getByLabel("Envoyer une alerte lors de l'événement").selectOption({ label: 'Nouveau' });
    expect(await page.locator('#field-date_changed').count()).toBe(0);
    // The condition, with the keyboard only: Tab from the checkbox into the editor, doc. offers the
    // fields of Ticket, Entrée takes one; an unfinished condition is marked at its line.
    await page.getByLabel('Envoyer une notification système').focus();
    await page.keyboard.press('Tab');
    const condition = page.getByRole('textbox', { name: 'Conditions' });
    await expect.poll(() => condition.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('doc.');
    const completions = page.locator('.cm-tooltip-autocomplete');
    await expect.poll(() => completions.textContent()).toContain('due_date');
    await page.keyboard.type('sta');
    await page.keyboard.press('Enter');
    await page.keyboard.type('==');
    await expect.poll(() => page.locator('#field-condition').inputValue()).toBe('doc.status==');
    await expect.poll(() => page.locator('.condition-editor .cm-lintRange-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('#field-condition-problem').textContent()).toMatch(/condition, ligne 1/);
    expect(await condition.getAttribute('aria-describedby')).toContain('field-condition-problem');
    await shot('3-condition-erreur-en-ligne');
    await page.keyboard.type('"Open"');
    await expect.poll(() => page.locator('.condition-editor .cm-lintRange-error').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('#field-condition-problem').count()).toBe(0);
    expect(await page.locator('#field-condition').inputValue()).toBe('doc.status=="Open"');
    await page.keyboard.press('Tab');
    expect(await condition.evaluate((el) => el === document.activeElement)).toBe(false);
    expect(await page.locator('#field-condition-hint').textContent()).toContain('doc.total > 40000');
    await shot('3-filtres');

    // The Message: the guide's example, in the CodeMirror editor (its hidden textarea #field-message).
    await page.locator('#field-message').fill(GUIDE_MESSAGE);
    const editor = page.getByRole('textbox', { name: 'Message' });
    await expect.poll(() => editor.textContent()).toContain('Nouvelle demande n° {{ doc.name }}.');

    const expected = rendered(existing, 'Dupont SA', 'Imprimante en panne');
    await expect.poll(() => page.locator('#preview-message').textContent(), { timeout: 10_000 }).toBe(expected);
    expect(await page.locator('#preview-condition').textContent()).toMatch(/^Oui/);
    expect(await page.locator('#preview-subject').textContent()).toBe(`Nouveau ticket ${existing}`);
    const shown = JSON.parse((await page.locator('#preview-payload-0').textContent()) ?? '');
    const fromApi = (await apiCall('POST', '/api/method/relais.notification.preview', {
      notification: {
        channel: 'External Collaboration Tool',
        incoming_webhook_url: 'support-space',
        document_type: 'Ticket',
        event: 'New',
        subject: 'Nouveau ticket {{ doc.name }}',
        condition: 'doc.status=="Open"',
        message: GUIDE_MESSAGE,
      },
      name: existing,
    })) as { message: { destinations: Array<{ payload: { body: unknown } }> } };
    expect(shown).toEqual(fromApi.message.destinations[0].payload.body);
    expect(JSON.stringify(shown)).toContain(JSON.stringify(expected).slice(1, -1));
    await shot('4-message-et-apercu');

    // A template error is shown with its line, as one types.
    await page.locator('#field-message').fill(`${GUIDE_MESSAGE}\n{{ doc.name `);
    await expect.poll(() => page.locator('#preview-error').textContent(), { timeout: 10_000 }).toMatch(/ligne 5/);
    await shot('5-erreur-de-syntaxe');
    await page.locator('#field-message').fill(GUIDE_MESSAGE);
    await expect.poll(() => page.locator('#preview-error').count(), { timeout: 10_000 }).toBe(0);

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    expect(await page.locator('.notification-state').textContent()).toContain('Activé');
    await shot('6-notification-enregistree');
    const saved = (await apiCall('GET', '/api/resource/Notification/nouveau-ticket')).data!;
    expect(saved).toMatchObject({
      channel: 'External Collaboration Tool',
      incoming_webhook_url: 'support-space',
      event: 'New',
      message: GUIDE_MESSAGE,
    });
  });

  it('Tester cette notification: the dialog says Envoyé and Google Chat received the rendered message', async () => {
    const before = chat.messages.length;
    await page.getByRole('button', { name: 'Tester cette notification' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tester cette notification' });
    await dialog.getByLabel('Document').selectOption(existing);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/Envoyé à support-space/);
    await shot('7-test-envoye');
    expect(chat.messages.length).toBe(before + 1);
    expect(chatTexts().at(-1)).toContain(rendered(existing, 'Dupont SA', 'Imprimante en panne'));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // The notification's own deliveries list the test, sent, with a link to its page in the log.
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    const deliveries = page.getByRole('region', { name: 'Envois de cette notification' });
    const row = deliveries.getByRole('row').filter({ hasText: 'support-space' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('Envoyée');
    expect(await row.textContent()).toContain(`Ticket ${existing}`);
    expect(await row.getByRole('link').first().getAttribute('href')).toMatch(/^\/app\/notification-delivery\/./);
    await deliveries.scrollIntoViewIfNeeded();
    await shot('8-envois-de-la-notification');
  });

  it('a new Ticket created in the form notifies Google Chat', async () => {
    await page.goto(`${origin}/app/ticket/new`);
    await page.locator('#field-customer').fill('Martin SARL');
    await page.locator('#field-subject').fill('Écran noir');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/app\/ticket\/TCK-\d+$/);
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    expect(name).not.toBe(existing);
    expect((await apiCall('GET', `/api/resource/Ticket/${encodeURIComponent(name)}`)).data).toMatchObject({
      customer: 'Martin SARL',
      subject: 'Écran noir',
      status: 'Open',
    });
    await shot('9-nouveau-ticket-enregistre');
    const expected = rendered(name, 'Martin SARL', 'Écran noir');
    await expect.poll(() => chatTexts().some((text) => text.includes(expected)), { timeout: 15_000 }).toBe(true);
  });
});
