/**
 * Every page template in a real browser, in both languages: it renders, reads
 * without JavaScript, and axe finds no accessibility violations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { browserAvailable, launchChromium } from '../support/browser.ts';
import { silentLog } from '../support/databases.ts';

const run = browserAvailable() ? describe : describe.skip;

run('page templates in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let itemPath: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-e2e-'));
    server = await startServer(readConfig({ ENLACE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }), silentLog);
    browser = await launchChromium();
    const items = (await (
      await fetch(`${server.url}/api/v1/programmes/crm-plan-de-accion-2006/items?level=activity&q=legislacion`)
    ).json()) as { id: string }[];
    itemPath = `/items/${items[0]?.id}`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const templates = () => [
    { name: 'home', path: '/', heading: { es: 'Enlace', en: 'Enlace' } },
    {
      name: 'programme tree',
      path: '/programmes/programa-interamericano-2016',
      heading: { es: 'Programa Interamericano', en: 'Inter-American Program' },
    },
    {
      name: 'programme table',
      path: '/programmes/crm-plan-de-accion-2006?view=table&status=continuous',
      heading: { es: 'Conferencia Regional', en: 'Regional Conference' },
    },
    { name: 'item', path: itemPath, heading: { es: 'PGM-', en: 'PGM-' } },
    { name: 'actors', path: '/actors', heading: { es: 'Actores', en: 'Actors' } },
    { name: 'actor', path: '/actors/mx', heading: { es: 'México', en: 'Mexico' } },
    { name: 'error', path: '/programmes/no-such-plan', heading: { es: 'No encontramos', en: 'We could not find' } },
  ];

  async function open(locale: 'es' | 'en', pathname: string, javaScript = true): Promise<Page> {
    const context = await browser.newContext({
      locale,
      javaScriptEnabled: javaScript,
      extraHTTPHeaders: { 'accept-language': locale },
    });
    const page = await context.newPage();
    await page.goto(`${server.url}${pathname}`);
    return page;
  }

  for (const locale of ['es', 'en'] as const) {
    it(`renders every template in ${locale} with no axe violations`, async () => {
      for (const t of templates()) {
        const page = await open(locale, t.path);
        expect(await page.getAttribute('html', 'lang'), t.name).toBe(locale);
        expect(await page.locator('h1').first().textContent(), t.name).toContain(t.heading[locale]);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        expect(results.passes.length, t.name).toBeGreaterThan(10);
        const violations = results.violations.map(
          (v) => `${t.name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        );
        expect(violations).toEqual([]);
        await page.context().close();
      }
    });
  }

  it('switches language with the visible switch and remembers it', async () => {
    const page = await open('es', '/actors/iachr');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/actors\/iachr$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${server.url}/`);
    expect(await page.getByRole('heading', { level: 2, name: 'Programmes and plans' }).count()).toBe(1);
    await page.context().close();
  });

  it('filters the programme table without JavaScript', async () => {
    const page = await open('en', '/programmes/programa-interamericano-2016?view=table', false);
    await page.selectOption('#f-level', 'activity');
    await page.fill('#f-q', 'consular');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=consular/);
    const codes = await page.locator('tbody td.code').allInnerTexts();
    expect(codes).toEqual(['V.A.10', 'V.B.27', 'V.B.28', 'V.B.29']);
    await page.context().close();
  });
});
