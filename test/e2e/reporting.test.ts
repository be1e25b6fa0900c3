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
      page.locator('[data-editor-for^="carried-"]').first(),
    );
    return page;
  }

  const notice = (page: Page, text: string) => page.locator('.alert-success', { hasText: text });

  it('takes a report from draft to accepted, through a return with comments', async () => {
    const fp = await signInThroughForm(focal, reportUrl);
    await expectNoAxeViolations(fp, 'report form');
    const firstEntry = fp.locator('[data-editor-for^="carried-"]').first();
    await firstEntry.fill('Firmamos un acuerdo de intercambio de información migratoria con Guatemala.');
    await expect.poll(() => fp.locator('.autosave-status').textContent(), { timeout: 10_000 }).toMatch(/^Guardado/);
    await fp.reload();
    expect(await fp.locator('textarea[name^="carriedOut:"]').first().inputValue()).toBe(
      '<p>Firmamos un acuerdo de intercambio de información migratoria con Guatemala.</p>',
    );
    expect(await fp.locator('[data-editor-for^="carried-"]').first().textContent()).toBe(
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
    await fp.locator('#section-calendar-editor').fill('Marzo de 2027: taller regional.');
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

  it('formats text with the toolbar, keeps the lists of a Word paste and drops the rest', async () => {
    const page = await signIn(canadaFocal, 'es', canadaUrl);
    const editor = page.locator('[data-editor-for^="planned-"]').first();
    const textarea = page.locator('textarea[name^="planned:"]').first();
    // The editor (loaded after the page) takes the textarea's place, labelled by its label, with its toolbar.
    await expect.poll(() => editor.getAttribute('aria-labelledby')).toMatch(/-label$/);
    expect(await textarea.isHidden()).toBe(true);
    const toolbar = editor.locator('xpath=..').getByRole('toolbar', { name: 'Formato del texto' });
    expect(await toolbar.getByRole('button').count()).toBe(9);
    await editor.click();
    await page.keyboard.type('Taller regional');
    await page.keyboard.press('Shift+Home');
    await toolbar.getByRole('button', { name: 'Negrita' }).click();
    expect(await toolbar.getByRole('button', { name: 'Negrita' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Lista con viñetas' }).click();
    // Bold goes on into the new line until it is switched off.
    await toolbar.getByRole('button', { name: 'Negrita' }).click();
    expect(await toolbar.getByRole('button', { name: 'Negrita' }).getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.type('en marzo');
    await expect.poll(() => textarea.inputValue()).toBe('<p><b>Taller regional</b></p><ul><li>en marzo</li></ul>');
    await expectNoAxeViolations(page, 'report form with editors');

    // What Word puts on the clipboard: list items as styled paragraphs, markers, comments, <o:p>.
    const word = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>',
      '<p class="MsoNormal"><span style="font-family:Calibri">Acciones:<o:p></o:p></span></p>',
      '<p class="MsoListParagraphCxSpFirst" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="font-family:Symbol;mso-list:Ignore">·<span style="font:7.0pt">&nbsp;&nbsp;</span></span><!--[endif]--><span>Capacitación</span></p>',
      '<p class="MsoListParagraphCxSpLast" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="mso-list:Ignore">·</span><!--[endif]--><span style="font-weight:bold">Protocolo</span> consular</p>',
      '<p class="MsoNormal"><img src="x" onerror="window.__xss=1"><script>window.__xss=1</script>Fin</p>',
      '</body></html>',
    ].join('');
    const section = page.locator('#section-calendar-editor');
    await section.click();
    await section.evaluate((el, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Acciones');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, word);
    await expect
      .poll(() => page.locator('#section-calendar').inputValue())
      .toBe('<p>Acciones:</p><ul><li>Capacitación</li><li><b>Protocolo</b> consular</li></ul><p>Fin</p>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // Autosave keeps it, and the server's sanitizer keeps what the editor writes.
    const api = canadaUrl.replace('/reports/', '/api/v1/reports/');
    await expect
      .poll(
        async () =>
          ((await (await page.request.get(api)).json()) as { sections: { calendar: string } }).sections.calendar,
        {
          timeout: 10_000,
        },
      )
      .toBe('<p>Acciones:</p><ul><li>Capacitación</li><li><b>Protocolo</b> consular</li></ul><p>Fin</p>');
    await page.reload();
    await expect
      .poll(() => page.locator('#section-calendar-editor ul li').allTextContents())
      .toEqual(['Capacitación', 'Protocolo consular']);
    expect(await page.locator('[data-editor-for^="planned-"]').first().locator('b').textContent()).toBe(
      'Taller regional',
    );
  });

  it("keeps both people's changes to different fields, and asks which text to keep where both changed one", async () => {
    const a = await signIn(canadaFocal, 'es', canadaUrl);
    const b = await signIn(canadaFocal, 'es', canadaUrl);
    await b.locator('#section-best_practices-editor').fill('Versión de B');
    await b.locator('#section-calendar-editor').fill('Calendario de B');
    await clickToNavigate(b, b.getByRole('button', { name: 'Guardar borrador' }), /done=saved/, notice(b, 'Borrador'));
    // A's page still holds the old version number; autosave is off so the form is what is sent.
    await a.evaluate(() => {
      for (const el of document.querySelectorAll('form[data-autosave]')) el.removeAttribute('data-autosave');
    });
    await a.locator('#section-best_practices-editor').fill('Versión de A');
    await a.locator('#section-new_proposals-editor').fill('Propuesta de A');
    // The refused save answers at the address the page already has: what it shows is the sign it arrived.
    await a.getByRole('button', { name: 'Guardar borrador' }).click();
    await a.locator('.conflict').waitFor({ state: 'visible' });
    const choice = a.locator('.conflict-choice');
    expect(await choice.count()).toBe(1);
    expect(await choice.textContent()).toContain('Versión de B');
    expect(await choice.textContent()).toContain('Versión de A');
    // B's other change and A's other change are both in the form already.
    expect(await a.locator('#section-calendar').inputValue()).toBe('<p>Calendario de B</p>');
    expect(await a.locator('#section-new_proposals').inputValue()).toBe('<p>Propuesta de A</p>');
    await expectNoAxeViolations(a, 'conflict');
    await choice.getByLabel('Conservar mi versión').check();
    await clickToNavigate(a, a.getByRole('button', { name: 'Guardar borrador' }), /done=saved/, notice(a, 'Borrador'));
    expect(await a.locator('#section-best_practices').inputValue()).toBe('<p>Versión de A</p>');
    expect(await a.locator('#section-calendar').inputValue()).toBe('<p>Calendario de B</p>');
    expect(await a.locator('#section-new_proposals').inputValue()).toBe('<p>Propuesta de A</p>');
  });
});
