/**
 * The generic Desk form and list, in English, in headless Chromium against a Relais server on 127.0.0.1:
 * a submittable doctype with a child table (created through the API), a document with two child rows
 * created in the browser, saved, changed, submitted (read-only but for allow_on_submit fields), cancelled
 * and deleted; the history panel lists the change; the list is filtered and sorted, and a reload keeps both.
 * Screenshots go to test-results/screenshots/forms-en/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { apiOk, createIssueDoctypes, resourceUrl } from '../support/fixtures.ts';
import { ADMIN_AUTH, ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/test-app.ts';
import { browserAvailable, ensureDeskBuilt, launchChromium, logIn, openLaptopPage, screenshotPath } from './browser.ts';

const [sqlite] = await testDatabases();

describe.skipIf(!browserAvailable())('the Desk in Chromium (English): generic forms and lists', () => {
  let t: TestApp;
  let browser: Browser;
  let origin = '';
  let page: Page;
  const shot = (step: string) => page.screenshot({ path: screenshotPath('forms-en', step), fullPage: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const confirm = async (action: string) => {
    await button(action).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: `Yes, ${action.toLowerCase()}` }).click();
  };
  const status = () => page.locator('.doc-status-badge').textContent();

  beforeAll(async () => {
    ensureDeskBuilt();
    t = await startTestApp(sqlite, { RELAIS_DELIVERY_WORKER: '0' });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createIssueDoctypes(t.server);
    for (const subject of ['Gamma printer', 'Alpha router', 'Beta screen'])
      await apiOk(t.server, 'POST', resourceUrl('Issue'), { subject, status: subject.startsWith('Beta') ? 'Closed' : 'Open' });
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'en');
    await logIn(page, origin, 'en', 'Administrator', ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a document with two child rows, changes it, submits, cancels and deletes it', async () => {
    await page.goto(`${origin}/app/issue/new`);
    await page.getByLabel('Subject', { exact: true }).fill('Coffee machine leaks');
    await button('Add a row').click();
    await button('Add a row').click();
    await page.getByLabel('Item (Row 1)').fill('Gasket');
    await page.getByLabel('Quantity (Row 1)').fill('2');
    await page.getByLabel('Item (Row 2)').fill('Towel');
    await button('Remove row 2').waitFor();
    await shot('1-new-with-rows');
    await button('Save').click();
    await page.waitForURL(/\/app\/issue\/ISS-\d+$/);
    const name = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await status()).toBe('Draft');
    const stored = (await apiOk(t.server, 'GET', resourceUrl('Issue', name))).data;
    expect(stored.items.map((r: { item: string; qty: number }) => [r.item, r.qty])).toEqual([
      ['Gasket', 2],
      ['Towel', 1],
    ]);

    // a change: the subject and a third row; the history lists it, fields named by their labels
    await page.getByLabel('Subject', { exact: true }).fill('Coffee machine leaks water');
    await button('Add a row').click();
    await page.getByLabel('Item (Row 3)').fill('Bucket');
    await button('Save').click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Subject: Coffee machine leaks → Coffee machine leaks water').waitFor();
    await history.getByText('Items: 1 row(s) added').waitFor();
    await history.getByText('No notifications about this document.').waitFor();
    expect((await apiOk(t.server, 'GET', resourceUrl('Issue', name))).data.items).toHaveLength(3);
    await shot('2-saved-history');

    await confirm('Submit');
    await expect.poll(status).toBe('Submitted');
    expect(await page.getByLabel('Subject', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Item (Row 1)').isDisabled()).toBe(true);
    expect(await page.getByLabel('Resolution').isDisabled()).toBe(false);
    expect(await button('Delete').count()).toBe(0);
    expect(await button('Add a row').count()).toBe(0);
    await page.getByLabel('Resolution').fill('Gasket replaced');
    await button('Save').click();
    await history.getByText('Resolution: (empty) → Gasket replaced').waitFor();
    await shot('3-submitted-read-only');
    expect((await apiOk(t.server, 'GET', resourceUrl('Issue', name))).data.docstatus).toBe(1);

    await confirm('Cancel');
    await expect.poll(status).toBe('Cancelled');
    expect(await button('Save').count()).toBe(0);
    expect(await page.getByLabel('Resolution').isDisabled()).toBe(true);
    await shot('4-cancelled');

    await button('Delete').click();
    await page
      .getByRole('dialog')
      .getByRole('heading', { name: `Delete ${name}?` })
      .waitFor();
    await shot('5-delete-confirm');
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/\/app\/issue$/);
    const gone = await t.server.inject({ method: 'GET', url: resourceUrl('Issue', name), headers: { authorization: ADMIN_AUTH } });
    expect(gone.statusCode).toBe(404);
  });

  it('filters and sorts the list, and a reload keeps both', async () => {
    await page.goto(`${origin}/app/issue`);
    const filters = page.getByRole('region', { name: 'Filters' });
    await filters.getByLabel('Field').selectOption('status');
    await filters.getByLabel('Operator').selectOption('=');
    await filters.getByLabel('Value').selectOption('Open'); // a Select field's filter offers its options
    await filters.getByRole('button', { name: 'Add filter' }).click();
    const subjects = () => page.locator('table.list tbody tr td:nth-child(2)').allTextContents();
    await expect.poll(async () => (await subjects()).sort()).toEqual(['Alpha router', 'Gamma printer']);

    await page.getByRole('button', { name: 'Subject' }).click();
    await expect.poll(subjects).toEqual(['Alpha router', 'Gamma printer']);
    await page.getByRole('button', { name: 'Subject' }).click();
    await expect.poll(subjects).toEqual(['Gamma printer', 'Alpha router']);
    expect(await page.getByRole('columnheader', { name: 'Subject' }).getAttribute('aria-sort')).toBe('descending');
    await shot('6-list-filtered-sorted');

    await page.reload();
    await expect.poll(subjects).toEqual(['Gamma printer', 'Alpha router']);
    const url = new URL(page.url());
    expect(JSON.parse(url.searchParams.get('filters') ?? '[]')).toEqual([['status', '=', 'Open']]);
    expect(url.searchParams.get('order_by')).toBe('subject desc');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await subjects()).length).toBe(3);
  });
});
