/**
 * The Dokos guide's walkthrough, step 1, in French, in headless Chromium against a Relais server on
 * 127.0.0.1: log in, Intégration > URL de webhook entrant, add a Google Chat webhook; a wrong URL is
 * refused inline with the reason, the saved URL shows masked, and a test send reaches the fake Google
 * Chat. A screenshot of each step goes to test-results/screenshots/walkthrough-fr/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookUrlOf } from '../../src/integrations/webhook-url-controller.ts';
import { testDatabases } from '../support/databases.ts';
import { startFakeGoogleChat, type FakeGoogleChat } from '../support/fake-google-chat.ts';
import { googleChatUrl } from '../support/fixtures.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, openLaptopPage, screenshotPath } from './browser.ts';

const [sqlite] = await testDatabases();

describe.skipIf(!browserAvailable())('the Desk in Chromium (French): Incoming Webhook URL', () => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  let browser: Browser;
  let origin = '';
  let page: Page;
  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });
  const shot = (step: string) => page.screenshot({ path: screenshotPath('walkthrough-fr', step), fullPage: true });

  beforeAll(async () => {
    ensureDeskBuilt();
    chat = await startFakeGoogleChat();
    t = await startTestApp(sqlite, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_LANGUAGE: 'fr' });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'fr');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await chat?.close();
  });

  it('logs in with the French labels, and a wrong password is refused in words', async () => {
    await page.goto(`${origin}/app`);
    await page.getByLabel('Langue').selectOption('fr');
    await page.getByLabel('Utilisateur').fill('Administrator');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Invalid login credentials|identifiants/i);
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Menu principal' }).waitFor();
    await shot('1-connecte');
    expect(await page.getByText('Connecté : Administrator').count()).toBe(1);
  });

  it('adds a Google Chat webhook: a wrong URL is refused inline, the saved one shows masked', async () => {
    await menu().getByRole('link', { name: 'URL de webhook entrant' }).click();
    await page.getByRole('link', { name: 'Ajouter URL Webhook entrant' }).click();
    await page.locator('#field-webhook_name').fill('support-space');
    await page.getByLabel('Service', { exact: true }).selectOption('Google Chat');
    // A field's help text is stored in English and shown in French.
    expect(await page.locator('#field-signing_secret-hint').textContent()).toMatch(/^Webhook uniquement : whsec_/);
    await page.locator('#field-webhook_url').fill('https://chat.example.com/v1/spaces/AAAA/messages?key=k&token=t');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const fieldError = page.locator('#field-webhook_url-error');
    await fieldError.waitFor();
    // The server's reason, in the Desk's language.
    expect(await fieldError.textContent()).toMatch(
      /une URL de webhook Google Chat est sur chat\.googleapis\.com, pas sur chat\.example\.com/,
    );
    expect(await page.getByRole('alert').textContent()).toMatch(/^Non enregistré/);
    await shot('2-url-refusee');

    const url = googleChatUrl('ESPACE', chat.origin);
    await page.locator('#field-webhook_url').fill(url);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await shot('3-webhook-enregistre');
    const shown = await page.locator('#field-webhook_url').inputValue();
    expect(shown).toBe(`${chat.origin}/v1/spaces/ESPACE/messages?key=…&token=••••`);
    expect(await page.content()).not.toContain('fake-token-ESPACE');
    expect(await webhookUrlOf(t.app.store.db, 'support-space')).toBe(url); // kept byte for byte
  });

  it('lists the webhook with the French labels', async () => {
    await menu().getByRole('link', { name: 'URL de webhook entrant' }).click();
    await page.getByRole('link', { name: 'support-space' }).waitFor();
    await shot('4-liste-des-webhooks');
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Service', 'Activé']));
  });
});
