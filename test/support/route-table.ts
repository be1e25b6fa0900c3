/**
 * Every route of the application with a valid sample request (url, JSON body
 * or form) and who may make it, on fixtures built through the real use cases:
 * a cycle opened with its reports, evidence, API tokens, meetings, an
 * agreement and a meeting document. The authorization matrix and the
 * malformed-input properties both walk this table; a route without a row
 * fails both.
 */
import type { Db } from '../../src/db/connect.ts';
import {
  createApiToken,
  createUserWithPassword,
  findUser,
  inviteUser,
} from '../../src/modules/accounts/account.service.ts';
import { findActor } from '../../src/modules/actors/actor.service.ts';
import { addBestPractice } from '../../src/modules/library/best-practice.service.ts';
import { addDocument } from '../../src/modules/library/document.service.ts';
import { BestPracticeInput, LegislationInput } from '../../src/modules/library/entry.schema.ts';
import { addLegislation } from '../../src/modules/library/legislation.service.ts';
import {
  addAgendaItem,
  addMeetingDocument,
  createAgreement,
  createMeeting,
} from '../../src/modules/meetings/meeting.service.ts';
import { startImport } from '../../src/modules/plan-import/plan-import.service.ts';
import { findProgrammeItems } from '../../src/modules/programmes/programme.service.ts';
import { createProgramme } from '../../src/modules/programmes/programme-creation.service.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { addFileEvidence, addLinkEvidence } from '../../src/modules/reporting/evidence.service.ts';
import { listCycleReports, readContent } from '../../src/modules/reporting/report.service.ts';
import type { Cast } from './factories.ts';

/**
 * What a role gets: `ok` means the request got past authorization (any answer
 * but 401, 403, 404 or a 5xx); `public` means any answer but a 5xx; `login`
 * means a page redirecting to sign in.
 */
export type Expect = 'ok' | 'public' | 'login' | 401 | 403 | 404;
export type Role =
  | 'anonymous'
  | 'member'
  | 'otherFocalPoint'
  | 'otherValidator'
  | 'validator'
  | 'focalPoint'
  | 'secretariat';
/** Least privileged first, so the calls that change state come last. */
export const ROLES: Role[] = [
  'anonymous',
  'member',
  'otherFocalPoint',
  'otherValidator',
  'validator',
  'focalPoint',
  'secretariat',
];

export type Row = {
  url: string;
  body?: unknown;
  form?: Record<string, string>;
  expect: Partial<Record<Role, Expect>> & { rest: Expect };
};
/** Rows keyed `METHOD /path`, the path as the router knows it (`app.routes`). */
export type RouteTable = Record<string, Row>;

const everyone = (e: Expect): Row['expect'] => ({ rest: e });
const secretariatOnly: Row['expect'] = { anonymous: 401, secretariat: 'ok', rest: 403 };
const signedIn: Row['expect'] = { anonymous: 401, rest: 'ok' };
const focalOnly: Row['expect'] = { anonymous: 401, focalPoint: 'ok', rest: 403 };
const reportReaders: Row['expect'] = {
  anonymous: 404,
  secretariat: 'ok',
  focalPoint: 'ok',
  validator: 'ok',
  rest: 403,
};
/** The secretariat and the actor's own people: who follows a report's comments and changes. */
const reportPeople: Row['expect'] = {
  anonymous: 401,
  secretariat: 'ok',
  focalPoint: 'ok',
  validator: 'ok',
  rest: 403,
};
const adminPage: Row['expect'] = { anonymous: 'login', secretariat: 'ok', rest: 403 };

/** The routes of an application, as the table keys them (assets left out). */
export function routeKeys(routes: readonly { method: string; path: string }[]): Set<string> {
  return new Set(
    routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/assets/')).map((r) => `${r.method} ${r.path}`),
  );
}

