/**
 * Headless Chromium for the Desk's end-to-end tests: Debian's `chromium` (installed by .ci/run)
 * driven by playwright-core. Without Chromium the tests skip locally and fail under CI=true.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiOk } from '../support/fixtures.ts';

/** Where the end-to-end tests write a screenshot of each step (README, "The Desk"). */
export const SCREENSHOTS_DIR = path.resolve('test-results/screenshots');

const CANDIDATES = [process.env.RELAIS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable, or undefined when this machine has none. */
export function chromiumPath(): string | undefined {
  return CANDIDATES.find((candidate): candidate is string => Boolean(candidate) && fs.existsSync(candidate as string));
}

/** Whether the end-to-end tests can run here; under CI a missing Chromium is an error, not a skip. */
export function browserAvailable(): boolean {
  if (chromiumPath()) return true;
  if (process.env.CI) throw new Error('Chromium is required under CI (apt-get install chromium, or set RELAIS_CHROMIUM)');
  return false;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium found (set RELAIS_CHROMIUM)');
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Builds the Desk when its build output is missing (CI builds it in `npm ci`, through `prepare`). */
export function ensureDeskBuilt(): void {
  if (fs.existsSync(path.resolve('web/dist/index.html'))) return;
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:web'], { stdio: 'inherit' });
}

/** A screenshot file for `test` / `step`, its folder created. */
export function screenshotPath(test: string, step: string): string {
  fs.mkdirSync(path.join(SCREENSHOTS_DIR, test), { recursive: true });
  return path.join(SCREENSHOTS_DIR, test, `${step}.png`);
}

/** The login page's words and the menu's name, per language (the Desk's own labels). */
const LOGIN_WORDS = {
  en: { language: 'Language', user: 'User', password: 'Password', button: 'Log in', menu: 'Main menu' },
  fr: { language: 'Langue', user: 'Utilisateur', password: 'Mot de passe', button: 'Se connecter', menu: 'Menu principal' },
} as const;

/**
 * Opens the Desk at `origin`, picks `language` on the login page and logs in as `user`, then waits for
 * the main menu. The steps every browser test starts with.
 */
export async function logIn(page: Page, origin: string, language: 'en' | 'fr', user: string, password: string): Promise<void> {
  const words = LOGIN_WORDS[language];
  await page.goto(`${origin}/app`);
  await page.getByLabel(words.language).selectOption(language);
  await page.getByLabel(words.user).fill(user);
  await page.getByLabel(words.password).fill(password);
  await page.getByRole('button', { name: words.button }).click();
  await page.getByRole('navigation', { name: words.menu }).waitFor();
}

/** A new page at laptop size (1280×900) with the browser's locale set for `language`. */
export function openLaptopPage(browser: Browser, language: 'en' | 'fr'): Promise<Page> {
  return browser.newPage({ locale: language === 'fr' ? 'fr-FR' : 'en-US', viewport: { width: 1280, height: 900 } });
}

/** The walkthroughs' `Ticket` doctype (Dokos's guide example): customer, subject, status and a due date. */
export async function createTicketDoctype(server: FastifyInstance): Promise<void> {
  await apiOk(server, 'POST', '/api/resource/DocType', {
    name: 'Ticket',
    autoname: 'TCK-.####',
    fields: [
      { fieldname: 'customer', label: 'Customer', fieldtype: 'Data', in_list_view: 1 },
      { fieldname: 'subject', label: 'Subject', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
      { fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Open\nReplied\nClosed', default: 'Open' },
      { fieldname: 'due_date', label: 'Due Date', fieldtype: 'Date' },
    ],
  });
}
