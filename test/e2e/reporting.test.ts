import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { listCycleReports } from '../../src/modules/reporting/report.service.ts';
import type { RunningServer } from '../../src/server.ts';
import {
  browserAvailable,
  clickToNavigate,
  expectNoAxeViolations,
  type Locale,
  launchChromium,
  localeContext,
  signedInContext,
  startE2eServer,
} from '../support/browser.ts';
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

  /** A page at `url` for `user`, signed in through the API. */
  async function signIn(user: TestUser, locale: Locale = 'es', url = reportUrl): Promise<Page> {
    const page = await (await signedInContext(browser, server.url, user, locale)).context.newPage();
    await page.goto(url);
    return page;
  }

  /** A page at `url` for `user`, signed in through the login form it is sent to, as a person does. */
  async function signInThroughForm(user: TestUser, url: string): Promise<Page> {
    const page = await (await localeContext(browser, 'es')).newPage();
    await page.goto(url);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#email', user.email);
    await page.fill('#password', PASSWORD);
    await clickToNavigate(
      page,
      page.locator('main button[type="submit"]'),
      (u) => u.href === url,
      page.locator('textarea[name^="carriedOut:"]').first(),
    );
    return page;
  }

  const notice = (page: Page, text: string) => page.locator('.alert-success', { hasText: text });

  it('takes a report from draft to accepted, through a return with comments', async () => {
    const fp = await signInThroughForm(focal, reportUrl);
    await expectNoAxeViolations(fp, 'report form');
    const firstEntry = fp.locator('textarea[name^="carriedOut:"]').first();
    await firstEntry.fill('Firmamos un acuerdo de intercambio de información migratoria con Guatemala.');
    await expect.poll(() => fp.locator('.autosave-status').textContent(), { timeout: 10_000 }).toMatch(/^Guardado/);
    await fp.reload();
    expect(await fp.locator('textarea[name^="carriedOut:"]').first().inputValue()).toBe(
      'Firmamos un acuerdo de intercambio de información migratoria con Guatemala.',
    );
    // Submitting asks first, listing the activities left empty.
    await clickToNavigate(
      fp,
      fp.getByRole('button', { name: 'Enviar el informe' }),
      /\/submit$/,
      fp.getByRole('heading', { level: 1, name: /¿Enviar el informe/ }),
    );
    expect(await fp.locator('.alert-warning').textContent()).toMatch(/\d+ de las \d+ actividades están vacías/);
    expect(await fp.locator('#confirm-list + ul li').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(fp, 'submit confirmation');
    await clickToNavigate(
      fp,
      fp.getByRole('button', { name: 'Enviar de todos modos' }),
      /done=submitted/,
      notice(fp, 'Informe enviado'),
    );

    const va = await signIn(validator, 'en');
    expect(await va.locator('.rich-text').first().textContent()).toContain('Guatemala');
    await expectNoAxeViolations(va, 'report review');
    await clickToNavigate(
      va,
      va.getByRole('button', { name: 'Approve' }),
      /done=approved/,
      notice(va, 'Report approved'),
    );

    const se = await signIn(secretariat);
    await se.fill('#return-comment', 'Falta el calendario de actividades para 2027.');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Devolver con comentarios' }),
      /done=returned/,
      notice(se, 'Informe devuelto'),
    );

    await fp.reload();
    expect(await fp.locator('.alert-info').textContent()).toContain('Falta el calendario de actividades para 2027.');
    await expectNoAxeViolations(fp, 'returned report');
    await fp.fill('#section-calendar', 'Marzo de 2027: taller regional.');
    await clickToNavigate(
      fp,
      fp.getByRole('button', { name: 'Guardar borrador' }),
      /done=saved/,
      notice(fp, 'Borrador guardado'),
    );
    await clickToNavigate(
      fp,
      fp.getByRole('button', { name: 'Enviar el informe' }),
      /\/submit$/,
      fp.getByRole('heading', { level: 1, name: /¿Enviar el informe/ }),
    );
    await clickToNavigate(
      fp,
      fp.getByRole('button', { name: 'Enviar de todos modos' }),
      /done=submitted/,
      notice(fp, 'Informe enviado'),
    );
    expect(await fp.locator('.badge.report-submitted').count()).toBe(1);
    // The report's own address again, not a reload of ?done=approved: approving must lead somewhere new.
    await va.goto(reportUrl);
    await clickToNavigate(
      va,
      va.getByRole('button', { name: 'Approve' }),
      /done=approved/,
      notice(va, 'Report approved'),
    );
    await se.goto(reportUrl);
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Aceptar el informe' }),
      /done=accepted/,
      notice(se, 'Informe aceptado'),
    );
    expect(await se.locator('.badge.report-accepted').count()).toBe(1);

    await se.goto(`${server.url}/cycles`);
    await expectNoAxeViolations(se, 'cycles');
    await clickToNavigate(
      se,
      se.getByRole('link', { name: '2026' }),
      /\/cycles\/[0-9a-f-]{36}$/,
      se.locator('tbody tr').first(),
    );
    expect(await se.locator('tbody tr').count()).toBe(40);
    await expectNoAxeViolations(se, 'board');
  });

  it("keeps both people's changes to different fields, and asks which text to keep where both changed one", async () => {
    const a = await signIn(canadaFocal, 'es', canadaUrl);
    const b = await signIn(canadaFocal, 'es', canadaUrl);
    await b.fill('#section-best_practices', 'Versión de B');
    await b.fill('#section-calendar', 'Calendario de B');
    await clickToNavigate(b, b.getByRole('button', { name: 'Guardar borrador' }), /done=saved/, notice(b, 'Borrador'));
    // A's page still holds the old version number; autosave is off so the form is what is sent.
    await a.evaluate(() => {
      for (const el of document.querySelectorAll('form[data-autosave]')) el.removeAttribute('data-autosave');
    });
    await a.fill('#section-best_practices', 'Versión de A');
    await a.fill('#section-new_proposals', 'Propuesta de A');
    // The refused save answers at the address the page already has: what it shows is the sign it arrived.
    await a.getByRole('button', { name: 'Guardar borrador' }).click();
    await a.locator('.conflict').waitFor({ state: 'visible' });
    const choice = a.locator('.conflict-choice');
    expect(await choice.count()).toBe(1);
    expect(await choice.textContent()).toContain('Versión de B');
    expect(await choice.textContent()).toContain('Versión de A');
    // B's other change and A's other change are both in the form already.
    expect(await a.locator('#section-calendar').inputValue()).toBe('Calendario de B');
    expect(await a.locator('#section-new_proposals').inputValue()).toBe('Propuesta de A');
    await expectNoAxeViolations(a, 'conflict');
    await choice.getByLabel('Conservar mi versión').check();
    await clickToNavigate(a, a.getByRole('button', { name: 'Guardar borrador' }), /done=saved/, notice(a, 'Borrador'));
    expect(await a.locator('#section-best_practices').inputValue()).toBe('Versión de A');
    expect(await a.locator('#section-calendar').inputValue()).toBe('Calendario de B');
    expect(await a.locator('#section-new_proposals').inputValue()).toBe('Propuesta de A');
  });
});
