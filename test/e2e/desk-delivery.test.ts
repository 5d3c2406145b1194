/**
 * The bell and the delivery log, in English, in headless Chromium against a Relais server on 127.0.0.1
 * and a fake Google Chat: a revoked space makes a webhook Broken (the System Manager's bell says so, the
 * log marks the delivery), a new URL sends it, and a Dead delivery is retried from its page.
 * Screenshots go to test-results/screenshots/delivery-log-en/.
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
const SPACE = 'DELIVERYLOG';
const WEBHOOK = 'ops-space';

describe.skipIf(!browserAvailable())('the Desk in Chromium (English): the bell and the delivery log', () => {
  let t: TestApp;
  let chat: FakeGoogleChat;
  let browser: Browser;
  let origin = '';
  let page: Page;
  let first = '';
  const shot = (step: string) => page.screenshot({ path: screenshotPath('delivery-log-en', step), fullPage: true });
  const bell = () => page.locator('.bell-button');
  const deliveryOf = async (issue: string) =>
    (
      await apiOk(
        t.server,
        'GET',
        `${resourceUrl('Notification Delivery')}?fields=${encodeURIComponent('["name","status"]')}&filters=${encodeURIComponent(JSON.stringify([['reference_name', '=', issue]]))}`,
      )
    ).data[0] as { name: string; status: string };
  const rowOf = (delivery: string) =>
    page.getByRole('row').filter({ has: page.getByRole('link', { name: shortName(delivery), exact: true }) });
  const openLog = async () => {
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Delivery log' }).click();
    await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
  };

  beforeAll(async () => {
    ensureDeskBuilt();
    chat = await startFakeGoogleChat();
    t = await startTestApp(sqlite, { RELAIS_ALLOW_PRIVATE_WEBHOOKS: '1', RELAIS_DELIVERY_PACING: '0', RELAIS_DELIVERY_WORKER: '0' });
    origin = await t.server.listen({ port: 0, host: '127.0.0.1' });
    await createIssueDoctypes(t.server);
    await apiOk(t.server, 'POST', resourceUrl('Incoming Webhook URL'), {
      webhook_name: WEBHOOK,
      service: 'Google Chat',
      webhook_url: googleChatUrl(SPACE, chat.origin),
    });
    await apiOk(t.server, 'POST', resourceUrl('Notification'), {
      name: 'New issue to ops',
      document_type: 'Issue',
      event: 'New',
      channel: 'External Collaboration Tool',
      incoming_webhook_url: WEBHOOK,
      subject: 'Issue {{ doc.name }}',
      message: 'New issue {{ doc.name }}: {{ doc.subject }}',
    });
    browser = await launchChromium();
    page = await openLaptopPage(browser, 'en');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await chat?.close();
  });

  it('a revoked space: the bell tells the System Manager, the log marks the delivery Broken', async () => {
    chat.revoke(SPACE);
    first = (await apiOk(t.server, 'POST', resourceUrl('Issue'), sampleIssue({ subject: 'Server down' }))).data.name;
    await t.app.delivery.worker.runUntilIdle();
    const hook = (await apiOk(t.server, 'GET', resourceUrl('Incoming Webhook URL', WEBHOOK))).data;
    expect(hook.status).toBe('Broken');

    await logIn(page, origin, 'en', 'Administrator', ADMIN_PASSWORD);
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('1 unread notification');
    await bell().click();
    const item = page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('button', { name: new RegExp(`${WEBHOOK} stopped working`) });
    await item.waitFor();
    await shot('1-bell');
    await item.click();
    await page.waitForURL(new RegExp(`/app/incoming-webhook-url/${WEBHOOK}$`));
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications');

    await openLog();
    const delivery = await deliveryOf(first);
    const row = rowOf(delivery.name);
    await row.waitFor();
    const badge = row.getByRole('link', { name: 'Webhook broken' });
    expect(await badge.getAttribute('href')).toBe(`/app/incoming-webhook-url/${WEBHOOK}`);
    await shot('2-log-broken');
  });

  it('a new URL sends the held delivery: Sent in the log, with its attempts', async () => {
    chat.setToken(SPACE, 'renewed=');
    const fixed = googleChatUrl(SPACE, chat.origin).replace(/token=[^&]+/, 'token=renewed%3D');
    await apiOk(t.server, 'PUT', resourceUrl('Incoming Webhook URL', WEBHOOK), { webhook_url: fixed });
    await t.app.delivery.worker.runUntilIdle();
    const delivery = await deliveryOf(first);
    expect(delivery.status).toBe('Sent');

    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = rowOf(delivery.name);
    await expect.poll(() => row.getByRole('cell').nth(3).textContent()).toBe('Sent');
    expect(await row.getByRole('link', { name: 'Webhook broken' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sent', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sent', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await row.waitFor();
    await row.getByRole('link', { name: shortName(delivery.name), exact: true }).click();
    const attempts = page.locator('table.attempts tbody tr');
    await expect.poll(() => attempts.count()).toBeGreaterThan(0);
    const last = attempts.last();
    expect(await last.getByRole('cell').nth(1).textContent()).toBe('Sent');
    expect(await last.getByRole('cell').nth(2).textContent()).toBe('200');
    expect(await page.getByRole('button', { name: 'Retry' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await shot('3-sent-with-attempts');
  });

  it('a Dead delivery is retried from its page and ends Sent', async () => {
    chat.failNext(1, 400);
    const second = (await apiOk(t.server, 'POST', resourceUrl('Issue'), sampleIssue({ subject: 'Disk full' }))).data.name;
    await t.app.delivery.worker.runUntilIdle();
    const delivery = await deliveryOf(second);
    expect(delivery.status).toBe('Dead');

    await openLog();
    await page.getByRole('button', { name: 'Dead', exact: true }).click();
    const row = rowOf(delivery.name);
    await row.waitFor();
    await shot('4-log-dead');
    await row.getByRole('link', { name: shortName(delivery.name), exact: true }).click();
    const retry = page.getByRole('button', { name: 'Retry' });
    await retry.waitFor();
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await retry.click();
    await page.getByRole('status').filter({ hasText: 'Done: the delivery is now' }).waitFor();
    await t.app.delivery.worker.runUntilIdle();
    expect((await deliveryOf(second)).status).toBe('Sent');
    await expect
      .poll(async () => {
        await page.reload();
        await page.locator('table.attempts').waitFor();
        return page.locator('.page-head .badge').textContent();
      })
      .toBe('Sent');
    const outcomes = await page.locator('table.attempts tbody tr td:nth-of-type(2)').allTextContents();
    expect(outcomes).toEqual(['Rejected', 'Sent']);
    await shot('5-retried-sent');
  });
});
