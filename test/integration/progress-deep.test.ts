/**
 * Progress on a four-level plan (theme > objective > action > activity, the
 * shape of the CRM plan of action), built through the API, reported on by
 * three actors and published. Every number below was worked out by hand from
 * the plan and the reports written here (the working is in the comments); none
 * is read from another output of the same calculation.
 *
 *   P-T1 theme
 *     P-O1 objective
 *       P-A1 action  (Canada assigned to the action itself: not a leaf, not reported on)
 *         P-a1 activity  Mexico, Canada
 *         P-a2 activity  Mexico
 *       P-A2 action
 *         P-a3 activity  Canada
 *     P-O2 objective
 *       P-A3 action
 *         P-a4 activity  Mexico, IACHR
 *         P-a5 activity  nobody
 *   P-T2 theme
 *     P-O3 objective
 *       P-A4 action
 *         P-a6 activity  IACHR
 *
 * Reports (status, text):
 *   Mexico (accepted):    a1 completed + text, a2 cancelled + text, a4 no status + planned text
 *   Canada (accepted):    a1 continuous + text, a3 cancelled, no text
 *   IACHR (submitted):    a4 completed + text, a6 continuous + text
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';
import { createProgramme } from '../support/programmes.ts';

const SLUG = 'plan-de-cuatro-niveles';
const STATUSES = ['not_started', 'in_progress', 'continuous', 'completed', 'pending_input', 'cancelled', 'none'];
type Counts = Record<string, number>;
/** Counts with every status named, zero unless given. */
const counts = (given: Counts): Counts => Object.fromEntries(STATUSES.map((s) => [s, given[s] ?? 0]));

type Progress = {
  scope: string;
  assessed: boolean;
  totals: { counts: Counts; covered: number; assigned: number };
  objectives: {
    code: string;
    level: string;
    activities: number;
    counts: Counts;
    covered: number;
    assigned: number;
    progress: number;
  }[];
  byActor: { actor: { key: string }; entries: number; covered: number; counts: Counts | null }[];
  byType: Record<string, { entries: number; covered: number; counts: Counts }>;
};

/**
 * The public's numbers: only Mexico's and Canada's accepted reports count.
 * Activity statuses: a1 = roll-up of completed + continuous = continuous; a2, a3 cancelled;
 * a4 has only Mexico's entry without status, so its own status: none; a5, a6 none.
 */
const PUBLIC = {
  objectives: [
    // a1..a5: continuous 1, cancelled 2, none 2. Pairs a1·mx a2·mx a4·mx a1·ca a3·ca a4·iachr = 6;
    // with text among counted: a1·mx a2·mx a4·mx a1·ca = 4. Progress: done 1 of live (5 − 2 cancelled) = 1/3.
    {
      code: 'P-T1',
      activities: 5,
      counts: counts({ continuous: 1, cancelled: 2, none: 2 }),
      covered: 4,
      assigned: 6,
      progress: 1 / 3,
    },
    // a1..a3: continuous 1, cancelled 2; pairs a1·mx a2·mx a1·ca a3·ca = 4, with text 3; done 1 of live 1.
    {
      code: 'P-O1',
      activities: 3,
      counts: counts({ continuous: 1, cancelled: 2 }),
      covered: 3,
      assigned: 4,
      progress: 1,
    },
    // a4, a5: none 2; pairs a4·mx a4·iachr = 2, with text a4·mx = 1; done 0 of 2.
    { code: 'P-O2', activities: 2, counts: counts({ none: 2 }), covered: 1, assigned: 2, progress: 0 },
    // a6: none; pair a6·iachr, IACHR not counted.
    { code: 'P-T2', activities: 1, counts: counts({ none: 1 }), covered: 0, assigned: 1, progress: 0 },
    { code: 'P-O3', activities: 1, counts: counts({ none: 1 }), covered: 0, assigned: 1, progress: 0 },
  ],
  // Each activity once (a1 continuous, a2 a3 cancelled, a4 a5 a6 none); each of the 7 pairs once, 4 with text.
  totals: { counts: counts({ continuous: 1, cancelled: 2, none: 3 }), covered: 4, assigned: 7 },
  byActor: {
    mx: { entries: 3, covered: 3, counts: counts({ completed: 1, cancelled: 1, none: 1 }) },
    ca: { entries: 2, covered: 1, counts: counts({ continuous: 1, cancelled: 1 }) },
    iachr: { entries: 0, covered: 0, counts: counts({}) },
  },
  byType: {
    member_state: { entries: 5, covered: 4, counts: counts({ completed: 1, continuous: 1, cancelled: 2, none: 1 }) },
    oas_organ: { entries: 0, covered: 0, counts: counts({}) },
  },
};

