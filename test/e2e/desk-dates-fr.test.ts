/**
 * Dates typed the Desk language's way, in French, in headless Chromium: a Date field reads and takes
 * 31/12/2026 (placeholder jj/mm/aaaa), an impossible 31/02/2026 is refused inline and kept as typed, a
 * Datetime takes 27/11/2026 09:30, and the API stores 2026-12-31 and 2026-11-27 09:30:00; the picker
 * button opens the browser's picker, whose choice shows in French; in English the same date reads
 * 01/15/2027. List filters follow the field's type: a Select offers its options in French (Format du
 * message = Carte), a Check Oui/Non with = and != only, a Date takes 01/01/2027 and the URL keeps
 * 2027-01-01. Screenshots go to test-results/screenshots/dates-fr/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { SYSTEM_ACTOR } from '../../src/documents/permissions.ts';
import { apiOk, createIssueDoctypes, googleChatUrl, resourceUrl } from '../support/fixtures.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, logIn, openLaptopPage, screenshotPath } from './browser.ts';

const [sqlite] = await testDatabases();

describe.skipIf(!browserAvailable())('the Desk in Chromium (French): dates in the language’s format', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let page: Page;
  const pageErrors: string[] = [];
  let issueName = '';
  const shot = (step: string) => page.screenshot({ path: screenshotPath('dates-fr', step), fullPage: true });
  const dueDate = () => page.getByLabel('Due Date', { exact: true });
  const stored = async (name: string) => (await apiOk(t.server, 'GET', resourceUrl('Issue', name))).data;

  beforeAll(async () => {
    ensureDeskBuilt();
    t = await startTestApp(sqlite, { RELAIS_DELIVERY_WORKER: '0' });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createIssueDoctypes(t.server);
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'fr');
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, origin, 'fr', 'Administrator', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('takes a French date and datetime, refuses an impossible date inline, and stores ISO', async () => {
    await page.goto(`${origin}/app/issue/new`);
    await page.getByLabel('Sujet', { exact: true }).fill('Imprimante en feu');
    expect(await dueDate().getAttribute('placeholder')).toBe('jj/mm/aaaa');
    expect(await page.getByLabel('Opened At').getAttribute('placeholder')).toBe('jj/mm/aaaa hh:mm');

    await dueDate().fill('31/02/2026');
    await dueDate().press('Tab');
    const error = page.getByText("31/02/2026 n'existe pas : vérifiez les nombres (jj/mm/aaaa).");
    await error.waitFor();
    expect(await dueDate().inputValue()).toBe('31/02/2026'); // what was typed stays
    expect(await dueDate().getAttribute('aria-invalid')).toBe('true');
    expect(await dueDate().getAttribute('aria-describedby')).toContain(await error.getAttribute('id'));
    await shot('1-date-impossible');

    await dueDate().fill('31/12/2026');
    await error.waitFor({ state: 'detached' });
    expect(await dueDate().getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Opened At').fill('27/11/2026 9h30');
    await page.getByLabel('Opened At').press('Tab');
    expect(await page.getByLabel('Opened At').inputValue()).toBe('27/11/2026 09:30'); // written the French way once left
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(/\/app\/issue\/ISS-\d+$/);
    issueName = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const doc = await stored(issueName);
    expect(doc.due_date).toBe('2026-12-31');
    expect(doc.opened_at).toBe('2026-11-27 09:30:00');

    await page.reload();
    await expect.poll(() => dueDate().inputValue()).toBe('31/12/2026');
    expect(await page.getByLabel('Opened At').inputValue()).toBe('27/11/2026 09:30');
    await shot('2-enregistre');
  });

  it('opens the browser’s picker from its button; a picked date shows in French and is saved', async () => {
    const pickers = page.getByRole('button', { name: 'Choisir une date' });
    expect(await pickers.count()).toBe(2); // Due Date and Opened At
    await pickers.first().click();
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]); // showPicker() worked (or fell back) without an error

    // What the picker hands back: its hidden <input type=date> changes (the popup itself is not in the page).
    await page.locator('#field-due_date ~ input[type=date]').fill('2027-01-15', { force: true });
    expect(await dueDate().inputValue()).toBe('15/01/2027');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(async () => (await stored(issueName)).due_date).toBe('2027-01-15');
  });

  it('in English the same date reads the English way', async () => {
    await page.getByLabel('Langue').selectOption('en');
    await expect.poll(() => dueDate().inputValue()).toBe('01/15/2027');
    expect(await dueDate().getAttribute('placeholder')).toBe('mm/dd/yyyy');
    expect(await page.getByLabel('Opened At').inputValue()).toBe('11/27/2026 9:30 AM');
    await shot('3-english');
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => dueDate().inputValue()).toBe('15/01/2027');
  });

  it('filters a list by a Select value, offered in French, and shows Check values as Oui/Non', async () => {
    for (const [name, format] of [
      ['chat-texte', 'Text'],
      ['chat-carte', 'Card'],
    ])
      await t.app.documents.insert(
        'Incoming Webhook URL',
        { webhook_name: name, service: 'Google Chat', webhook_url: googleChatUrl(name), message_format: format },
        SYSTEM_ACTOR,
      );
    await page.goto(`${origin}/app/incoming-webhook-url`);
    const filters = page.getByRole('region', { name: 'Filtres' });
    const operators = () => filters.getByLabel('Opérateur').locator('option').allTextContents();
    const rows = () => page.locator('table.list tbody th').allTextContents();
    await expect.poll(async () => (await rows()).sort()).toEqual(['chat-carte', 'chat-texte']);

    await filters.getByLabel('Champ').selectOption({ label: 'Activé' });
    expect(await operators()).toEqual(['=', '!=']);
    expect(await filters.getByLabel('Valeur').locator('option').allTextContents()).toEqual(['Oui', 'Non']);

    await filters.getByLabel('Champ').selectOption({ label: 'Format du message' });
    expect(await operators()).toEqual(['=', '!=']); // no like for a Select
    expect(await filters.getByLabel('Valeur').locator('option').allTextContents()).toEqual(['Texte', 'Carte']);
    await filters.getByLabel('Valeur').selectOption({ label: 'Carte' });
    await filters.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await expect.poll(rows).toEqual(['chat-carte']);
    await filters.getByText('Format du message = Carte').waitFor();
    expect(JSON.parse(new URL(page.url()).searchParams.get('filters') ?? '[]')).toEqual([['message_format', '=', 'Card']]);
    await shot('4-filtre-select');
  });

  it('filters a list by a date typed in French; the URL keeps it ISO', async () => {
    for (const [subject, due_date] of [
      ['Alpha router', '2026-12-31'],
      ['Beta screen', '2027-02-01'],
      ['Gamma printer', '2026-06-01'],
    ])
      await apiOk(t.server, 'POST', resourceUrl('Issue'), { subject, due_date });
    await page.goto(`${origin}/app/issue`);
    const filters = page.getByRole('region', { name: 'Filtres' });
    const subjects = () => page.locator('table.list tbody tr td:nth-child(2)').allTextContents();
    await expect.poll(async () => (await subjects()).length).toBe(4);

    await filters.getByLabel('Champ').selectOption({ label: 'Due Date' });
    expect(await filters.getByLabel('Opérateur').locator('option').allTextContents()).toEqual(['=', '!=', '>', '<']);
    await filters.getByLabel('Opérateur').selectOption('>');
    const value = filters.getByLabel('Valeur', { exact: true });
    expect(await value.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    await value.fill('31/02/2027');
    await value.press('Enter'); // an impossible date is not added: the input says why
    await filters.getByText("31/02/2027 n'existe pas : vérifiez les nombres (jj/mm/aaaa).").waitFor();
    expect(new URL(page.url()).searchParams.get('filters')).toBeNull();

    await value.fill('01/01/2027');
    await value.press('Enter');
    await expect.poll(async () => (await subjects()).sort()).toEqual(['Beta screen', 'Imprimante en feu']);
    expect(JSON.parse(new URL(page.url()).searchParams.get('filters') ?? '[]')).toEqual([['due_date', '>', '2027-01-01']]);
    await filters.getByText('Due Date > 1 janv. 2027').waitFor();
    await shot('5-filtre-date');

    await page.reload();
    await expect.poll(async () => (await subjects()).sort()).toEqual(['Beta screen', 'Imprimante en feu']);
  });
});
