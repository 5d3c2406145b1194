/**
 * The Desk at a phone width (390×844, touch, French) in headless Chromium: log in with the keyboard
 * only (Tab to the fields, type, Enter); the menu is folded behind its "Menu" button: open it with the
 * keyboard, choose Intégration > URL de webhook entrant, and it folds again; open the new-webhook form. On the home page, the list and the form: no horizontal scrolling, every
 * visible input, select and textarea has an accessible name, and the form's Save button is reachable.
 * At a laptop width the menu is open with no button. A screenshot of each step goes to
 * test-results/screenshots/phone-fr/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { createGoogleChatWebhook } from '../support/fixtures.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, screenshotPath } from './browser.ts';

const [sqlite] = await testDatabases();
const LONG_NAME = 'espace-support-clients-europe-de-l-ouest-equipe-de-nuit';

/** Roughly Playwright's iPhone 13 descriptor, as far as Chromium honours it. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1',
};

describe.skipIf(!browserAvailable())('the Desk in Chromium at a phone width (French)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let origin = '';
  let page: Page;
  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });
  const shot = (step: string) => page.screenshot({ path: screenshotPath('phone-fr', step), fullPage: true });

  /** Presses Tab until `target` (an element or the id of one) has the focus (at most 20 times). */
  async function tabTo(target: string | Locator): Promise<void> {
    const focused = () =>
      typeof target === 'string'
        ? page.evaluate((id) => document.activeElement?.id === id, target)
        : target.evaluate((el) => el === document.activeElement);
    for (let i = 0; i < 20; i++) {
      if (await focused()) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${String(target)}`);
  }

  /** The page scrolls sideways by no more than a rounding pixel. */
  async function expectNoHorizontalScroll(): Promise<void> {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(clientWidth).toBe(PHONE.viewport.width); // the page is laid out at the phone width, not a 980px desktop one
    expect(scrollWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(clientWidth + 1);
  }

  /** Every visible input, select and textarea has a label or an aria-label. */
  async function expectEveryVisibleInputNamed(): Promise<void> {
    const fields = await page.locator('input, select, textarea').all();
    const unnamed: string[] = [];
    let visible = 0;
    for (const field of fields) {
      if (!(await field.isVisible())) continue;
      visible++;
      const named = await field.evaluate((el) => Boolean((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')));
      if (!named) unnamed.push(await field.evaluate((el) => el.outerHTML.slice(0, 120)));
    }
    expect(visible).toBeGreaterThan(0);
    expect(unnamed).toEqual([]);
  }

  beforeAll(async () => {
    ensureDeskBuilt();
    t = await startTestApp(sqlite, { RELAIS_LANGUAGE: 'fr' });
    // A row with a long name, so the list is checked with a table in it rather than empty.
    await createGoogleChatWebhook(t.app, LONG_NAME);
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    context = await browser.newContext({ ...PHONE, locale: 'fr-FR' });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it('logs in with the keyboard only', async () => {
    await page.goto(`${origin}/app`);
    await page.getByLabel('Utilisateur').waitFor();
    expect(await page.getByLabel('Langue').inputValue()).toBe('fr');
    await expectNoHorizontalScroll();
    await expectEveryVisibleInputNamed();
    await shot('0-connexion');

    await tabTo('login-usr');
    await page.keyboard.type('Administrator');
    await tabTo('login-pwd');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await menu().waitFor();
    expect(await page.getByText('Connecté : Administrator').count()).toBe(1);
  });

  it('the home page fits the width and names its inputs', async () => {
    await expectNoHorizontalScroll();
    await expectEveryVisibleInputNamed();
    await shot('1-accueil');
  });

  it('opens the folded menu with the keyboard, chooses URL de webhook entrant, and the menu folds again', async () => {
    const toggle = menu().getByRole('button', { name: 'Menu' });
    const link = menu().getByRole('link', { name: 'URL de webhook entrant' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await link.isVisible()).toBe(false);
    const items = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
    expect(await items.count()).toBe(1);

    await tabTo(toggle);
    await page.keyboard.press('Enter');
    await link.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await items.isVisible()).toBe(true);
    await expectNoHorizontalScroll();
    await shot('2-menu-ouvert');
    // Escape folds it and gives the focus back to the button; Space opens it again.
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await link.waitFor();

    await tabTo(link);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/app\/incoming-webhook-url$/);
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await link.isVisible()).toBe(false);
  });

  it('the list of URL de webhook entrant fits the width', async () => {
    const add = page.getByRole('link', { name: 'Ajouter URL Webhook entrant' });
    await add.waitFor();
    await page.getByRole('link', { name: LONG_NAME }).waitFor();
    await expectNoHorizontalScroll();
    await expectEveryVisibleInputNamed();
    await shot('3-liste');
  });

  it('opens the new-webhook form: it fits the width, names its inputs, and Save is reachable', async () => {
    await page.getByRole('link', { name: 'Ajouter URL Webhook entrant' }).click();
    await page.locator('#field-webhook_name').waitFor();
    await expectNoHorizontalScroll();
    await expectEveryVisibleInputNamed();
    await shot('4-formulaire');

    const save = page.getByRole('button', { name: 'Enregistrer' });
    await save.scrollIntoViewIfNeeded();
    expect(await save.isVisible()).toBe(true);
    expect(await save.isEnabled()).toBe(true);
    const box = await save.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.viewport.width + 1);
    // Reachable with the keyboard too: Tab from the last field lands on it before leaving the form.
    await page.locator('#field-webhook_name').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await save.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'Tab never reached Enregistrer').toBe(true);
    await shot('5-enregistrer-atteint');
  });

  it('at a laptop width the menu is open and has no button', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await menu().getByRole('link', { name: 'URL de webhook entrant' }).waitFor();
    expect(await menu().getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await shot('6-ordinateur');
  });
});
