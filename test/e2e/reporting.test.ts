import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { listCycleReports } from '../../src/modules/reporting/report.service.ts';
import type { RunningServer } from '../../src/server.ts';
import { browserAvailable, expectNoAxeViolations, launchChromium, startE2eServer } from '../support/browser.ts';
import { buildUser, PASSWORD, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

run('reporting in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let reportUrl: string;
  let canadaUrl: string;
  let canadaFocal: TestUser;
  let focal: TestUser;
  let validator: TestUser;
  let secretariat: TestUser;

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-report-');
    server = e2e.server;
    const db = server.database.db;
    secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Secretaría');
    focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }], 'Punto focal');
    validator = await buildUser(db, [{ role: 'validator', actor: 'mx' }], 'Validadora');
    canadaFocal = await buildUser(db, [{ role: 'focal_point', actor: 'ca' }], 'Focal point');
    const { id } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2026', opensAt: '2026-01-01', deadline: '2099-03-31' },
      secretariat.principal,
    );
    await openCycle(db, id, secretariat.principal);
    const reports = await listCycleReports(db, id, secretariat.principal);
    const urlOf = (key: string) => `${server.url}/reports/${reports.find((r) => r.actor.key === key)?.report.id}`;
    reportUrl = urlOf('mx');
    canadaUrl = urlOf('ca');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  async function signIn(user: TestUser, locale: 'es' | 'en' = 'es', url = reportUrl): Promise<Page> {
    const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#email', user.email);
    await page.fill('#password', PASSWORD);
    await page.locator('main button[type="submit"]').click();
    await page.waitForURL(url);
    return page;
  }

  it('takes a report from draft to accepted, through a return with comments', async () => {
    const fp = await signIn(focal);
    await expectNoAxeViolations(fp, 'report form');
    const firstEntry = fp.locator('textarea[name^="carriedOut:"]').first();
    await firstEntry.fill('Firmamos un acuerdo de intercambio de información migratoria con Guatemala.');
    await expect.poll(() => fp.locator('.autosave-status').textContent(), { timeout: 10_000 }).toMatch(/^Guardado/);
    await fp.reload();
    expect(await fp.locator('textarea[name^="carriedOut:"]').first().inputValue()).toBe(
      'Firmamos un acuerdo de intercambio de información migratoria con Guatemala.',
    );
    await fp.getByRole('button', { name: 'Enviar el informe' }).click();
    await fp.waitForURL(/done=submitted/);
    expect(await fp.locator('.alert-success').textContent()).toContain('Informe enviado');

    const va = await signIn(validator, 'en');
    expect(await va.locator('.rich-text').first().textContent()).toContain('Guatemala');
    await expectNoAxeViolations(va, 'report review');
    await va.getByRole('button', { name: 'Approve' }).click();
    await va.waitForURL(/done=approved/);

    const se = await signIn(secretariat);
    await se.fill('#return-comment', 'Falta el calendario de actividades para 2027.');
    await se.getByRole('button', { name: 'Devolver con comentarios' }).click();
    await se.waitForURL(/done=returned/);

    await fp.reload();
    expect(await fp.locator('.alert-info').textContent()).toContain('Falta el calendario de actividades para 2027.');
    await expectNoAxeViolations(fp, 'returned report');
    await fp.fill('#section-calendar', 'Marzo de 2027: taller regional.');
    await fp.getByRole('button', { name: 'Guardar borrador' }).click();
    await fp.waitForURL(/done=saved/);
    await fp.getByRole('button', { name: 'Enviar el informe' }).click();
    await fp.waitForURL(/done=submitted/);
    expect(await fp.locator('.badge.report-submitted').count()).toBe(1);
    await va.reload();
    await va.getByRole('button', { name: 'Approve' }).click();
    await va.waitForURL(/done=approved/);
    await se.reload();
    await se.getByRole('button', { name: 'Aceptar el informe' }).click();
    await se.waitForURL(/done=accepted/);
    expect(await se.locator('.badge.report-accepted').count()).toBe(1);

    await se.goto(`${server.url}/cycles`);
    await expectNoAxeViolations(se, 'cycles');
    await se.getByRole('link', { name: '2026' }).click();
    expect(await se.locator('tbody tr').count()).toBe(40);
    await expectNoAxeViolations(se, 'board');
  });

  it('shows two versions side by side when a stale draft is saved', async () => {
    const a = await signIn(canadaFocal, 'es', canadaUrl);
    const b = await signIn(canadaFocal, 'es', canadaUrl);
    await b.fill('#section-best_practices', 'Versión de B');
    await b.getByRole('button', { name: 'Guardar borrador' }).click();
    await b.waitForURL(/done=saved/);
    // A's page still holds the old version number: its save is refused and both versions are shown.
    await a.evaluate(() => {
      for (const el of document.querySelectorAll('form[data-autosave]')) el.removeAttribute('data-autosave');
    });
    await a.fill('#section-best_practices', 'Versión de A');
    await a.getByRole('button', { name: 'Guardar borrador' }).click();
    expect(await a.locator('.conflict').textContent()).toContain('Versión de B');
    expect(await a.locator('.conflict').textContent()).toContain('Versión de A');
    expect(await a.locator('#section-best_practices').inputValue()).toBe('Versión de A');
    await expectNoAxeViolations(a, 'conflict');
  });
});
