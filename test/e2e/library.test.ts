import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { libraryHandlers } from '../../src/modules/library/document.service.ts';
import type { RunningServer } from '../../src/server.ts';
import {
  browserAvailable,
  clickToNavigate,
  expectNoAxeViolations,
  launchChromium,
  signedInContext,
  startE2eServer,
} from '../support/browser.ts';
import { textPdf } from '../support/documents/library-files.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

run('the library in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let focal: TestUser;

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-library-');
    server = e2e.server;
    focal = await buildUser(server.database.db, [{ role: 'focal_point', actor: 'mx' }], 'Punto focal');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  async function signedIn(user: TestUser): Promise<Page> {
    return (await signedInContext(browser, server.url, user, 'es')).context.newPage();
  }

  it('lets a focal point upload its country’s law, shows the form’s errors, then the document and its text', async () => {
    const page = await signedIn(focal);
    await page.goto(`${server.url}/library`);
    await clickToNavigate(
      page,
      page.getByRole('link', { name: 'Agregar un documento' }),
      /\/library\/new$/,
      page.getByRole('heading', { name: 'Agregar un documento' }),
    );
    const pdf = await textPdf(['Ley de Migración. Artículo 1. Derechos de las personas migrantes.']);
    await page.setInputFiles('#file', {
      name: 'ley-de-migracion.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    await page.fill('#title', 'Ley de Migración de México');
    await page.selectOption('#type', 'legislation');
    await page.check('#languages-es');
    // Mexico comes ticked for Mexico's focal point; without it, the form says why it is refused.
    expect(await page.isChecked('#countries-mx')).toBe(true);
    await page.uncheck('#countries-mx');
    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Agregar a la biblioteca' }),
      (url) => url.pathname === '/library',
      page.getByRole('alert'),
    );
    expect(await page.getByRole('alert').textContent()).toContain('su propio país o actor');
    expect(await page.inputValue('#title')).toBe('Ley de Migración de México');
    expect(await page.inputValue('#type')).toBe('legislation');
    await expectNoAxeViolations(page, 'new document with errors');

    await page.setInputFiles('#file', {
      name: 'ley-de-migracion.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdf),
    });
    // The countries the error names are shown unfolded.
    expect(await page.locator('details.choices').getAttribute('open')).not.toBeNull();
    await page.check('#countries-mx');
    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Agregar a la biblioteca' }),
      /\/library\/documents\/[0-9a-f-]{36}$/,
      page.getByRole('heading', { name: 'Ley de Migración de México' }),
    );
    expect(await page.getByText('Texto en extracción').count()).toBeGreaterThan(0);
    await runDueJobs(server.database.db, libraryHandlers(), { workerId: 'e2e' });
    await page.reload();
    await page.getByText('Derechos de las personas migrantes').waitFor({ state: 'visible' });
    expect(await page.getByRole('link', { name: 'México' }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'library document');
    const download = await page.getByRole('link', { name: /Descargar ley-de-migracion\.pdf/ }).getAttribute('href');
    const file = await page.request.get(`${server.url}${download}`);
    expect(Buffer.from(await file.body())).toEqual(Buffer.from(pdf));
  });
});
