/** Debian's Chromium through playwright-core; required in CI, skipped with a warning elsewhere. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { silentLog } from './databases.ts';
import { PASSWORD, type TestUser } from './factories.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}: CI needs it`);
  console.warn(`Chromium not found at ${CHROMIUM}: browser tests are skipped (set CI=true to fail instead)`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Axe over a page at WCAG 2.1 AA and best practices: it must have run, and found nothing. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.passes.length, name).toBeGreaterThan(10);
  expect(
    results.violations.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** The real server on a free port and a fresh data folder, jobs off, for browser tests. */
export async function startE2eServer(prefix: string): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = readConfig({
    ENLACE_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    ENLACE_JOBS: 'off',
    ENLACE_ADMIN_PASSWORD: 'not-used-in-these-tests',
  });
  const server = await startServer(config, silentLog);
  return {
    server,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Locale = 'es' | 'en';

/** A fresh browser context that asks for pages in `locale`, as a browser set to that language does. */
export function localeContext(
  browser: Browser,
  locale: Locale,
  options: Omit<BrowserContextOptions, 'locale'> = {},
): Promise<BrowserContext> {
  return browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale }, ...options });
}

/**
 * A browser context signed in as `user` through the API: its pages share the session cookie.
 * The CSRF token is what forms posted from the context's own request client need.
 */
export async function signedInContext(
  browser: Browser,
  serverUrl: string,
  user: TestUser,
  locale: Locale,
  options: Omit<BrowserContextOptions, 'locale'> = {},
): Promise<{ context: BrowserContext; csrfToken: string }> {
  const context = await localeContext(browser, locale, options);
  const login = await context.request.post(`${serverUrl}/api/v1/auth/login`, {
    data: { email: user.email, password: PASSWORD },
  });
  expect(login.status(), `sign-in of ${user.email}`).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { context, csrfToken };
}

/**
 * Clicks `target`, waits for the page to load at the address the click leads to, then for `shows`
 * to be visible there. Playwright's implicit wait for a navigation a click starts is deprecated,
 * and `waitForURL` returns at once when the page is already at a matching address: that would be
 * no wait at all, so it is refused.
 */
export async function clickToNavigate(
  page: Page,
  target: Locator,
  to: RegExp | ((url: URL) => boolean),
  shows: Locator,
): Promise<void> {
  const at = (href: string) => (to instanceof RegExp ? to.test(href) : to(new URL(href)));
  expect(at(page.url()), `${page.url()} is already where the click should lead`).toBe(false);
  await Promise.all([page.waitForURL(to), target.click()]);
  await shows.waitFor({ state: 'visible' });
}