/** Builds the fixtures on a loaded database (the cast already in it) and returns the table. */
export async function buildRouteTable(db: Db, cast: Cast): Promise<RouteTable> {
  const s = cast.secretariat.principal;
  const { id: cycleId } = await createCycle(
    db,
    { programme: 'programa-interamericano-2016', period: '2026', opensAt: '2026-01-01', deadline: '2099-12-31' },
    s,
  );
  await openCycle(db, cycleId, s);
  const report = (await listCycleReports(db, cycleId, s)).find((r) => r.actor.key === 'mx')?.report.id as string;
  const fp = cast.focalPoint.principal;
  const entry = (await readContent(db, report)).entries[0]?.id as string;
  const pdf = new TextEncoder().encode('%PDF-1.4\n%test\n');
  const fileToRead = (await addFileEvidence(db, report, { name: 'informe.pdf', bytes: pdf }, {}, fp)).id;
  const linkToDelete = (await addLinkEvidence(db, report, { title: 'Sitio', url: 'https://example.org/a' }, fp)).id;
  const linkToRemove = (await addLinkEvidence(db, report, { title: 'Sitio', url: 'https://example.org/b' }, fp)).id;
  const spareToken = (await createApiToken(db, cast.secretariat.id, { name: 'spare' })).id;
  const spareToken2 = (await createApiToken(db, cast.secretariat.id, { name: 'spare 2' })).id;
  // Accounts the secretariat's rows change: one for the API, one for the pages.
  const spareUser = async (email: string) => {
    const id = await createUserWithPassword(db, {
      email,
      name: 'Spare',
      password: 'a spare long password',
      grants: [{ role: 'member' }],
    });
    const grant = (await findUser(db, id)).grants[0]?.id as string;
    const token = (await createApiToken(db, id, { name: 'spare' })).id;
    return { id, grant, token };
  };
  const apiUser = await spareUser('spare.api@example.org');
  const pageUser = await spareUser('spare.page@example.org');
  // Someone invited who has not chosen a password yet: their invitation can be sent again.
  const invited = (
    await inviteUser(db, { email: 'invited@example.org', name: 'Invited', grants: [{ role: 'member' }] }, s, {
      baseUrl: 'http://localhost',
    })
  ).id;
  const item = (await findProgrammeItems(db, 'programa-interamericano-2016', { level: 'activity' })).matching[0]
    ?.id as string;
  const iachr = '/api/v1/actors/iachr';
  const iachrId = (await findActor(db, 'iachr')).id;
  const fakeToken = 'A'.repeat(43);
  const meeting = (
    await createMeeting(
      db,
      {
        body: 'cam',
        kind: 'informal_session',
        title: 'Sesión informal',
        startsAt: '2027-02-10',
        endsAt: '2027-02-10',
        visibility: 'public',
        invited: ['mx'],
      },
      s,
    )
  ).id;
  const privateMeeting = (
    await createMeeting(
      db,
      {
        body: 'cam',
        kind: 'expert_meeting',
        title: 'Reunión reservada',
        startsAt: '2027-03-10',
        endsAt: '2027-03-10',
        visibility: 'members',
      },
      s,
    )
  ).id;
  const agreement = (await createAgreement(db, meeting, { text: 'Acuerdo', ownerActorIds: ['mx'] }, s)).id;
  // One agenda item for each route that removes one.
  const agendaForApi = (await addAgendaItem(db, meeting, { title: 'Punto que la API quita' }, s)).id;
  const agendaForPage = (await addAgendaItem(db, meeting, { title: 'Punto que el formulario quita' }, s)).id;
  // One document for each route that takes one off a meeting.
  const documentForApi = (
    await addMeetingDocument(
      db,
      meeting,
      { kind: 'other', title: 'Nota que la API quita', url: 'https://example.org/a' },
      s,
    )
  ).id;
  const documentForPage = (
    await addMeetingDocument(
      db,
      meeting,
      { kind: 'other', title: 'Nota que el formulario quita', url: 'https://example.org/b' },
      s,
    )
  ).id;
  const privateDocument = (
    await addMeetingDocument(
      db,
      privateMeeting,
      {
        kind: 'minutes',
        title: 'Acta',
        file: { name: 'acta.pdf', bytes: new TextEncoder().encode('%PDF-1.4 acta') },
      },
      s,
    )
  ).id;
  const membersDocument = (
    await addDocument(
      db,
      {
        title: 'Estudio reservado',
        type: 'study',
        languages: ['es'],
        countries: [],
        actors: [],
        items: [],
        meetings: [],
        visibility: 'members',
        file: { name: 'estudio.pdf', bytes: pdf },
      },
      s,
    )
  ).id;
  // A focal point's document about Mexico, to change; one about no state for each route that removes one.
  const linkDocument = (title: string, countries: string[], by: typeof s) =>
    addDocument(
      db,
      {
        title,
        type: 'legislation',
        languages: ['es'],
        countries,
        actors: [],
        items: [],
        meetings: [],
        visibility: 'public',
        url: 'https://example.org/ley',
      },
      by,
    );
  const mexicanDocument = (await linkDocument('Ley de Migración de México', ['mx'], fp)).id;
  const documentToRemove = (await linkDocument('Nota que la API quita', [], s)).id;
  const documentToRemovePage = (await linkDocument('Nota que el formulario quita', [], s)).id;
  /** Who adds library documents: the secretariat, and a focal point about its own actor (here Mexico's). */
  const documentAdders: Row['expect'] = { anonymous: 401, focalPoint: 'ok', secretariat: 'ok', rest: 403 };
  // Best practices and acts a focal point of Mexico proposed: one to read and change, one per route that ends it.
  const practiceBody = {
    title: 'Ventanilla única de retorno',
    actor: 'mx',
    done: 'Módulos en los puntos de repatriación',
  };
  const actBody = { country: 'mx', title: 'Ley de Migración', kind: 'law', topics: ['entry_stay'] };
  const proposedPractice = async () => (await addBestPractice(db, BestPracticeInput.parse(practiceBody), fp)).id;
  const proposedAct = async () => (await addLegislation(db, LegislationInput.parse(actBody), fp)).id;
  const [practice, practiceToPublish, practiceToPublishPage, practiceToDiscard, practiceToDiscardPage] = [
    await proposedPractice(),
    await proposedPractice(),
    await proposedPractice(),
    await proposedPractice(),
    await proposedPractice(),
  ];
  const [act, actToPublish, actToPublishPage, actToDiscard, actToDiscardPage] = [
    await proposedAct(),
    await proposedAct(),
    await proposedAct(),
    await proposedAct(),
    await proposedAct(),
  ];
  /** Who sees a proposal: its focal point and the secretariat; a visitor is not told it exists. */
  const proposalReaders: Row['expect'] = { anonymous: 404, focalPoint: 'ok', secretariat: 'ok', rest: 403 };
  const proposalEditors: Row['expect'] = { anonymous: 401, focalPoint: 'ok', secretariat: 'ok', rest: 403 };
  const slug = 'programa-interamericano-2016';
  const draftPlan = await createProgramme(
    db,
    {
      slug: 'plan-en-borrador',
      title: { es: 'Plan en borrador' },
      kind: 'plan_of_action',
      status: 'draft',
      language: 'es',
      levels: [{ key: 'objective', name: { es: 'Objetivo' } }],
    },
    s,
  );
  const csv = new TextEncoder().encode('Objetivo;Responsables\nPrimer objetivo;México\n');
  const planImport = (await startImport(db, draftPlan, { fileName: 'plan.csv', bytes: csv }, s)).id;

  return {
    'GET /lang/:locale': { url: '/lang/en?next=/', expect: everyone('public') },
    'GET /favicon.ico': { url: '/favicon.ico', expect: everyone('public') },
    'GET /api/v1/programmes': { url: '/api/v1/programmes', expect: everyone('ok') },
    'GET /api/v1/programmes/:slug': { url: `/api/v1/programmes/${slug}`, expect: everyone('ok') },
    'GET /api/v1/programmes/:slug/items': { url: `/api/v1/programmes/${slug}/items`, expect: everyone('ok') },
    'GET /api/v1/items/:id': { url: `/api/v1/items/${item}`, expect: everyone('ok') },
    'GET /api/v1/programmes/:slug/export.xlsx': {
      url: `/api/v1/programmes/${slug}/export.xlsx`,
      expect: everyone('ok'),
    },
    'GET /api/v1/programmes/:slug/export.docx': {
      url: `/api/v1/programmes/${slug}/export.docx`,
      expect: everyone('ok'),
    },
    'PATCH /api/v1/items/:id': {
      url: `/api/v1/items/${item}`,
      body: { calendar: 'Continuo' },
      expect: secretariatOnly,
    },
    'POST /api/v1/programmes/:slug/items': {
      url: `/api/v1/programmes/${slug}/items`,
      body: { parentId: null, level: 'general_objective', code: 'IV.A.9', text: 'Nuevo' },
      expect: secretariatOnly,
    },
    'POST /api/v1/programmes': {
      url: '/api/v1/programmes',
      body: {
        slug: 'plan-nuevo',
        title: { es: 'Plan nuevo' },
        levels: [{ key: 'objective', name: { es: 'Objetivo' } }],
      },
      expect: secretariatOnly,
    },
    'POST /api/v1/programmes/:slug/imports': {
      url: `/api/v1/programmes/${draftPlan}/imports`,
      expect: secretariatOnly,
    },
    'POST /api/v1/programmes/:slug/editions': {
      url: `/api/v1/programmes/${slug}/editions`,
      body: { slug: 'edicion-por-api', edition: '2027' },
      expect: secretariatOnly,
    },
    'GET /api/v1/programmes/:slug/diff': {
      url: `/api/v1/programmes/${slug}/diff?against=programa-interamericano-2016-adoptado`,
      expect: everyone('ok'),
    },
    'GET /programmes/:slug/diff': {
      url: `/programmes/programa-interamericano-2016-adoptado/diff?against=${slug}`,
      expect: everyone('ok'),
    },
    'GET /programmes/:slug/editions/new': { url: `/programmes/${slug}/editions/new`, expect: adminPage },
    'POST /programmes/:slug/editions/new': {
      url: `/programmes/${slug}/editions/new`,
      form: { slug: 'edicion-por-formulario', edition: '2027', copyItems: '1' },
      expect: secretariatOnly,
    },
    'GET /api/v1/imports/:id': { url: `/api/v1/imports/${planImport}`, expect: secretariatOnly },
    'PUT /api/v1/imports/:id/mapping': {
      url: `/api/v1/imports/${planImport}/mapping`,
      body: {
        columns: [
          { index: 0, role: 'level', level: 'objective' },
          { index: 1, role: 'actors' },
        ],
      },
      expect: secretariatOnly,
    },
    'POST /api/v1/imports/:id/commit': { url: `/api/v1/imports/${planImport}/commit`, expect: secretariatOnly },
    'POST /api/v1/items/:id/status': {
      url: `/api/v1/items/${item}/status`,
      body: { status: 'in_progress', date: '2026-01-15', note: 'Avance' },
      expect: secretariatOnly,
    },
    'POST /api/v1/items/:id/assignments': {
      url: `/api/v1/items/${item}/assignments`,
      body: { actorId: iachrId, role: 'cooperating' },
      expect: secretariatOnly,
    },
    'DELETE /api/v1/items/:id/assignments/:actorId/:role': {
      url: `/api/v1/items/${item}/assignments/${iachrId}/cooperating`,
      expect: secretariatOnly,
    },
    'GET /api/v1/actors': { url: '/api/v1/actors', expect: everyone('ok') },
    'GET /api/v1/actors/:id': { url: iachr, expect: everyone('ok') },
    'POST /api/v1/auth/login': {
      url: '/api/v1/auth/login',
      body: { email: 'nobody@example.org', password: 'wrong password' },
      expect: everyone('public'),
    },
    'POST /api/v1/auth/logout': { url: '/api/v1/auth/logout', expect: everyone('public') },
    'GET /api/v1/me': { url: '/api/v1/me', expect: signedIn },
    'POST /api/v1/auth/password-reset': {
      url: '/api/v1/auth/password-reset',
      body: { email: 'nobody@example.org' },
      expect: everyone('public'),
    },
    'POST /api/v1/password-resets/:token': {
      url: `/api/v1/password-resets/${fakeToken}`,
      body: { password: 'a new long password' },
      expect: everyone('public'),
    },
    'POST /api/v1/invitations/:token': {
      url: `/api/v1/invitations/${fakeToken}`,
      body: { password: 'a new long password' },
      expect: everyone('public'),
    },
    'POST /api/v1/users': {
      url: '/api/v1/users',
      body: { email: 'new.person@example.org', name: 'New', grants: [] },
      expect: secretariatOnly,
    },
    'GET /api/v1/users': { url: '/api/v1/users', expect: secretariatOnly },
    'PATCH /api/v1/users/:id': { url: `/api/v1/users/${apiUser.id}`, body: { active: true }, expect: secretariatOnly },
    'POST /api/v1/users/:id/invitation': { url: `/api/v1/users/${invited}/invitation`, expect: secretariatOnly },
    'POST /api/v1/users/:id/grants': {
      url: `/api/v1/users/${apiUser.id}/grants`,
      body: { role: 'member' },
      expect: secretariatOnly,
    },
    'DELETE /api/v1/users/:id/grants/:grantId': {
      url: `/api/v1/users/${apiUser.id}/grants/${apiUser.grant}`,
      expect: secretariatOnly,
    },
    'POST /api/v1/me/feed-secret': { url: '/api/v1/me/feed-secret', expect: signedIn },
    'PATCH /api/v1/me': { url: '/api/v1/me', body: { mailDigest: false }, expect: signedIn },
    'POST /api/v1/tokens': { url: '/api/v1/tokens', body: { name: 'x' }, expect: signedIn },
    'GET /api/v1/tokens': { url: '/api/v1/tokens', expect: signedIn },
    'DELETE /api/v1/tokens/:id': {
      url: `/api/v1/tokens/${spareToken}`,
      expect: { anonymous: 401, secretariat: 'ok', rest: 404 },
    },
    'GET /api/v1/cycles': { url: '/api/v1/cycles', expect: everyone('ok') },
    'POST /api/v1/cycles': {
      url: '/api/v1/cycles',
      body: { programme: slug, period: '2031', opensAt: '2031-01-01', deadline: '2031-03-01' },
      expect: secretariatOnly,
    },
    'GET /api/v1/cycles/:id': { url: `/api/v1/cycles/${cycleId}`, expect: { anonymous: 404, rest: 'ok' } },
    'GET /api/v1/cycles/:id/reports': {
      url: `/api/v1/cycles/${cycleId}/reports`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /api/v1/reports/:id': { url: `/api/v1/reports/${report}`, expect: reportReaders },
    'PATCH /api/v1/reports/:id': {
      url: `/api/v1/reports/${report}`,
      body: { sections: { calendar: 'Marzo' } },
      expect: focalOnly,
    },
    // Before the submission: withdrawing the draft is refused (409) and leaves the report as the rows below expect.
    'POST /api/v1/reports/:id/withdraw': { url: `/api/v1/reports/${report}/withdraw`, expect: focalOnly },
    'POST /api/v1/reports/:id/submit': { url: `/api/v1/reports/${report}/submit`, expect: focalOnly },
    'POST /api/v1/reports/:id/approve': {
      url: `/api/v1/reports/${report}/approve`,
      expect: { anonymous: 401, validator: 'ok', rest: 403 },
    },
    'POST /api/v1/reports/:id/accept': { url: `/api/v1/reports/${report}/accept`, expect: secretariatOnly },
    'POST /api/v1/reports/:id/return': {
      url: `/api/v1/reports/${report}/return`,
      body: { comment: 'Revisar' },
      expect: { anonymous: 401, validator: 'ok', secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/reports/:id/comments': { url: `/api/v1/reports/${report}/comments`, expect: reportReaders },
    'POST /api/v1/reports/:id/comments': {
      url: `/api/v1/reports/${report}/comments`,
      body: { entryId: entry, body: '¿Con qué fuente?' },
      expect: reportPeople,
    },
    'POST /api/v1/reports/:id/evidence': {
      url: `/api/v1/reports/${report}/evidence`,
      body: { title: 'Sitio', url: 'https://example.org/c' },
      expect: focalOnly,
    },
    'GET /api/v1/attachments/:id': { url: `/api/v1/attachments/${fileToRead}`, expect: reportReaders },
    'DELETE /api/v1/attachments/:id': { url: `/api/v1/attachments/${linkToDelete}`, expect: focalOnly },
    'GET /api/v1/outbox': { url: '/api/v1/outbox', expect: secretariatOnly },
    'GET /api/v1/audit': { url: '/api/v1/audit', expect: secretariatOnly },
    'GET /api/v1/openapi.json': { url: '/api/v1/openapi.json', expect: everyone('ok') },
    'GET /': { url: '/', expect: everyone('ok') },
    'GET /programmes/:slug': { url: `/programmes/${slug}`, expect: everyone('ok') },
    'GET /items/:id': { url: `/items/${item}`, expect: everyone('ok') },
    'POST /items/:id/edit': {
      url: `/items/${item}/edit`,
      form: { text: 'Texto', code: 'V.A.1', calendar: '' },
      expect: secretariatOnly,
    },
    'POST /items/:id/status': {
      url: `/items/${item}/status`,
      form: { status: 'continuous', date: '2026-02-01', note: 'Continuo' },
      expect: secretariatOnly,
    },
    'POST /items/:id/assignments': {
      url: `/items/${item}/assignments`,
      form: { actorId: iachrId, role: 'sponsor' },
      expect: secretariatOnly,
    },
    'POST /items/:id/assignments/remove': {
      url: `/items/${item}/assignments/remove`,
      form: { actorId: iachrId, role: 'sponsor' },
      expect: secretariatOnly,
    },
    'POST /items/:id/children': {
      url: `/items/${item}/children`,
      form: { level: 'activity', code: 'V.A.1.a', text: 'Sub' },
      expect: secretariatOnly,
    },
    'GET /actors': { url: '/actors', expect: everyone('ok') },
    'GET /actors/:id': { url: '/actors/mx', expect: everyone('ok') },
    'GET /login': { url: '/login', expect: everyone('ok') },
    'POST /login': {
      url: '/login',
      form: { email: 'nobody@example.org', password: 'x' },
      expect: everyone('public'),
    },
    'POST /logout': { url: '/logout', form: {}, expect: everyone('public') },
    'GET /invitations/:token': { url: `/invitations/${fakeToken}`, expect: everyone('public') },
    'POST /invitations/:token': {
      url: `/invitations/${fakeToken}`,
      form: { password: 'a new long password' },
      expect: everyone('public'),
    },
    'GET /reset-password/:token': { url: `/reset-password/${fakeToken}`, expect: everyone('public') },
    'POST /reset-password/:token': {
      url: `/reset-password/${fakeToken}`,
      form: { password: 'a new long password' },
      expect: everyone('public'),
    },
    'GET /forgot-password': { url: '/forgot-password', expect: everyone('ok') },
    'POST /forgot-password': {
      url: '/forgot-password',
      form: { email: 'nobody@example.org' },
      expect: everyone('public'),
    },
    'GET /account': { url: '/account', expect: { anonymous: 'login', rest: 'ok' } },
    'GET /my-work': { url: '/my-work', expect: { anonymous: 'login', rest: 'ok' } },
    'POST /account/tokens': { url: '/account/tokens', form: { name: 'x' }, expect: signedIn },
    'POST /account/feed-secret': { url: '/account/feed-secret', form: {}, expect: signedIn },
    'POST /account/mail': { url: '/account/mail', form: { mail: 'immediate' }, expect: signedIn },
    'POST /account/tokens/:id/revoke': {
      url: `/account/tokens/${spareToken2}/revoke`,
      form: {},
      expect: { anonymous: 401, secretariat: 'ok', rest: 404 },
    },
    'GET /cycles': { url: '/cycles', expect: everyone('ok') },
    'POST /cycles': {
      url: '/cycles',
      form: { programme: slug, period: '2032', opensAt: '2032-01-01', deadline: '2032-03-01' },
      expect: secretariatOnly,
    },
    'GET /cycles/:id': { url: `/cycles/${cycleId}`, expect: { anonymous: 'login', rest: 'ok' } },
    'GET /reports/:id': { url: `/reports/${report}`, expect: { ...reportReaders, anonymous: 'login' } },
    'POST /reports/:id': {
      url: `/reports/${report}`,
      form: { version: '1', 'section:calendar': 'Abril' },
      expect: focalOnly,
    },
    'POST /reports/:id/:action{submit|withdraw|approve|accept}': {
      url: `/reports/${report}/submit`,
      form: { confirm: 'yes' },
      expect: focalOnly,
    },
    'POST /reports/:id/status-proposals': {
      url: `/reports/${report}/status-proposals`,
      form: { decision: 'apply' },
      expect: secretariatOnly,
    },
    'GET /api/v1/reports/:id/status-proposals': {
      url: `/api/v1/reports/${report}/status-proposals`,
      expect: secretariatOnly,
    },
    'POST /api/v1/reports/:id/status-proposals': {
      url: `/api/v1/reports/${report}/status-proposals`,
      body: { decision: 'dismiss' },
      expect: secretariatOnly,
    },
    'POST /reports/:id/return': {
      url: `/reports/${report}/return`,
      form: { comment: 'Revisar' },
      expect: { anonymous: 401, validator: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /reports/:id/comments': {
      url: `/reports/${report}/comments`,
      form: { entryId: entry, body: 'Se añadió la fuente' },
      expect: reportPeople,
    },
    'GET /reports/:id/changes': { url: `/reports/${report}/changes`, expect: { ...reportReaders, anonymous: 'login' } },
    'POST /reports/:id/evidence': {
      url: `/reports/${report}/evidence`,
      form: { title: 'Sitio', url: 'https://example.org/d' },
      expect: focalOnly,
    },
    'POST /reports/:id/evidence/:attachment/remove': {
      url: `/reports/${report}/evidence/${linkToRemove}/remove`,
      form: {},
      expect: focalOnly,
    },
    'GET /attachments/:id': { url: `/attachments/${fileToRead}`, expect: reportReaders },
    'PATCH /api/v1/cycles/:id': {
      url: `/api/v1/cycles/${cycleId}`,
      body: { introduction: 'Introducción' },
      expect: secretariatOnly,
    },
    'PUT /api/v1/cycles/:id/order': {
      url: `/api/v1/cycles/${cycleId}/order`,
      body: { actorIds: [iachrId] },
      expect: secretariatOnly,
    },
    'GET /api/v1/cycles/:id/report.docx': {
      url: `/api/v1/cycles/${cycleId}/report.docx`,
      expect: { anonymous: 404, secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/cycles/:id/report.pdf': {
      url: `/api/v1/cycles/${cycleId}/report.pdf`,
      expect: { anonymous: 404, secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/cycles/:id/report.xlsx': {
      url: `/api/v1/cycles/${cycleId}/report.xlsx`,
      expect: { anonymous: 404, secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/cycles/:id/report.csv': {
      url: `/api/v1/cycles/${cycleId}/report.csv`,
      expect: { anonymous: 404, secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/cycles/:id/report.html': {
      url: `/api/v1/cycles/${cycleId}/report.html`,
      expect: { anonymous: 404, secretariat: 'ok', rest: 403 },
    },
    'GET /api/v1/cycles/:id/map.svg': {
      url: `/api/v1/cycles/${cycleId}/map.svg`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /api/v1/cycles/:id/progress': {
      url: `/api/v1/cycles/${cycleId}/progress`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /api/v1/programmes/:slug/trends': { url: `/api/v1/programmes/${slug}/trends`, expect: everyone('ok') },
    'GET /programmes/:slug/progress': { url: `/programmes/${slug}/progress`, expect: everyone('ok') },
    'GET /cycles/:id/progress': { url: `/cycles/${cycleId}/progress`, expect: { anonymous: 'login', rest: 'ok' } },
    'GET /cycles/:id/matrix': { url: `/cycles/${cycleId}/matrix`, expect: { anonymous: 'login', rest: 'ok' } },
    'GET /cycles/:id/edit': { url: `/cycles/${cycleId}/edit`, expect: adminPage },
    'POST /cycles/:id/edit': {
      url: `/cycles/${cycleId}/edit`,
      form: { introduction: 'Intro' },
      expect: secretariatOnly,
    },
    'GET /api/v1/meetings': {
      url: '/api/v1/meetings?from=2027-01-01&to=2027-12-31&body=cam',
      expect: everyone('ok'),
    },
    'GET /api/v1/meetings/:id': { url: `/api/v1/meetings/${privateMeeting}`, expect: { anonymous: 404, rest: 'ok' } },
    'POST /api/v1/meetings': {
      url: '/api/v1/meetings',
      body: {
        body: 'cam',
        kind: 'workshop',
        title: 'Taller',
        startsAt: '2027-05-01',
        endsAt: '2027-05-02',
        location: 'Washington',
        visibility: 'public',
      },
      expect: secretariatOnly,
    },
    'PATCH /api/v1/meetings/:id': {
      url: `/api/v1/meetings/${meeting}`,
      body: { location: 'Washington, D.C.' },
      expect: secretariatOnly,
    },
    'POST /api/v1/meetings/:id/agenda': {
      url: `/api/v1/meetings/${meeting}/agenda`,
      body: { title: 'Punto', itemId: item },
      expect: secretariatOnly,
    },
    'DELETE /api/v1/meetings/:id/agenda/:itemId': {
      url: `/api/v1/meetings/${meeting}/agenda/${agendaForApi}`,
      expect: secretariatOnly,
    },
    'POST /api/v1/meetings/:id/documents': {
      url: `/api/v1/meetings/${meeting}/documents`,
      body: { kind: 'agenda', title: 'Agenda', url: 'https://example.org/agenda.pdf' },
      expect: secretariatOnly,
    },
    'DELETE /api/v1/meetings/:id/documents/:documentId': {
      url: `/api/v1/meetings/${meeting}/documents/${documentForApi}`,
      expect: secretariatOnly,
    },
    'POST /api/v1/meetings/:id/agreements': {
      url: `/api/v1/meetings/${meeting}/agreements`,
      body: { text: 'Otro acuerdo', ownerActorIds: ['ca'], dueDate: '2027-06-30' },
      expect: secretariatOnly,
    },
    'PATCH /api/v1/agreements/:id': {
      url: `/api/v1/agreements/${agreement}`,
      body: { status: 'in_progress', note: 'Avanza' },
      expect: secretariatOnly,
    },
    'POST /api/v1/documents': {
      url: '/api/v1/documents',
      body: {
        title: 'Ley de Migración',
        type: 'legislation',
        languages: ['es'],
        countries: ['MX'],
        url: 'https://example.org/ley-de-migracion',
      },
      expect: documentAdders,
    },
    'GET /api/v1/documents': { url: '/api/v1/documents', expect: everyone('ok') },
    'GET /api/v1/documents/:id': {
      url: `/api/v1/documents/${membersDocument}`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /api/v1/documents/:id/file': {
      url: `/api/v1/documents/${membersDocument}/file`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /library': { url: '/library', expect: everyone('ok') },
    'GET /api/v1/search': {
      url: '/api/v1/search?q=migraci%C3%B3n&type=study&country=MX&lang=es',
      expect: everyone('ok'),
    },
    'GET /search': { url: '/search?q=migraci%C3%B3n', expect: everyone('ok') },
    'GET /library/new': {
      url: '/library/new',
      expect: { anonymous: 'login', focalPoint: 'ok', otherFocalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library': {
      url: '/library',
      form: {
        title: 'Reglamento de la Ley de Migración',
        type: 'legislation',
        languages: 'es',
        countries: 'mx',
        url: 'https://example.org/reglamento',
      },
      expect: documentAdders,
    },
    'GET /library/documents/:id': {
      url: `/library/documents/${membersDocument}`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'PUT /api/v1/documents/:id': {
      url: `/api/v1/documents/${mexicanDocument}`,
      body: { title: 'Ley de Migración', type: 'legislation', languages: ['es'], countries: ['MX'] },
      expect: proposalEditors,
    },
    'DELETE /api/v1/documents/:id': { url: `/api/v1/documents/${documentToRemove}`, expect: secretariatOnly },
    'GET /library/documents/:id/edit': {
      url: `/library/documents/${mexicanDocument}/edit`,
      expect: { anonymous: 'login', focalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library/documents/:id': {
      url: `/library/documents/${mexicanDocument}`,
      form: { title: 'Ley de Migración', type: 'legislation', languages: 'es', countries: 'mx' },
      expect: proposalEditors,
    },
    'POST /library/documents/:id/delete': {
      url: `/library/documents/${documentToRemovePage}/delete`,
      expect: secretariatOnly,
    },
    'GET /library/documents/:id/file': {
      url: `/library/documents/${membersDocument}/file`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /api/v1/best-practices': { url: '/api/v1/best-practices?actor=mx', expect: everyone('ok') },
    'POST /api/v1/best-practices': { url: '/api/v1/best-practices', body: practiceBody, expect: documentAdders },
    'GET /api/v1/best-practices/:id': { url: `/api/v1/best-practices/${practice}`, expect: proposalReaders },
    'PUT /api/v1/best-practices/:id': {
      url: `/api/v1/best-practices/${practice}`,
      body: practiceBody,
      expect: proposalEditors,
    },
    'POST /api/v1/best-practices/:id/publish': {
      url: `/api/v1/best-practices/${practiceToPublish}/publish`,
      expect: secretariatOnly,
    },
    'DELETE /api/v1/best-practices/:id': {
      url: `/api/v1/best-practices/${practiceToDiscard}`,
      expect: secretariatOnly,
    },
    'GET /api/v1/legislation': { url: '/api/v1/legislation?country=MX&topic=entry_stay', expect: everyone('ok') },
    'POST /api/v1/legislation': { url: '/api/v1/legislation', body: actBody, expect: documentAdders },
    'GET /api/v1/legislation/:id': { url: `/api/v1/legislation/${act}`, expect: proposalReaders },
    'PUT /api/v1/legislation/:id': { url: `/api/v1/legislation/${act}`, body: actBody, expect: proposalEditors },
    'POST /api/v1/legislation/:id/publish': {
      url: `/api/v1/legislation/${actToPublish}/publish`,
      expect: secretariatOnly,
    },
    'DELETE /api/v1/legislation/:id': { url: `/api/v1/legislation/${actToDiscard}`, expect: secretariatOnly },
    'GET /api/v1/legislation/topics': { url: '/api/v1/legislation/topics', expect: everyone('ok') },
    'POST /api/v1/legislation/topics': {
      url: '/api/v1/legislation/topics',
      body: { key: 'statelessness', name: { es: 'Apatridia' } },
      expect: secretariatOnly,
    },
    'GET /api/v1/legislation/matrix': { url: '/api/v1/legislation/matrix?country=mx', expect: everyone('ok') },
    'GET /api/v1/legislation/matrix.xlsx': { url: '/api/v1/legislation/matrix.xlsx', expect: everyone('ok') },
    'GET /api/v1/legislation/matrix.csv': { url: '/api/v1/legislation/matrix.csv?status=all', expect: everyone('ok') },
    'GET /library/best-practices': { url: '/library/best-practices?actor=mx', expect: everyone('ok') },
    'GET /library/best-practices/new': {
      url: '/library/best-practices/new',
      expect: { anonymous: 'login', focalPoint: 'ok', otherFocalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library/best-practices': {
      url: '/library/best-practices',
      form: { title: 'Retorno asistido', actor: 'mx' },
      expect: documentAdders,
    },
    'GET /library/best-practices/:id': { url: `/library/best-practices/${practice}`, expect: proposalReaders },
    'GET /library/best-practices/:id/edit': {
      url: `/library/best-practices/${practice}/edit`,
      expect: { anonymous: 'login', focalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library/best-practices/:id': {
      url: `/library/best-practices/${practice}`,
      form: { title: 'Retorno asistido', actor: 'mx' },
      expect: proposalEditors,
    },
    'POST /library/best-practices/:id/publish': {
      url: `/library/best-practices/${practiceToPublishPage}/publish`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /library/best-practices/:id/discard': {
      url: `/library/best-practices/${practiceToDiscardPage}/discard`,
      form: {},
      expect: secretariatOnly,
    },
    'GET /library/legislation': { url: '/library/legislation?country=mx', expect: everyone('ok') },
    'GET /library/legislation/new': {
      url: '/library/legislation/new',
      expect: { anonymous: 'login', focalPoint: 'ok', otherFocalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library/legislation': {
      url: '/library/legislation',
      form: { country: 'mx', title: 'Reglamento de la Ley de Migración', kind: 'regulation', topics: 'residence' },
      expect: documentAdders,
    },
    'GET /library/legislation/matrix': { url: '/library/legislation/matrix?topic=trafficking', expect: everyone('ok') },
    'GET /library/legislation/matrix.xlsx': { url: '/library/legislation/matrix.xlsx', expect: everyone('ok') },
    'GET /library/legislation/matrix.csv': { url: '/library/legislation/matrix.csv', expect: everyone('ok') },
    'POST /library/legislation/topics': {
      url: '/library/legislation/topics',
      form: { key: 'internal_displacement', 'name.es': 'Desplazamiento interno' },
      expect: secretariatOnly,
    },
    'GET /library/legislation/:id': { url: `/library/legislation/${act}`, expect: proposalReaders },
    'GET /library/legislation/:id/edit': {
      url: `/library/legislation/${act}/edit`,
      expect: { anonymous: 'login', focalPoint: 'ok', secretariat: 'ok', rest: 403 },
    },
    'POST /library/legislation/:id': {
      url: `/library/legislation/${act}`,
      form: { country: 'mx', title: 'Ley de Migración', kind: 'law' },
      expect: proposalEditors,
    },
    'POST /library/legislation/:id/publish': {
      url: `/library/legislation/${actToPublishPage}/publish`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /library/legislation/:id/discard': {
      url: `/library/legislation/${actToDiscardPage}/discard`,
      form: {},
      expect: secretariatOnly,
    },
    'GET /calendar': { url: '/calendar?when=all', expect: everyone('ok') },
    'GET /calendar.ics': { url: '/calendar.ics', expect: everyone('ok') },
    'GET /calendar/:file{[a-z0-9-]+\\.ics}': { url: '/calendar/cam.ics', expect: everyone('ok') },
    'GET /actors/:id/calendar.ics': { url: '/actors/mx/calendar.ics', expect: everyone('ok') },
    'GET /meetings/new': { url: '/meetings/new', expect: adminPage },
    'POST /meetings': {
      url: '/meetings',
      form: {
        body: 'cam',
        kind: 'seminar',
        title: 'Seminario',
        startsAt: '2027-07-01',
        endsAt: '2027-07-01',
        visibility: 'public',
      },
      expect: secretariatOnly,
    },
    'GET /meetings/:id/edit': { url: `/meetings/${meeting}/edit`, expect: adminPage },
    'POST /meetings/:id/edit': {
      url: `/meetings/${meeting}/edit`,
      form: {
        kind: 'informal_session',
        title: 'Sesión informal',
        startsAt: '2027-02-10',
        endsAt: '2027-02-10',
        startTime: '10:00',
        endTime: '12:00',
        timeZone: 'America/New_York',
        visibility: 'public',
        invited: 'mx',
        guests: 'experta@example.org',
      },
      expect: secretariatOnly,
    },
    'GET /meetings/:file{[0-9a-f-]{36}\\.ics}': {
      url: `/meetings/${privateMeeting}.ics`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'GET /meetings/:id': { url: `/meetings/${privateMeeting}`, expect: { anonymous: 404, rest: 'ok' } },
    'POST /meetings/:id/agreements': {
      url: `/meetings/${meeting}/agreements`,
      form: { text: 'Acuerdo del formulario', owner: 'mx', items: 'V.B.28' },
      expect: secretariatOnly,
    },
    'POST /meetings/:id/agenda': {
      url: `/meetings/${meeting}/agenda`,
      form: { title: 'Punto del formulario', item: 'V.B.21' },
      expect: secretariatOnly,
    },
    'POST /meetings/:id/agenda/:itemId/remove': {
      url: `/meetings/${meeting}/agenda/${agendaForPage}/remove`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /meetings/:id/documents/:documentId/remove': {
      url: `/meetings/${meeting}/documents/${documentForPage}/remove`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /meetings/:id/documents': {
      url: `/meetings/${meeting}/documents`,
      form: { kind: 'minutes', title: 'Acta', url: 'https://example.org/acta.pdf' },
      expect: secretariatOnly,
    },
    'GET /meeting-documents/:id': {
      url: `/meeting-documents/${privateDocument}`,
      expect: { anonymous: 404, rest: 'ok' },
    },
    'POST /meetings/:id/state': {
      url: `/meetings/${meeting}/state`,
      form: { state: 'confirmed' },
      expect: secretariatOnly,
    },
    'POST /agreements/:id/status': {
      url: `/agreements/${agreement}/status`,
      form: { status: 'completed', note: 'Hecho' },
      expect: secretariatOnly,
    },
    'GET /admin': { url: '/admin', expect: adminPage },
    'GET /programmes/new': { url: '/programmes/new', expect: adminPage },
    'POST /programmes/new': {
      url: '/programmes/new',
      form: { slug: 'plan-por-formulario', titleEs: 'Plan por formulario', level0Es: 'Objetivo' },
      expect: secretariatOnly,
    },
    'GET /programmes/:slug/import': { url: `/programmes/${draftPlan}/import`, expect: adminPage },
    'POST /programmes/:slug/import': { url: `/programmes/${draftPlan}/import`, form: {}, expect: secretariatOnly },
    'GET /imports/:id': { url: `/imports/${planImport}`, expect: adminPage },
    'POST /imports/:id/mapping': {
      url: `/imports/${planImport}/mapping`,
      form: { headerRow: '1', role0: 'level:objective', role1: 'actors' },
      expect: secretariatOnly,
    },
    'POST /imports/:id/commit': { url: `/imports/${planImport}/commit`, form: {}, expect: secretariatOnly },
    'GET /admin/users': { url: '/admin/users', expect: adminPage },
    'POST /admin/users': {
      url: '/admin/users',
      form: { email: 'invited@example.org', name: 'Invitada', locale: 'es', role: 'member' },
      expect: secretariatOnly,
    },
    'GET /admin/users/:id': { url: `/admin/users/${pageUser.id}`, expect: adminPage },
    'POST /admin/users/:id/invitation': {
      url: `/admin/users/${invited}/invitation`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /admin/users/:id/active': {
      url: `/admin/users/${pageUser.id}/active`,
      form: { active: 'true' },
      expect: secretariatOnly,
    },
    'POST /admin/users/:id/grants': {
      url: `/admin/users/${pageUser.id}/grants`,
      form: { role: 'member', actorId: '' },
      expect: secretariatOnly,
    },
    'POST /admin/users/:id/grants/:grantId/remove': {
      url: `/admin/users/${pageUser.id}/grants/${pageUser.grant}/remove`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /admin/users/:id/tokens/:tokenId/revoke': {
      url: `/admin/users/${pageUser.id}/tokens/${pageUser.token}/revoke`,
      form: {},
      expect: secretariatOnly,
    },
    'GET /admin/audit': { url: '/admin/audit', expect: adminPage },
    'GET /admin/outbox': { url: '/admin/outbox', expect: adminPage },
    // The cycle is open: taking it back a step is refused (409) and changes nothing.
    'POST /api/v1/cycles/:id/reopen': {
      url: `/api/v1/cycles/${cycleId}/reopen`,
      body: { reason: 'Un actor pidió más tiempo' },
      expect: secretariatOnly,
    },
    'POST /api/v1/cycles/:id/unpublish': {
      url: `/api/v1/cycles/${cycleId}/unpublish`,
      body: { reason: 'Hay un error en el informe' },
      expect: secretariatOnly,
    },
    'POST /api/v1/cycles/:id/reminders': {
      url: `/api/v1/cycles/${cycleId}/reminders`,
      body: { actor: 'mx' },
      expect: secretariatOnly,
    },
    'POST /cycles/:id/reminders': { url: `/cycles/${cycleId}/reminders`, form: {}, expect: secretariatOnly },
    'POST /api/v1/cycles/:id/addressees': {
      url: `/api/v1/cycles/${cycleId}/addressees`,
      body: { actor: 'mx' },
      expect: secretariatOnly,
    },
    'DELETE /api/v1/cycles/:id/addressees/:actor': {
      url: `/api/v1/cycles/${cycleId}/addressees/zz-nobody`,
      expect: secretariatOnly,
    },
    'POST /cycles/:id/addressees': {
      url: `/cycles/${cycleId}/addressees`,
      form: { actor: 'mx' },
      expect: secretariatOnly,
    },
    'POST /cycles/:id/addressees/:actor/remove': {
      url: `/cycles/${cycleId}/addressees/zz-nobody/remove`,
      form: {},
      expect: secretariatOnly,
    },
    'POST /cycles/:id/:action{reopen|unpublish}': {
      url: `/cycles/${cycleId}/reopen`,
      form: { reason: 'Un actor pidió más tiempo' },
      expect: secretariatOnly,
    },
    // Last: these change the cycle's state, and with it who may see it.
    'POST /api/v1/cycles/:id/open': { url: `/api/v1/cycles/${cycleId}/open`, expect: secretariatOnly },
    'POST /api/v1/cycles/:id/close': { url: `/api/v1/cycles/${cycleId}/close`, expect: secretariatOnly },
    'POST /api/v1/cycles/:id/publish': { url: `/api/v1/cycles/${cycleId}/publish`, expect: secretariatOnly },
    'POST /cycles/:id/:action{open|close|publish}': {
      url: `/cycles/${cycleId}/publish`,
      form: { confirm: 'yes' },
      expect: secretariatOnly,
    },
  };
}
