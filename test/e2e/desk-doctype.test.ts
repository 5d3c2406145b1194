/**
 * The DocType editor, users and roles, in French, in headless Chromium against a Relais server on
 * 127.0.0.1: Paramètres > Type de document creates "Ticket Test" with three fields (a row the server
 * refuses shows the reason on that row), its list and a document of it through the generic form; a
 * role and a user holding it (not System Manager) are created in Paramètres; logged in as that user,
 * the settings are not in the menu. Screenshots go to test-results/screenshots/doctype-fr/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { apiOk, resourceUrl } from '../support/fixtures.ts';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, openLaptopPage, screenshotPath } from './browser.ts';

const [sqlite] = await testDatabases();
const USER = 'agent.support@example.com';
const PASSWORD = 'Mot-de-passe-agent-42';

describe.skipIf(!browserAvailable())('the Desk in Chromium (French): DocType editor, users and roles', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let page: Page;
  const menu = () => page.getByRole('navigation', { name: 'Menu principal' });
  const shot = (step: string) => page.screenshot({ path: screenshotPath('doctype-fr', step), fullPage: true });
  const login = async (user: string, password: string) => {
    await page.getByLabel('Utilisateur').fill(user);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await menu().waitFor();
  };

  beforeAll(async () => {
    ensureDeskBuilt();
    t = await startTestApp(sqlite, { RELAIS_LANGUAGE: 'fr' });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'fr');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in as Administrator: Paramètres holds Type de document, Utilisateurs and Rôles', async () => {
    await page.goto(`${origin}/app`);
    await page.getByLabel('Langue').selectOption('fr');
    await login('Administrator', ADMIN_PASSWORD);
    await menu().getByRole('link', { name: 'Type de document' }).waitFor();
    expect(await menu().getByText('Paramètres').count()).toBe(1);
    expect(await menu().getByRole('link', { name: 'Utilisateurs' }).count()).toBe(1);
    expect(await menu().getByRole('link', { name: 'Rôles' }).count()).toBe(1);
  });

  it('opens a core doctype read-only, with a note saying so', async () => {
    await page.goto(`${origin}/app/doctype/User`);
    await page.getByRole('note').waitFor();
    expect(await page.getByRole('note').textContent()).toMatch(/fait partie de Relais/);
    expect(await page.locator('#dt-module').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(0);
    await shot('1-doctype-coeur-lecture-seule');
  });

  it('creates "Ticket Test" with three fields; a refused row shows the reason on that row', async () => {
    await menu().getByRole('link', { name: 'Type de document' }).click();
    await page.getByRole('link', { name: 'Ajouter Type de document' }).click();
    await page.locator('#dt-name').fill('Ticket Test');

    await page.getByRole('button', { name: 'Ajouter un champ' }).click();
    await page.locator('#dt-fields-1-label').fill('Sujet');
    expect(await page.locator('#dt-fields-1-fieldname').inputValue()).toBe('sujet');
    await page.locator('#dt-fields-1-reqd').check();
    await page.locator('#dt-fields-1-in_list_view').check();

    await page.getByRole('button', { name: 'Ajouter un champ' }).click();
    await page.locator('#dt-fields-2-label').fill('Priorité');
    expect(await page.locator('#dt-fields-2-fieldname').inputValue()).toBe('priorite');
    await page.locator('#dt-fields-2-fieldtype').selectOption('Link');
    await page.locator('#dt-fields-2-options').fill('Pas Un Type');

    await page.getByRole('button', { name: 'Ajouter un champ' }).click();
    await page.locator('#dt-fields-3-label').fill('Échéance');
    await page.locator('#dt-fields-3-fieldtype').selectOption('Date');
    await shot('2-champs');

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const rowError = page.locator('#dt-fields-2-error');
    await rowError.waitFor();
    expect(await rowError.textContent()).toMatch(/^Ligne 2 : .*Pas Un Type/);
    expect(await page.getByRole('alert').textContent()).toMatch(/^Non enregistré/);
    await shot('3-ligne-refusee');
    // The wide fields table scrolls inside its frame; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);

    await page.locator('#dt-fields-2-fieldtype').selectOption('Select');
    await page.locator('#dt-fields-2-options').fill('Basse\nNormale\nHaute');
    // Move Échéance above Priorité, then back: the order sent is the order shown.
    await page.getByRole('button', { name: 'Monter la ligne 3' }).click();
    expect(await page.locator('#dt-fields-2-label').inputValue()).toBe('Échéance');
    await page.getByRole('button', { name: 'Descendre la ligne 2' }).click();
    expect(await page.locator('#dt-fields-2-label').inputValue()).toBe('Priorité');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await shot('4-type-enregistre');
    expect(page.url()).toBe(`${origin}/app/doctype/Ticket%20Test`);

    const saved = (await apiOk(t.server, 'GET', resourceUrl('DocType', 'Ticket Test'))).data as {
      fields: { fieldname: string; fieldtype: string; options: string | null; reqd: number; in_list_view: number }[];
    };
    expect(saved.fields.map((f) => [f.fieldname, f.fieldtype])).toEqual([
      ['sujet', 'Data'],
      ['priorite', 'Select'],
      ['echeance', 'Date'],
    ]);
    expect(saved.fields[0]).toMatchObject({ reqd: 1, in_list_view: 1 });
    expect(saved.fields[1]!.options).toBe('Basse\nNormale\nHaute');
  });

  it('shows the list of Ticket Test and creates a document of it through the generic form', async () => {
    await page.getByRole('link', { name: 'Ouvrir la liste Ticket Test' }).click();
    await page.waitForURL(`${origin}/app/ticket-test`);
    await page.getByRole('link', { name: 'Ajouter Ticket Test' }).waitFor();
    await shot('5-liste-vide');

    await page.getByRole('link', { name: 'Ajouter Ticket Test' }).click();
    await page.locator('#field-sujet').fill('Imprimante en panne');
    await page.locator('#field-priorite').selectOption('Haute');
    await page.locator('#field-echeance').fill('2030-01-15');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await shot('6-document-cree');

    await page.goto(`${origin}/app/ticket-test`);
    await page.getByRole('cell', { name: 'Imprimante en panne' }).waitFor();
    expect(await page.getByRole('columnheader').allTextContents()).toContain('Sujet');
    await shot('7-liste');
    const docs = (
      await apiOk(t.server, 'GET', `${resourceUrl('Ticket Test')}?fields=${encodeURIComponent('["sujet","priorite","echeance"]')}`)
    ).data as Record<string, unknown>[];
    expect(docs).toEqual([{ sujet: 'Imprimante en panne', priorite: 'Haute', echeance: '2030-01-15' }]);
  });

  it('creates a role, then a user holding it but not System Manager, with a password', async () => {
    await menu().getByRole('link', { name: 'Rôles' }).click();
    await page.getByRole('link', { name: 'Ajouter Rôle' }).click();
    await page.locator('#field-role_name').fill('Agent Support');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();

    await menu().getByRole('link', { name: 'Utilisateurs' }).click();
    await page.getByRole('link', { name: 'Ajouter Utilisateur' }).click();
    // Exact: on the list just left, the filter's field select reads « Champ E-mail » until the form replaces it.
    await page.getByLabel('E-mail', { exact: true }).fill(USER);
    await page.getByLabel('Prénom').fill('Agent');
    await page.getByLabel('Nouveau mot de passe').fill(PASSWORD);
    expect(await page.getByLabel('Activé').isChecked()).toBe(true);
    await page.getByLabel('Agent Support').check();
    expect(await page.getByLabel('System Manager').isChecked()).toBe(false);
    await shot('8-nouvel-utilisateur');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    expect(await page.getByLabel('Agent Support').isChecked()).toBe(true);
    expect(await page.getByLabel('Nouveau mot de passe').inputValue()).toBe(''); // write-only
    const user = (await apiOk(t.server, 'GET', resourceUrl('User', USER))).data as { roles: { role: string }[]; enabled: number };
    expect(user.roles.map((r) => r.role)).toEqual(['Agent Support']);
    expect(user.enabled).toBe(1);
  });

  it('logs out and in as that user: the settings are not in the menu', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await login(USER, PASSWORD);
    expect(await page.getByText(`Connecté : ${USER}`).count()).toBe(1);
    await page.waitForLoadState('networkidle');
    await shot('9-menu-sans-parametres');
    expect(await menu().getByText('Paramètres').count()).toBe(0);
    for (const entry of ['Type de document', 'Utilisateurs', 'Rôles']) {
      expect(await menu().getByRole('link', { name: entry }).count()).toBe(0);
      expect(await page.getByRole('main').getByRole('link', { name: entry }).count()).toBe(0);
    }
  });
});
