/**
 * The whole reporting cycle in Chromium, as the people who live it: the
 * secretariat creates and opens a cycle, two focal points of one actor write
 * different activities at once, one submits, the validator asks about an
 * activity and returns the report, the focal point answers and resubmits, the
 * validator reads the changes between the two submissions and approves, the
 * secretariat accepts, closes and publishes, and a visitor reads the result.
 * Every message goes through a real SMTP server: the test checks who gets
 * each one and follows its link. Each page is checked with axe and at a
 * 390 px phone width (no sideways scrolling), and saved as screenshots at
 * 1366 and 390 px in test-results/cycle-walk.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { createTransport } from '../../src/modules/mail/mailer.ts';
import { backgroundHandlers, type RunningServer } from '../../src/server.ts';
import {
  browserAvailable,
  clickToNavigate,
  expectNoAxeViolations,
  launchChromium,
  localeContext,
  startE2eServer,
} from '../support/browser.ts';
import { silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD, type TestUser } from '../support/factories.ts';
import { startSmtpServer } from '../support/smtp.ts';

const run = browserAvailable() ? describe : describe.skip;
const SHOTS = 'test-results/cycle-walk';

run('the reporting cycle in Chromium, with e-mail through a real SMTP server', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let secretariat: TestUser;
  let ana: TestUser;
  let luis: TestUser;
  let validator: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    e2e = await startE2eServer('enlace-e2e-walk-');
    server = e2e.server;
    const db = server.database.db;
    secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Secretaría');
    ana = await buildUser(db, [{ role: 'focal_point', actor: 'gt' }], 'Ana');
    luis = await buildUser(db, [{ role: 'focal_point', actor: 'gt' }], 'Luis');
    validator = await buildUser(db, [{ role: 'validator', actor: 'gt' }], 'Validadora');
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
    await smtp?.close();
  });

  /** Runs the background jobs as the server would, delivering mail to the SMTP server, until none is due. */
  async function deliver(): Promise<void> {
    const config = readConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Enlace <no-reply@enlace.example.org>' });
    const transport = createTransport(config.mail, silentLog);
    try {
      const handlers = backgroundHandlers(transport, config, server.url);
      // Notification jobs write messages whose delivery is another job: a few rounds, bounded.
      for (let round = 0; round < 5; round++) {
        const ran = await runDueJobs(server.database.db, handlers, { workerId: 'e2e' });
        if (ran === 0) break;
      }
    } finally {
      transport?.close();
    }
  }
  const mailTo = (user: TestUser, subject: RegExp) =>
    smtp.received.filter((raw) => raw.includes(`To: ${user.email}`) && subject.test(decodeSubject(raw)));
  const linkIn = (raw: string) =>
    raw.replace(/=\r?\n/g, '').match(/http:\/\/127\.0\.0\.1:\d+\/reports\/[0-9a-f-]{36}/)?.[0];

  /** A page signed in through the login form (as the header's link leads to it), landing at `url`. */
  async function signIn(user: TestUser, url: string): Promise<Page> {
    const page = await (await localeContext(browser, 'es')).newPage();
    const target = new URL(url);
    await page.goto(`${server.url}/login?next=${encodeURIComponent(target.pathname)}`);
    await page.fill('#email', user.email);
    await page.fill('#password', PASSWORD);
    await clickToNavigate(page, page.locator('main button[type="submit"]'), (u) => u.href === url, page.locator('h1'));
    return page;
  }

  /** axe, no sideways scrolling at 390 px, and screenshots at 1366 and 390 px. */
  async function look(page: Page, name: string): Promise<void> {
    await expectNoAxeViolations(page, name);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-1366.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at 390 px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  it('runs from a new cycle to a published report, telling each person at each step', async () => {
    // The secretariat creates the cycle, sees what opening will do, and opens it.
    const se = await signIn(secretariat, `${server.url}/cycles`);
    await se.selectOption('#programme', 'programa-interamericano-2016');
    await se.fill('#period', '2031');
    await se.fill('#opensAt', '2026-01-01');
    await se.fill('#deadline', '2099-03-31');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Crear ciclo' }),
      /done=created/,
      se.locator('.alert-success'),
    );
    const cycleUrl = se.url().replace(/\?.*$/, '');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Abrir el ciclo y crear los informes' }),
      /\/open$/,
      se.getByRole('heading', { level: 1, name: /¿Abrir el ciclo/ }),
    );
    expect(await se.locator('.alert-warning').textContent()).toMatch(/Se crearán \d+ informes/);
    await look(se, '01-open-confirmation');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: /Sí, abrir y crear/ }),
      /done=opened/,
      se.locator('tbody tr').first(),
    );
    await look(se, '02-board');

    // Both focal points of Guatemala are told, with the link to its report; the validator is not.
    await deliver();
    const opened = [ana, luis].map((u) => mailTo(u, /el ciclo está abierto/));
    expect(
      opened.map((m) => m.length),
      smtp.received.map((r) => r.slice(0, 400)).join('\n---\n'),
    ).toEqual([1, 1]);
    expect(mailTo(validator, /el ciclo está abierto/)).toEqual([]);
    const reportUrl = linkIn(opened[0]?.[0] ?? '') as string;
    expect(reportUrl).toMatch(/\/reports\//);

    // Each focal point follows the link and writes a different activity, at the same time, from the same version.
    const a = await signIn(ana, reportUrl);
    const l = await signIn(luis, reportUrl);
    for (const page of [a, l]) {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('form[data-autosave]')) el.removeAttribute('data-autosave');
      });
    }
    await a.locator('[data-editor-for^="carried-"]').nth(0).fill('Ana: mesa interinstitucional sobre migración.');
    await l.locator('[data-editor-for^="carried-"]').nth(1).fill('Luis: protocolo de atención consular.');
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Guardar borrador' }),
      /done=saved/,
      a.locator('.alert-success'),
    );
    await clickToNavigate(
      l,
      l.getByRole('button', { name: 'Guardar borrador' }),
      /done=saved/,
      l.locator('.alert-success'),
    );
    // No conflict: the report holds both.
    expect(await l.locator('textarea[name^="carriedOut:"]').nth(0).inputValue()).toContain('Ana:');
    expect(await l.locator('textarea[name^="carriedOut:"]').nth(1).inputValue()).toContain('Luis:');
    await look(l, '03-report-form');

    // Ana submits; she is asked first, with the activities still empty listed.
    await a.goto(reportUrl);
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Enviar el informe' }),
      /\/submit$/,
      a.getByRole('heading', { level: 1, name: /¿Enviar el informe/ }),
    );
    await look(a, '04-submit-confirmation');
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Enviar de todos modos' }),
      /done=submitted/,
      a.locator('.alert-success'),
    );

    // The validator is told, follows the link, asks about Ana's activity in its thread and returns the report.
    await deliver();
    const submitted = mailTo(validator, /enviado/);
    expect(submitted).toHaveLength(1);
    expect(linkIn(submitted[0] ?? '')).toBe(reportUrl);
    const va = await signIn(validator, `${server.url}/my-work`);
    expect(await va.locator('#work-approve').count()).toBe(1);
    await look(va, '05-my-work-validator');
    await va.goto(reportUrl);
    // The thread of an activity without comments is folded: the validator opens it.
    await va.locator('details.comments summary').first().click();
    await va.locator('textarea[name="body"]').first().fill('¿Qué instituciones participan en la mesa?');
    await clickToNavigate(
      va,
      va.getByRole('button', { name: 'Comentar' }).first(),
      /done=commented/,
      va.locator('.alert-success'),
    );
    expect(await va.locator('details.comments').first().textContent()).toContain('¿Qué instituciones participan');
    await look(va, '05a-report-review-comment');
    await va
      .locator('details.comments')
      .first()
      .screenshot({ path: `${SHOTS}/05a-thread.png` });
    await va.fill('#return-comment', 'Indique las instituciones que participan.');
    await clickToNavigate(
      va,
      va.getByRole('button', { name: 'Devolver con comentarios' }),
      /done=returned/,
      va.locator('.alert-success'),
    );

    // Both focal points hear of the question and of the return; Ana answers in the thread, completes and resubmits.
    await deliver();
    expect([ana, luis].map((u) => mailTo(u, /Comentario sobre/).length)).toEqual([1, 1]);
    expect(mailTo(ana, /devuelto/)).toHaveLength(1);
    await a.goto(reportUrl);
    await a.evaluate(() => document.querySelector('form[data-autosave]')?.removeAttribute('data-autosave'));
    await a.locator('textarea[name="body"]').first().fill('Participan la cancillería y el instituto de migración.');
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Comentar' }).first(),
      /done=commented/,
      a.locator('.alert-success'),
    );
    await a.locator('[data-editor-for^="carried-"]').nth(0).click();
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Participan la cancillería y el instituto de migración.');
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Guardar borrador' }),
      /done=saved/,
      a.locator('.alert-success'),
    );
    await look(a, '05b-report-form-returned');
    await a
      .locator('fieldset.entry')
      .first()
      .screenshot({ path: `${SHOTS}/05b-entry-with-thread.png` });
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Enviar el informe' }),
      /\/submit$/,
      a.getByRole('heading', { level: 1, name: /¿Enviar el informe/ }),
    );
    await clickToNavigate(
      a,
      a.getByRole('button', { name: 'Enviar de todos modos' }),
      /done=submitted/,
      a.locator('.alert-success'),
    );

    // The validator reads the answer, sees what changed between the two submissions, and approves.
    await deliver();
    expect(mailTo(validator, /Comentario sobre/)).toHaveLength(1);
    expect(mailTo(validator, /enviado/)).toHaveLength(2);
    await va.goto(`${reportUrl}/changes`);
    expect(await va.locator('table.diff ins').first().textContent()).toContain('cancillería');
    await look(va, '05c-changes-between-submissions');
    await va.goto(reportUrl);
    await clickToNavigate(
      va,
      va.getByRole('button', { name: 'Aprobar' }),
      /done=approved/,
      va.locator('.alert-success'),
    );

    // The secretariat is told and accepts; both focal points hear of it.
    await deliver();
    expect(mailTo(secretariat, /aprobado/)).toHaveLength(1);
    await se.goto(`${server.url}/my-work`);
    await look(se, '06-my-work-secretariat');
    await se.goto(reportUrl);
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Aceptar el informe' }),
      /done=accepted/,
      se.locator('.alert-success'),
    );
    await deliver();
    expect([ana, luis].map((u) => mailTo(u, /aceptado/).length)).toEqual([1, 1]);

    // Closing and publishing each ask first; then a visitor reads the accepted report.
    await se.goto(cycleUrl);
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Cerrar el ciclo' }),
      /\/close$/,
      se.locator('.alert-warning'),
    );
    expect(await se.locator('.alert-warning').textContent()).toMatch(/siguen sin enviar/);
    await look(se, '07-close-confirmation');
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Sí, cerrar el ciclo' }),
      /done=closed/,
      se.locator('.alert-success'),
    );
    await clickToNavigate(se, se.getByRole('button', { name: 'Publicar' }), /\/publish$/, se.locator('.alert-warning'));
    await clickToNavigate(
      se,
      se.getByRole('button', { name: 'Sí, publicar' }),
      /done=published/,
      se.locator('.alert-success'),
    );
    await look(se, '08-published-board');

    const visitor = await (await localeContext(browser, 'es')).newPage();
    await visitor.goto(reportUrl);
    expect(await visitor.locator('main').textContent()).toContain('Ana: mesa interinstitucional sobre migración.');
    expect(await visitor.locator('main').textContent()).toContain('Luis: protocolo de atención consular.');
    await look(visitor, '09-published-report');
    for (const page of [se, a, l, va, visitor]) await page.context().close();
    // A long walk: on a loaded machine each of its thirty-odd page loads may take seconds.
  }, 600_000);
});

/** The Subject header as a person reads it: RFC 2047 encoded words decoded. */
function decodeSubject(raw: string): string {
  // Long headers are folded onto lines that start with a space.
  const header = raw.replace(/\r?\n[ \t]+/g, ' ').match(/^Subject: (.*)$/m)?.[1] ?? '';
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}