/**
 * The secretariat's numbers: IACHR's submitted report counts too.
 * Activity statuses: a1 continuous; a2, a3 cancelled; a4 completed (IACHR; Mexico gave none); a5 none; a6 continuous.
 */
const SECRETARIAT = {
  objectives: [
    // completed 1, continuous 1, cancelled 2, none 1; pairs 6, with text 5 (all but a3·ca); done 2 of live 3.
    {
      code: 'P-T1',
      activities: 5,
      counts: counts({ completed: 1, continuous: 1, cancelled: 2, none: 1 }),
      covered: 5,
      assigned: 6,
      progress: 2 / 3,
    },
    {
      code: 'P-O1',
      activities: 3,
      counts: counts({ continuous: 1, cancelled: 2 }),
      covered: 3,
      assigned: 4,
      progress: 1,
    },
    // a4 completed, a5 none; pairs a4·mx a4·iachr both with text; done 1 of 2.
    { code: 'P-O2', activities: 2, counts: counts({ completed: 1, none: 1 }), covered: 2, assigned: 2, progress: 0.5 },
    { code: 'P-T2', activities: 1, counts: counts({ continuous: 1 }), covered: 1, assigned: 1, progress: 1 },
    { code: 'P-O3', activities: 1, counts: counts({ continuous: 1 }), covered: 1, assigned: 1, progress: 1 },
  ],
  // a1 a6 continuous, a4 completed, a2 a3 cancelled, a5 none; 7 pairs, 6 with text.
  totals: { counts: counts({ completed: 1, continuous: 2, cancelled: 2, none: 1 }), covered: 6, assigned: 7 },
  byActor: {
    mx: PUBLIC.byActor.mx,
    ca: PUBLIC.byActor.ca,
    iachr: { entries: 2, covered: 2, counts: counts({ completed: 1, continuous: 1 }) },
  },
  byType: {
    member_state: PUBLIC.byType.member_state,
    oas_organ: { entries: 2, covered: 2, counts: counts({ completed: 1, continuous: 1 }) },
  },
};

