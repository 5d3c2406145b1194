/**
 * The explain view and the delivery log in French, in headless Chromium against a Relais server on
 * 127.0.0.1 (site language French) and a fake Google Chat: on an Issue's form "Expliquer les
 * notifications" says which notification would be sent and why the others would not; a delivery that
 * Google Chat refused is Abandonnée in the « Journal des envois », its error in French, and « Réessayer »
 * sends it. A form saved without its mandatory subject is refused in French, next to the field.
 * Screenshots: test-results/screenshots/log-explain-fr/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { apiOk, createIssueDoctypes, googleChatUrl, resourceUrl, sampleIssue } from '../support/fixtures.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, logIn, openLaptopPage, screenshotPath } from './browser.ts';
import { shortName } from '../../web/src/delivery/short-name.ts';

const [sqlite] = await testDatabases();
const SPACE = 'JOURNAL';
const WEBHOOK = 'espace-support';

describe.skipIf(!browserAvailable())('the Desk in Chromium (French): the explain view and the delivery log', () => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  let browser: Browser;
  let origin = '';
  let page: Page;
  let issue = '';
  const shot = (step: string) => page.screenshot({ path: screenshotPath('log-explain-fr', step), fullPage: true });
  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });
  const notification = (name: string, fields: Record<string, unknown>) =>
    apiOk(t.server, 'POST', resourceUrl('Notification'), {
      name,
      document_type: 'Issue',
      event: 'New',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: WEBHOOK,
      subject: 'Ticket {{ doc.name }}',
      message: 'Nouveau ticket {{ doc.name }} : {{ doc.subject }}',
      ...fields,
    });

  beforeAll(async () => {
    ensureDeskBuilt();
    chat = await startFakeGoogleChat();
    t = await startTestApp(sqlite, {
      RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1',
      RELAIS_DELIVERY_PACING: '0',
      RELAIS_DELIVERY_WORKER: '0',
      RELAIS_LANGUAGE: 'fr',
    });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createIssueDoctypes(t.server);
    await apiOk(t.server, 'POST', resourceUrl('Incoming Webhook URL'), {
      webhook_name: WEBHOOK,
      service: 'Google Chat',
      webhook_url: googleChatUrl(SPACE, chat.origin),
    });
    await notification('nouveau-ticket', {});
    await notification('tickets-fermes', { condition: 'doc.status=="Closed"' });
    await notification('notification-eteinte', { enabled: 0 });
    chat.failNext(1, 400);
    issue = (await apiOk(t.server, 'POST', resourceUrl('Issue'), sampleIssue({ subject: 'Imprimante en feu' }))).data.name;
    await t.app.delivery.worker.runUntilIdle();
    // Made after the Issue: it has not been sent for it, so it would be now.
    await notification('ticket-ouvert', { condition: 'doc.status=="Open"' });
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'fr');
    await logIn(page, origin, 'fr', 'Administrator', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await chat?.close();
  });

  it('« Expliquer les notifications » on an Issue: which one would be sent, and why not the others', async () => {
    await page.goto(`${origin}/app/issue/${issue}`);
    await page.getByRole('button', { name: 'Expliquer les notifications' }).click();
    await page.getByRole('heading', { name: 'Quelles notifications partent pour ce document' }).waitFor();
    const item = (name: string) => page.locator('#explain-results li').filter({ hasText: name });
    await expect.poll(() => page.locator('#explain-results li').count(), { timeout: 10_000 }).toBe(4);
    expect(await item('ticket-ouvert').textContent()).toContain('Serait envoyée (événement Nouveau)');
    expect(await item('nouveau-ticket').textContent()).toContain('Elle a déjà été envoyée pour ce document');
    const closed = (await item('tickets-fermes').textContent()) ?? '';
    expect(closed).toContain('Ne serait pas envoyée');
    expect(closed).toContain('La condition doc.status=="Closed" est fausse pour ce document.');
    expect(await item('notification-eteinte').textContent()).toContain('La notification est désactivée.');
    await shot('1-expliquer');
  });

  it('a form saved without its mandatory subject is refused in French, next to the field; its history in French', async () => {
    await page.goto(`${origin}/app/issue/new`);
    await page.locator('#field-subject').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const fieldError = page.locator('#field-subject-error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/Valeur manquante pour Issue : Sujet/);
    expect(await page.getByRole('alert').textContent()).toMatch(/^Non enregistré/);
    await shot('2-sujet-manquant');

    // Saved, then changed: the history names the field by its French label.
    await page.locator('#field-subject').fill('Scanner en panne');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/app\/issue\/ISS-\d+$/);
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await page.locator('#field-subject').fill('Scanner réparé');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Sujet : Scanner en panne → Scanner réparé').waitFor();
  });

  it('the « Journal des envois »: a refused delivery is Abandonnée, retried, then Envoyée', async () => {
    const [delivery] = (
      await apiOk(
        t.server,
        'GET',
        `${resourceUrl('Notification Delivery')}?fields=${encodeURIComponent('["name","status"]')}&filters=${encodeURIComponent(
          JSON.stringify([
            ['notification', '=', 'nouveau-ticket'],
            ['reference_name', '=', issue],
          ]),
        )}`,
      )
    ).data as Array<{ name: string; status: string }>;
    expect(delivery.status).toBe('Dead');

    await menu().getByRole('link', { name: 'Journal des envois' }).click();
    await page.getByRole('heading', { name: 'Journal des envois' }).waitFor();
    await page.getByRole('button', { name: 'Abandonnées', exact: true }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: shortName(delivery.name), exact: true }) });
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Abandonnée', exact: true }).count()).toBe(1);
    await shot('3-journal-abandonnee');

    await row.getByRole('link', { name: shortName(delivery.name), exact: true }).click();
    await page.getByRole('columnheader', { name: 'Résultat' }).waitFor();
    expect(await page.locator('table.attempts tbody tr td:nth-of-type(2)').allTextContents()).toEqual(['Refusé']);
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByRole('status').filter({ hasText: "C'est fait : l'envoi est maintenant" }).waitFor();
    await t.app.delivery.worker.runUntilIdle();
    await expect
      .poll(async () => {
        await page.reload();
        await page.locator('table.attempts').waitFor();
        return page.locator('table.attempts tbody tr td:nth-of-type(2)').allTextContents();
      })
      .toEqual(['Refusé', 'Envoyé']);
    expect(await page.locator('.page-head .badge').textContent()).toBe('Envoyée');
    // The refusal stored with the first attempt is in the site language, French here.
    expect(await page.locator('table.attempts tbody tr').first().getByRole('cell').nth(5).textContent()).toMatch(/^HTTP 400 : /);
    await shot('4-reessaye-envoyee');
  });
});
