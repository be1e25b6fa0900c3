import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { addBestPractice } from '../../src/modules/library/best-practice.service.ts';
import { addDocument, libraryHandlers } from '../../src/modules/library/document.service.ts';
import { BestPracticeInput, LegislationInput } from '../../src/modules/library/entry.schema.ts';
import { addLegislation } from '../../src/modules/library/legislation.service.ts';
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
import { buildUser, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

interface Template {
  name: string;
  path: string | (() => string);
  heading: { es: string; en: string };
}

run('page templates in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let itemPath: string;
  let historicalReportPath: string;
  let historicalCycle: string;
  let meetingPath: string;
  let documentPath: string;
  let practicePath: string;
  let actPath: string;
  let secretariat: TestUser;
  let focalPoint: TestUser;

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-');
    server = e2e.server;
    browser = await launchChromium();
    const items = (await (
      await fetch(`${server.url}/api/v1/programmes/crm-plan-de-accion-2006/items?level=activity&q=legislacion`)
    ).json()) as { id: string }[];
    itemPath = `/items/${items[0]?.id}`;
    const cycles = (await (await fetch(`${server.url}/api/v1/cycles`)).json()) as { id: string; period: string }[];
    const reports = (await (
      await fetch(`${server.url}/api/v1/cycles/${cycles.find((c) => c.period === '2008')?.id}/reports`)
    ).json()) as { id: string; actor: { key: string } }[];
    historicalReportPath = `/reports/${reports.find((r) => r.actor.key === 'iachr')?.id}`;
    historicalCycle = cycles.find((c) => c.period === '2008')?.id as string;
    const seminar = (await (await fetch(`${server.url}/api/v1/meetings?from=2007-02-15&to=2007-02-16`)).json()) as {
      id: string;
    }[];
    meetingPath = `/meetings/${seminar[0]?.id}`;
    secretariat = await buildUser(server.database.db, [{ role: 'secretariat' }], 'Secretaría');
    focalPoint = await buildUser(server.database.db, [{ role: 'focal_point', actor: 'mx' }], 'Punto focal');
    const study = await addDocument(
      server.database.db,
      {
        title: 'Estudio sobre la red de protección consular',
        summary: 'Cómo se coordinan los consulados de la región.',
        type: 'study',
        languages: ['es'],
        countries: ['mx', 'gt'],
        actors: ['crm'],
        items: [],
        meetings: [],
        issuedOn: '2006-11-29',
        visibility: 'public',
        file: {
          name: 'estudio-red-consular.txt',
          bytes: new TextEncoder().encode('La red de funcionarios de enlace.\n\nSegundo párrafo del estudio.'),
        },
      },
      secretariat.principal,
    );
    await runDueJobs(server.database.db, libraryHandlers(), { workerId: 'e2e' });
    documentPath = `/library/documents/${study.id}`;
    const practice = await addBestPractice(
      server.database.db,
      BestPracticeInput.parse({
        title: 'Ventanilla única para personas migrantes retornadas',
        actor: 'mx',
        summary: 'Atención integral en los puntos de repatriación.',
        done: 'Se abrieron módulos en los puntos de repatriación.\n\nSe formó al personal.',
        results: 'Más personas atendidas.',
        periodStart: '2007-01-01',
        periodEnd: '2008-12-31',
      }),
      secretariat.principal,
    );
    practicePath = `/library/best-practices/${practice.id}`;
    const act = await addLegislation(
      server.database.db,
      LegislationInput.parse({
        country: 'gt',
        title: 'Ley contra la Violencia Sexual, Explotación y Trata de Personas',
        kind: 'law',
        number: 'Decreto 9-2009',
        adoptedOn: '2009-02-18',
        topics: ['trafficking', 'smuggling'],
        url: 'https://www.congreso.gob.gt/',
      }),
      secretariat.principal,
    );
    actPath = `/library/legislation/${act.id}`;
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  /** Public pages; a path that depends on the bundled data is read once the server is up. */
  const templates: Template[] = [
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
    { name: 'item', path: () => itemPath, heading: { es: 'PGM-', en: 'PGM-' } },
    { name: 'actors', path: '/actors', heading: { es: 'Actores', en: 'Actors' } },
    { name: 'actor', path: '/actors/mx', heading: { es: 'México', en: 'Mexico' } },
    { name: 'error', path: '/programmes/no-such-plan', heading: { es: 'No encontramos', en: 'We could not find' } },
    { name: 'login', path: '/login', heading: { es: 'Iniciar sesión', en: 'Sign in' } },
    { name: 'forgot password', path: '/forgot-password', heading: { es: '¿Olvidó', en: 'Forgot' } },
    { name: 'invitation', path: `/invitations/${'A'.repeat(43)}`, heading: { es: 'Bienvenido', en: 'Welcome' } },
    { name: 'cycles', path: '/cycles', heading: { es: 'Ciclos de informes', en: 'Reporting cycles' } },
    {
      name: 'published report',
      path: () => historicalReportPath,
      heading: { es: 'Comisión Interamericana', en: 'Comisión Interamericana' },
    },
    {
      name: 'cycle',
      path: () => `/cycles/${historicalCycle}`,
      heading: { es: 'Informe anual 2008', en: '2008 annual report' },
    },
    { name: 'progress', path: () => `/cycles/${historicalCycle}/progress`, heading: { es: '2008', en: '2008' } },
    { name: 'matrix', path: () => `/cycles/${historicalCycle}/matrix`, heading: { es: '2008', en: '2008' } },
    {
      name: 'calendar',
      path: '/calendar?when=past',
      heading: { es: 'Calendario de reuniones', en: 'Meetings calendar' },
    },
    {
      name: 'calendar month',
      path: '/calendar?view=month&month=2006-09',
      heading: { es: 'Calendario de reuniones', en: 'Meetings calendar' },
    },
    {
      name: 'calendar with nothing upcoming',
      path: '/calendar?body=grcm',
      heading: { es: 'Calendario de reuniones', en: 'Meetings calendar' },
    },
    { name: 'meeting', path: () => meetingPath, heading: { es: 'SEMINARIO', en: 'SEMINARIO' } },
    {
      name: 'trends',
      path: '/programmes/programa-interamericano-2005/progress',
      heading: { es: 'Programa Interamericano', en: 'Inter-American Program' },
    },
    {
      name: 'edition differences',
      path: '/programmes/programa-interamericano-2016-adoptado/diff?against=programa-interamericano-2016',
      heading: { es: 'Cambios de 2016 a 2016 (adoptado)', en: 'Changes from 2016 to 2016 (adoptado)' },
    },
    { name: 'library', path: '/library', heading: { es: 'Biblioteca', en: 'Library' } },
    { name: 'search', path: '/search?q=protecci%C3%B3n+consular', heading: { es: 'Buscar', en: 'Search' } },
    { name: 'search narrowed', path: '/search?q=red&type=study&country=mx', heading: { es: 'Buscar', en: 'Search' } },
    { name: 'library document', path: () => documentPath, heading: { es: 'Estudio sobre', en: 'Estudio sobre' } },
    {
      name: 'best practices',
      path: '/library/best-practices',
      heading: { es: 'Buenas prácticas', en: 'Best practices' },
    },
    { name: 'best practice', path: () => practicePath, heading: { es: 'Ventanilla única', en: 'Ventanilla única' } },
    { name: 'legislation', path: '/library/legislation', heading: { es: 'Legislación', en: 'Legislation' } },
    { name: 'act', path: () => actPath, heading: { es: 'Ley contra', en: 'Ley contra' } },
    {
      name: 'legal matrix',
      path: '/library/legislation/matrix?status=all',
      heading: { es: 'Matriz comparativa', en: 'Comparative legal matrix' },
    },
    {
      name: 'consolidated report',
      path: () => `/api/v1/cycles/${historicalCycle}/report.html`,
      heading: { es: 'Informe anual 2008', en: '2008 annual report' },
    },
  ];

  /** Pages of the private space, seen by the secretariat. */
  const privateTemplates: Template[] = [
    { name: 'account', path: '/account', heading: { es: 'Mi cuenta', en: 'My account' } },
    { name: 'my work (secretariat)', path: '/my-work', heading: { es: 'Mi trabajo', en: 'My work' } },
    { name: 'admin', path: '/admin', heading: { es: 'Administración', en: 'Administration' } },
    { name: 'admin users', path: '/admin/users', heading: { es: 'Usuarios', en: 'Users' } },
    {
      name: 'admin user',
      path: () => `/admin/users/${focalPoint.id}`,
      heading: { es: 'Punto focal', en: 'Punto focal' },
    },
    { name: 'admin audit', path: '/admin/audit', heading: { es: 'Registro de cambios', en: 'Audit trail' } },
    { name: 'admin outbox', path: '/admin/outbox', heading: { es: 'Correos enviados', en: 'Outbox' } },
    { name: 'new meeting', path: '/meetings/new', heading: { es: 'Nueva reunión', en: 'New meeting' } },
    { name: 'new document', path: '/library/new', heading: { es: 'Agregar un documento', en: 'Add a document' } },
    {
      name: 'new best practice',
      path: '/library/best-practices/new',
      heading: { es: 'Proponer una buena práctica', en: 'Propose a best practice' },
    },
    { name: 'new act', path: '/library/legislation/new', heading: { es: 'Proponer una norma', en: 'Propose an act' } },
    { name: 'act changes', path: () => `${actPath}/edit`, heading: { es: 'Editar', en: 'Edit' } },
    {
      name: 'legal matrix with topics form',
      path: '/library/legislation/matrix',
      heading: { es: 'Matriz comparativa', en: 'Comparative legal matrix' },
    },
    {
      name: 'meeting changes',
      path: () => `${meetingPath}/edit`,
      heading: { es: 'Modificar la reunión', en: 'Change the meeting' },
    },
    { name: 'new programme', path: '/programmes/new', heading: { es: 'Nuevo programa', en: 'New programme' } },
    {
      name: 'new edition',
      path: '/programmes/crm-plan-de-accion-2006/editions/new',
      heading: { es: 'Nueva edición de', en: 'New edition of' },
    },
    { name: 'cycles with form', path: '/cycles', heading: { es: 'Ciclos de informes', en: 'Reporting cycles' } },
    { name: 'item with editing panel', path: () => itemPath, heading: { es: 'PGM-', en: 'PGM-' } },
    {
      name: 'cycle texts and order',
      path: () => `/cycles/${historicalCycle}/edit`,
      heading: { es: 'Textos y orden', en: 'Texts and order' },
    },
    {
      name: 'board',
      path: () => `/cycles/${historicalCycle}`,
      heading: { es: 'Informe anual 2008', en: '2008 annual report' },
    },
    {
      name: 'progress (secretariat)',
      path: () => `/cycles/${historicalCycle}/progress`,
      heading: { es: '2008', en: '2008' },
    },
  ];

  /** Pages as a focal point sees them. */
  const focalPointTemplates: Template[] = [
    { name: 'my work (focal point)', path: '/my-work', heading: { es: 'Mi trabajo', en: 'My work' } },
  ];

  async function open(locale: Locale, pathname: string, javaScript = true, user?: TestUser): Promise<Page> {
    const options = { javaScriptEnabled: javaScript };
    const context = user
      ? (await signedInContext(browser, server.url, user, locale, options)).context
      : await localeContext(browser, locale, options);
    const page = await context.newPage();
    await page.goto(`${server.url}${pathname}`);
    return page;
  }

  async function checkTemplate(locale: Locale, t: Template, user?: TestUser) {
    const page = await open(locale, typeof t.path === 'string' ? t.path : t.path(), true, user);
    try {
      expect(await page.getAttribute('html', 'lang'), t.name).toBe(locale);
      // Without its doctype a page falls back to quirks mode, and its layout with it.
      expect(await page.evaluate(() => document.compatMode), `${t.name} in standards mode`).toBe('CSS1Compat');
      expect(await page.locator('h1').first().textContent(), t.name).toContain(t.heading[locale]);
      await expectNoAxeViolations(page, t.name);
      // On a 390 px phone the page scrolls down, never sideways (wide tables scroll in their own frame).
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${t.name} at 390 px`).toBeLessThanOrEqual(0);
    } finally {
      await page.context().close();
    }
  }

  for (const locale of ['es', 'en'] as const) {
    // One test per page, so that a slow machine spends its time limit on one page, not on thirty.
    for (const t of templates) {
      it(`renders the ${t.name} page in ${locale} with no axe violations, in standards mode, at 390 px`, async () => {
        await checkTemplate(locale, t);
      });
    }
    for (const t of privateTemplates) {
      it(`renders the private ${t.name} page in ${locale} with no axe violations, in standards mode, at 390 px`, async () => {
        await checkTemplate(locale, t, secretariat);
      });
    }
    for (const t of focalPointTemplates) {
      it(`renders the ${t.name} page in ${locale} with no axe violations, in standards mode, at 390 px`, async () => {
        await checkTemplate(locale, t, focalPoint);
      });
    }
  }

  it('switches language with the visible switch and remembers it', async () => {
    const page = await open('es', '/actors/iachr');
    // The switch leads back to the same address, so the sign of arrival is the switch marking English.
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/lang/en'),
      page.getByRole('link', { name: 'English' }).click(),
    ]);
    await page.locator('.lang-switch a[hreflang="en"][aria-current="true"]').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${server.url}/actors/iachr`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${server.url}/`);
    expect(await page.getByRole('heading', { level: 2, name: 'Programmes and plans' }).count()).toBe(1);
    await page.context().close();
  });

  it('narrows a long actor list as one types in its search box', async () => {
    const page = await open('es', '/admin/users', true, secretariat);
    const search = page.getByRole('searchbox', { name: 'Buscar en la lista «Actor»' }).first();
    await search.fill('mexi');
    const visible = await page.evaluate(() =>
      [...(document.querySelector('#users-actor') as HTMLSelectElement).options]
        .filter((o) => !o.hidden && o.value !== '')
        .map((o) => o.textContent),
    );
    expect(visible).toEqual(['México']);
    await search.fill('');
    const all = await page.evaluate(
      () => [...(document.querySelector('#users-actor') as HTMLSelectElement).options].filter((o) => !o.hidden).length,
    );
    expect(all).toBeGreaterThan(50);
    await page.context().close();
  });

  it('filters the programme table without JavaScript', async () => {
    const page = await open('en', '/programmes/programa-interamericano-2016?view=table', false);
    await page.selectOption('#f-level', 'activity');
    await page.fill('#f-q', 'consular');
    await clickToNavigate(
      page,
      page.getByRole('button', { name: 'Filter' }),
      /q=consular/,
      page.locator('tbody td.code').first(),
    );
    const codes = await page.locator('tbody td.code').allInnerTexts();
    expect(codes).toEqual(['V.A.10', 'V.B.27', 'V.B.28', 'V.B.29']);
    await page.context().close();
  });
});