describe.each(dialects())('progress of a four-level plan on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let secretariat: TestUser;
  let member: TestUser;
  let cycleId: string;
  const itemIds = new Map<string, string>();

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    const db = database.db;
    secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Secretariat');
    member = await buildUser(db, [{ role: 'member' }], 'Member');
    const actors = ['mx', 'ca', 'iachr'];
    const focal = await buildUser(
      db,
      actors.map((actor) => ({ role: 'focal_point' as const, actor })),
    );
    const validator = await buildUser(
      db,
      actors.map((actor) => ({ role: 'validator' as const, actor })),
    );
    const s = secretariat.auth;

    await createProgramme(db, SLUG, ['theme', 'objective', 'action', 'activity']);
    const tree: [code: string, level: string, parent: string | null, assigned: string[]][] = [
      ['P-T1', 'theme', null, []],
      ['P-O1', 'objective', 'P-T1', []],
      ['P-A1', 'action', 'P-O1', ['ca']],
      ['P-a1', 'activity', 'P-A1', ['mx', 'ca']],
      ['P-a2', 'activity', 'P-A1', ['mx']],
      ['P-A2', 'action', 'P-O1', []],
      ['P-a3', 'activity', 'P-A2', ['ca']],
      ['P-O2', 'objective', 'P-T1', []],
      ['P-A3', 'action', 'P-O2', []],
      ['P-a4', 'activity', 'P-A3', ['mx', 'iachr']],
      ['P-a5', 'activity', 'P-A3', []],
      ['P-T2', 'theme', null, []],
      ['P-O3', 'objective', 'P-T2', []],
      ['P-A4', 'action', 'P-O3', []],
      ['P-a6', 'activity', 'P-A4', ['iachr']],
    ];
    for (const [code, level, parent, assigned] of tree) {
      const added = await send('POST', `/api/v1/programmes/${SLUG}/items`, s, {
        parentId: parent ? itemIds.get(parent) : null,
        level,
        code,
        text: `Texto de ${code}`,
      });
      expect(added.status, code).toBe(201);
      itemIds.set(code, added.body.id);
      for (const actor of assigned) {
        const assignment = await send('POST', `/api/v1/items/${added.body.id}/assignments`, s, {
          actorId: actor,
          role: 'responsible',
        });
        expect(assignment.status, `${code} ${actor}`).toBe(201);
      }
    }

    const created = await send('POST', '/api/v1/cycles', s, {
      programme: SLUG,
      period: '2026',
      opensAt: '2026-01-01',
      deadline: '2099-12-31',
    });
    expect(created.status).toBe(201);
    cycleId = created.body.id;
    expect((await send('POST', `/api/v1/cycles/${cycleId}/open`, s)).body).toEqual({ reports: 3 });
    const reports = (await send('GET', `/api/v1/cycles/${cycleId}/reports`, s)).body as {
      id: string;
      actor: { key: string };
    }[];
    const reportOf = (key: string) => reports.find((r) => r.actor.key === key)?.id as string;

    type Entry = { code: string; status: string | null; carriedOut?: string; planned?: string };
    const write = async (actor: string, entries: Entry[]) => {
      const id = reportOf(actor);
      const report = await send('GET', `/api/v1/reports/${id}`, focal.auth);
      const byCode = new Map((report.body.entries as { id: string; code: string }[]).map((e) => [e.code, e.id]));
      // The report holds exactly the actor's assigned activities, in the plan's order.
      expect([...byCode.keys()], actor).toEqual(entries.map((e) => e.code));
      const saved = await send(
        'PATCH',
        `/api/v1/reports/${id}`,
        { ...focal.auth, 'if-match': String(report.body.version) },
        {
          entries: entries.map((e) => ({
            id: byCode.get(e.code),
            statusAssessment: e.status,
            carriedOut: e.carriedOut ?? '',
            planned: e.planned ?? '',
          })),
        },
      );
      expect(saved.status, actor).toBe(200);
      return id;
    };
    const mx = await write('mx', [
      { code: 'P-a1', status: 'completed', carriedOut: '<p>Taller nacional</p>' },
      { code: 'P-a2', status: 'cancelled', carriedOut: '<p>Suspendido por falta de fondos</p>' },
      { code: 'P-a4', status: null, planned: '<p>Se hará el próximo año</p>' },
    ]);
    const ca = await write('ca', [
      { code: 'P-a1', status: 'continuous', carriedOut: '<p>Programa permanente</p>' },
      { code: 'P-a3', status: 'cancelled' },
    ]);
    const iachr = await write('iachr', [
      { code: 'P-a4', status: 'completed', carriedOut: '<p>Informe temático</p>' },
      { code: 'P-a6', status: 'continuous', carriedOut: '<p>Audiencias</p>' },
    ]);
    for (const id of [mx, ca, iachr]) {
      expect((await send('POST', `/api/v1/reports/${id}/submit`, focal.auth)).status).toBe(200);
    }
    for (const id of [mx, ca]) {
      expect((await send('POST', `/api/v1/reports/${id}/approve`, validator.auth)).status).toBe(200);
      expect((await send('POST', `/api/v1/reports/${id}/accept`, s)).status).toBe(200);
    }
    expect((await send('POST', `/api/v1/cycles/${cycleId}/close`, s)).status).toBe(204);
    expect((await send('POST', `/api/v1/cycles/${cycleId}/publish`, s)).status).toBe(204);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  const progressAs = async (auth: Record<string, string>) => {
    const res = await send<Progress>('GET', `/api/v1/cycles/${cycleId}/progress`, auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const objectiveRows = (p: Progress) =>
    p.objectives.map(({ code, activities, counts, covered, assigned, progress }) => ({
      code,
      activities,
      counts,
      covered,
      assigned,
      progress,
    }));
  const expectedRows = (rows: (typeof PUBLIC)['objectives']) =>
    rows.map((r) => ({ ...r, progress: expect.closeTo(r.progress, 6) }));
  const actorRows = (p: Progress) =>
    Object.fromEntries(
      p.byActor.map((a) => [a.actor.key, { entries: a.entries, covered: a.covered, counts: a.counts }]),
    );

  it('rolls the public’s numbers up through every level, by theme and by the objectives in the middle, from accepted reports only', async () => {
    for (const auth of [{}, member.auth]) {
      const p = await progressAs(auth);
      expect(p.scope).toBe('accepted');
      expect(p.objectives.map((o) => `${o.code} ${o.level}`)).toEqual([
        'P-T1 theme',
        'P-O1 objective',
        'P-O2 objective',
        'P-T2 theme',
        'P-O3 objective',
      ]);
      expect(objectiveRows(p)).toEqual(expectedRows(PUBLIC.objectives));
      expect(p.totals).toEqual(PUBLIC.totals);
    }
  });

  it('says when no activity of a cycle has a status, instead of grey charts and columns of zeros', async () => {
    expect((await progressAs({})).assessed).toBe(true);
    // The 2008 reports were transcribed as text and the 2005 edition records no status.
    const cycles = await send<{ id: string; period: string }[]>('GET', '/api/v1/cycles', {});
    const historical = cycles.body.find((c) => c.period === '2008')?.id as string;
    const p = await send<Progress>('GET', `/api/v1/cycles/${historical}/progress`, {});
    expect(p.body.assessed).toBe(false);
    // Coverage still says who reported on what was assigned to them.
    expect(p.body.totals.covered).toBeGreaterThan(0);
    const html = await (await web.get(`/cycles/${historical}/progress`, { 'accept-language': 'es' })).text();
    expect(html).toContain('Ninguna actividad tiene estado en este ciclo');
    expect(html).not.toContain('id="by-objective"');
    // No member state reported in 2008: no all-grey map, and the page says why.
    expect(html).toContain('Ningún Estado Miembro tiene un informe que mostrar en este ciclo');
    expect(html).not.toContain('<figure class="map">');
    const byActor = html.slice(html.indexOf('id="by-actor"'));
    expect(byActor.slice(0, byActor.indexOf('</thead>'))).not.toContain('Sin información');
    const live = await (await web.get(`/cycles/${cycleId}/progress`, { 'accept-language': 'es' })).text();
    expect(live).not.toContain('Ninguna actividad tiene estado');
    expect(live).toContain('id="by-objective"');
  });

  it('counts each actor’s own entries, and sums them by actor type, for the public', async () => {
    const p = await progressAs({});
    expect(actorRows(p)).toEqual(PUBLIC.byActor);
    expect(p.byType).toEqual(PUBLIC.byType);
  });

  it('counts the submitted report too in the secretariat’s working view', async () => {
    const p = await progressAs(secretariat.auth);
    expect(p.scope).toBe('all');
    expect(objectiveRows(p)).toEqual(expectedRows(SECRETARIAT.objectives));
    expect(p.totals).toEqual(SECRETARIAT.totals);
    expect(actorRows(p)).toEqual(SECRETARIAT.byActor);
    expect(p.byType).toEqual(SECRETARIAT.byType);
  });

  it('shows the same hand-counted numbers on the progress page and in the trends', async () => {
    const html = await (await web.get(`/cycles/${cycleId}/progress`, { 'accept-language': 'en' })).text();
    /** The cells of the objective table's row for `code`: activities, the seven statuses, coverage, progress. */
    const row = (code: string) => {
      const at = html.indexOf(`>${code}</a>`);
      const end = html.indexOf('</tr>', at);
      return [...html.slice(at, end).matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    };
    // Activities; not started, in progress, continuous, completed, pending input, cancelled, none; coverage; progress.
    expect(row('P-T1')).toEqual(['5', '0', '0', '1', '0', '0', '2', '2', '67%', '33%']);
    expect(row('P-O1')).toEqual(['3', '0', '0', '1', '0', '0', '2', '0', '75%', '100%']);
    expect(row('P-O2')).toEqual(['2', '0', '0', '0', '0', '0', '0', '2', '50%', '0%']);
    expect(row('P-O3')).toEqual(['1', '0', '0', '0', '0', '0', '0', '1', '0%', '0%']);
    // Coverage of the whole plan: 4 of the 7 assigned pairs say something.
    expect(html).toContain('(4 of 7)');
    // Two of the three reports accepted.
    expect(html).toContain('2 of 3');

    type Trend = {
      cycle: { id: string };
      reports: number;
      accepted: number;
      covered: number;
      assigned: number;
      counts: Counts;
    };
    // a1 continuous: 1 done of 4 live (3 with a status − 2 cancelled + 3 without a status).
    const publicTrend = (await send<Trend[]>('GET', `/api/v1/programmes/${SLUG}/trends`, {})).body;
    expect(publicTrend.map(({ cycle, ...rest }) => ({ cycle: cycle.id, ...rest }))).toEqual([
      {
        cycle: cycleId,
        reports: 3,
        accepted: 2,
        covered: 4,
        assigned: 7,
        counts: PUBLIC.totals.counts,
        progress: expect.closeTo(1 / 4, 6),
      },
    ]);
    const working = (await send<Trend[]>('GET', `/api/v1/programmes/${SLUG}/trends`, secretariat.auth)).body;
    // a1 a6 continuous, a4 completed: 3 done of 4 live (6 − 2 cancelled).
    expect(working[0]).toMatchObject({ covered: 6, assigned: 7, progress: expect.closeTo(3 / 4, 6) });
  });
});
