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
  signedInContext,
  startE2eServer,
} from '../support/browser.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

run('meetings in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let secretariat: TestUser;
  let focal: TestUser;
  let reportPath: string;

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-meetings-');
    server = e2e.server;
    const db = server.database.db;
    secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Secretaría');
    focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }], 'Punto focal');
    const { id } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2027', opensAt: '2027-01-01', deadline: '2099-03-31' },
      secretariat.principal,
    );
    await openCycle(db, id, secretariat.principal);
    reportPath = `/reports/${(await listCycleReports(db, id, secretariat.principal)).find((r) => r.actor.key === 'mx')?.report.id}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  async function signedIn(user: TestUser, locale: Locale = 'es'): Promise<Page> {
    return (await signedInContext(browser, server.url, user, locale)).context.newPage();
  }

  it('records an agreement that the owner state finds on its actor page and in its report', async () => {
    const se = await signedIn(secretariat);
    await se.goto(`${server.url}/calendar?when=all`);
    await expectNoAxeViolations(se, 'calendar list');
    await se.goto(`${server.url}/calendar?view=month&month=2019-02`);
    // The CAM's informal sessions with the SSM and the IACHR, known only by their month: listed once, above the grid.
    expect(await se.locator('#undated-heading ~ ul > li').count()).toBe(2);
    await expectNoAxeViolations(se, 'calendar month');
    await se.goto(`${server.url}/meetings/new`);
    await expectNoAxeViolations(se, 'new meeting');
    await se.selectOption('#body', 'cam');
    await se.selectOption('#kind', 'informal_session');
    await se.fill('#title', 'Sesión informal sobre asistencia consular');
    await se.fill('#startsAt', '2027-03-10');
    await se.fill('#endsAt', '2027-03-10');
    await se.fill('#location', 'Washington, D.C.');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Crear reunión' }),
      /\/meetings\/[0-9a-f-]{36}\?done=created/,
      se.locator('.alert-success', { hasText: 'Reunión creada' }),
    );
    const meetingUrl = se.url().split('?')[0] as string;
    expect(await se.locator('h1').textContent()).toContain('Sesión informal sobre asistencia consular');
    await se.locator('summary', { hasText: 'Agregar un punto del orden del día' }).click();
    await se.fill('#ai-title', 'Protocolos de asistencia consular');
    await se.fill('#ai-item', 'V.B.28');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Agregar un punto del orden del día' }),
      /done=saved/,
      se.locator('#agenda ~ ol a').first(),
    );
    expect(await se.locator('#agenda ~ ol a').first().textContent()).toBe('V.B.28');
    // The meeting's own address again, not ?done=saved: recording the agreement must lead somewhere new.
    await se.goto(meetingUrl);
    await se.locator('summary', { hasText: 'Registrar un acuerdo' }).click();
    await se.fill('#ag-text', 'México compartirá su protocolo de asistencia consular con los demás Estados.');
    await se.selectOption('#ag-owner', 'mx');
    await se.fill('#ag-due', '2027-06-30');
    await se.fill('#ag-items', 'V.B.28');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Registrar un acuerdo' }),
      /done=saved/,
      se.locator('article.agreement'),
    );
    expect(await se.locator('article.agreement').textContent()).toContain('México compartirá su protocolo');
    await expectNoAxeViolations(se, 'meeting');

    const fp = await signedIn(focal, 'en');
    await fp.goto(`${server.url}/actors/mx`);
    expect(await fp.locator('#agreements-heading + ul, #agreements-heading ~ ul').first().textContent()).toContain(
      'México compartirá su protocolo',
    );
    await expectNoAxeViolations(fp, 'actor with agreements');
    await fp.goto(`${server.url}${reportPath}`);
    expect(await fp.locator('#report-agreements ~ ul').first().textContent()).toContain(
      'México compartirá su protocolo',
    );
    await expectNoAxeViolations(fp, 'report form with agreements');
  });
});
