import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.ts';
import {
  browserAvailable,
  clickToNavigate,
  expectNoAxeViolations,
  launchChromium,
  signedInContext,
  startE2eServer,
} from '../support/browser.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

const PLAN = [
  'Plan nacional de migración 2026',
  '',
  'Objetivo;Actividad;Responsables',
  '1. Proteger a las personas migrantes;Capacitar a funcionarios consulares;México',
  ';Crear una red de albergues;Ministerio del Exterior',
  '2. Informar;Publicar un boletín trimestral;México',
].join('\r\n');

run('importing a plan in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let secretariat: TestUser;

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-import-');
    server = e2e.server;
    secretariat = await buildUser(server.database.db, [{ role: 'secretariat' }], 'Secretaría');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  it('creates a programme, uploads its plan, fixes the problem the preview shows, and imports it', async () => {
    const page = await (await signedInContext(browser, server.url, secretariat, 'es')).context.newPage();
    await page.goto(`${server.url}/admin`);
    await clickToNavigate(
      page,
      page.getByRole('link', { name: 'Nuevo programa' }),
      /\/programmes\/new$/,
      page.locator('#titleEs'),
    );
    await expectNoAxeViolations(page, 'new programme');
    await page.fill('#titleEs', 'Plan nacional de migración');
    await page.fill('#slug', 'plan-nacional-2026');
    await page.fill('#level0Es', 'Objetivo');
    await page.fill('#level1Es', 'Actividad');
    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Crear el programa' }),
      /\/programmes\/plan-nacional-2026\/import$/,
      page.locator('#file'),
    );
    await expectNoAxeViolations(page, 'upload a plan');

    await page.setInputFiles('#file', { name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(PLAN, 'utf8') });
    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Leer el archivo' }),
      /\/imports\/[0-9a-f-]{36}$/,
      page.getByRole('heading', { name: 'Vista previa' }),
    );
    await expectNoAxeViolations(page, 'import with a problem');
    // The preview names the cell of the problem and keeps the import button off.
    const problems = page.locator('table', { has: page.locator('caption', { hasText: 'impide importar' }) });
    expect(await problems.locator('tbody tr').allInnerTexts()).toEqual([
      'Archivo CSV\t5\t3\tActor desconocido: «Ministerio del Exterior»; elija a qué actor corresponde',
    ]);
    const importButton = page.getByRole('button', { name: /^Importar \d+ elementos$/ });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await page.locator('#role0').inputValue()).toBe('level:objetivo');
    expect(await page.locator('#role2').inputValue()).toBe('actors');

    // The user matches the ministry to Mexico.
    const mexico = (await (await fetch(`${server.url}/api/v1/actors/mx`)).json()) as { id: string };
    await page.selectOption('#actor0', mexico.id);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/mapping')),
      page.getByRole('button', { name: 'Actualizar la vista previa' }).click(),
    ]);
    await page.getByText('Ningún problema: el plan se puede importar.').waitFor({ state: 'visible' });
    expect(await page.locator('.import-tree').first().locator(':scope > li').allInnerTexts()).toEqual([
      expect.stringContaining('1 Proteger a las personas migrantes'),
      expect.stringContaining('2 Informar'),
    ]);

    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Importar 5 elementos' }),
      /\/programmes\/plan-nacional-2026$/,
      page.getByRole('heading', { level: 1, name: 'Plan nacional de migración' }),
    );
    const tree = await page.locator('main').innerText();
    expect(tree).toContain('Crear una red de albergues');
    expect(tree).toContain('Publicar un boletín trimestral');
    await page.context().close();
  });
});
