/**
 * What each caller is given, not only whether it is let in: a published cycle
 * holding reports in every state and an open cycle, read by a visitor, a
 * signed-in user without grants, a member, the focal points and validator of
 * two actors and the secretariat. Each report carries its own marker text, so
 * a body shows which reports reached it: lists, report pages, the board,
 * progress, trends and the consolidated report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender } from '../support/app.ts';
import { bringReportTo, markReport, openedCycle, publishCycle, type Reviewers } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, buildUser, type Cast, type TestUser } from '../support/factories.ts';

type Caller = 'anonymous' | 'noGrant' | 'member' | 'focalA' | 'validatorA' | 'focalB' | 'secretariat';
const CALLERS: Caller[] = ['anonymous', 'noGrant', 'member', 'focalA', 'validatorA', 'focalB', 'secretariat'];
/** Callers outside the private space, and the member, who is inside it but works on no report. */
const PUBLIC_LIKE: Caller[] = ['anonymous', 'noGrant', 'member'];

/** The marked reports: actor A is Mexico, actor B Canada; the others are the workflow's remaining states. */
const PUBLISHED = {
  accepted: { actor: 'iachr', marker: 'MARK-accepted-IACHR' },
  approved: { actor: 'cim', marker: 'MARK-approved-CIM' },
  submitted: { actor: 'mx', marker: 'MARK-submitted-A' },
  returned: { actor: 'ca', marker: 'MARK-returned-B' },
  draft: { actor: 'iin', marker: 'MARK-draft-IIN' },
} as const;
const OPEN = {
  accepted: { actor: 'mx', marker: 'MARK-open-accepted-A' },
  submitted: { actor: 'ca', marker: 'MARK-open-submitted-B' },
} as const;
const ALL_MARKERS = [...Object.values(PUBLISHED), ...Object.values(OPEN)].map((r) => r.marker);

/** The markers of the published cycle each caller may read. */
const readsInPublished: Record<Caller, string[]> = {
  anonymous: ['MARK-accepted-IACHR'],
  noGrant: ['MARK-accepted-IACHR'],
  member: ['MARK-accepted-IACHR'],
  focalA: ['MARK-accepted-IACHR', 'MARK-submitted-A'],
  validatorA: ['MARK-accepted-IACHR', 'MARK-submitted-A'],
  focalB: ['MARK-accepted-IACHR', 'MARK-returned-B'],
  secretariat: Object.values(PUBLISHED).map((r) => r.marker),
};
/** The markers of the open cycle each caller may read. */
const readsInOpen: Record<Caller, string[]> = {
  anonymous: [],
  noGrant: [],
  member: [],
  focalA: ['MARK-open-accepted-A'],
  validatorA: ['MARK-open-accepted-A'],
  focalB: ['MARK-open-submitted-B'],
  secretariat: ['MARK-open-accepted-A', 'MARK-open-submitted-B'],
};

const markersIn = (body: string) => ALL_MARKERS.filter((m) => body.includes(m)).sort();
const sorted = (list: string[]) => [...list].sort();

describe.each(dialects())('what each caller is given on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;
  let callers: Record<Caller, TestUser | null>;
  let published: { id: string; reports: number; reportOf: (actor: string) => string };
  let open: { id: string; reports: number; reportOf: (actor: string) => string };
  /** Report id → marker, both cycles. */
  const markerOf = new Map<string, string>();

  const headersOf = (caller: Caller): Record<string, string> => ({
    'accept-language': 'en',
    ...(callers[caller]?.auth ?? {}),
  });
  const page = async (caller: Caller, path: string) => {
    const res = await web.get(path, headersOf(caller));
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    const db = database.db;
    cast = await buildCast(db, 'mx', 'ca');
    // One focal point and one validator for the three other actors, to keep the set-up short.
    const others = ['iachr', 'cim', 'iin'];
    const otherPeople = {
      focalPoint: (
        await buildUser(
          db,
          others.map((actor) => ({ role: 'focal_point' as const, actor })),
        )
      ).principal,
      validator: (
        await buildUser(
          db,
          others.map((actor) => ({ role: 'validator' as const, actor })),
        )
      ).principal,
      secretariat: cast.secretariat.principal,
    };
    const reviewers: Record<string, Reviewers> = {
      mx: {
        focalPoint: cast.focalPoint.principal,
        validator: cast.validator.principal,
        secretariat: cast.secretariat.principal,
      },
      ca: {
        focalPoint: cast.otherFocalPoint.principal,
        validator: cast.otherValidator.principal,
        secretariat: cast.secretariat.principal,
      },
      iachr: otherPeople,
      cim: otherPeople,
      iin: otherPeople,
    };
    callers = {
      anonymous: null,
      noGrant: await buildUser(db, [], 'No grant'),
      member: cast.member,
      focalA: cast.focalPoint,
      validatorA: cast.validator,
      focalB: cast.otherFocalPoint,
      secretariat: cast.secretariat,
    };
    const s = cast.secretariat.principal;

    published = await openedCycle(db, s, '2041');
    for (const [state, { actor, marker }] of Object.entries(PUBLISHED)) {
      const id = published.reportOf(actor);
      const who = reviewers[actor] as Reviewers;
      await markReport(db, id, who.focalPoint, marker);
      await bringReportTo(db, id, state as keyof typeof PUBLISHED, who);
      markerOf.set(id, marker);
    }
    await publishCycle(db, published.id, s);

    open = await openedCycle(db, s, '2042');
    for (const [state, { actor, marker }] of Object.entries(OPEN)) {
      const id = open.reportOf(actor);
      const who = reviewers[actor] as Reviewers;
      await markReport(db, id, who.focalPoint, marker);
      await bringReportTo(db, id, state as keyof typeof OPEN, who);
      markerOf.set(id, marker);
    }
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  it('lists the open cycle to the private space only: not to a visitor, nor to a user without grants', async () => {
    for (const caller of CALLERS) {
      const cycles = await send<{ id: string; state: string }[]>('GET', '/api/v1/cycles', headersOf(caller));
      expect(cycles.status, caller).toBe(200);
      const ids = cycles.body.map((c) => c.id);
      expect(ids, caller).toContain(published.id);
      const private_ = caller !== 'anonymous' && caller !== 'noGrant';
      expect(ids.includes(open.id), caller).toBe(private_);
      expect((await send('GET', `/api/v1/cycles/${open.id}`, headersOf(caller))).status, caller).toBe(
        private_ ? 200 : 404,
      );
      const listing = await page(caller, '/cycles');
      expect(listing.text.includes(`/cycles/${published.id}`), caller).toBe(true);
      expect(listing.text.includes(`/cycles/${open.id}`), caller).toBe(private_);
    }
    // The home page shows everyone the published cycles only.
    for (const caller of ['anonymous', 'secretariat'] as const) {
      const home = await page(caller, '/');
      expect(home.text, caller).toContain(`/cycles/${published.id}/progress`);
      expect(home.text, caller).not.toContain(`/cycles/${open.id}`);
    }
  });

  it('lists in the published cycle the accepted report to all, the own actor’s to its people, every report to the secretariat', async () => {
    for (const caller of CALLERS) {
      const list = await send<{ id: string; state: string; actor: { key: string } }[]>(
        'GET',
        `/api/v1/cycles/${published.id}/reports`,
        headersOf(caller),
      );
      expect(list.status, caller).toBe(200);
      const marked = list.body.flatMap((r) => (markerOf.has(r.id) ? [markerOf.get(r.id) as string] : []));
      expect(sorted(marked), caller).toEqual(sorted(readsInPublished[caller]));
      if (caller === 'secretariat') expect(list.body).toHaveLength(published.reports);
      else expect(list.body, caller).toHaveLength(readsInPublished[caller].length);
      if (PUBLIC_LIKE.includes(caller))
        expect(
          list.body.map((r) => `${r.actor.key} ${r.state}`),
          caller,
        ).toEqual(['iachr accepted']);
    }
  });

  it('lists nothing of the open cycle outside the actors’ own people and the secretariat, even a report it accepted', async () => {
    for (const caller of CALLERS) {
      const list = await send<{ id: string; actor: { key: string } }[]>(
        'GET',
        `/api/v1/cycles/${open.id}/reports`,
        headersOf(caller),
      );
      if (caller === 'anonymous' || caller === 'noGrant') {
        expect(list.status, caller).toBe(404);
        continue;
      }
      expect(list.status, caller).toBe(200);
      const marked = list.body.flatMap((r) => (markerOf.has(r.id) ? [markerOf.get(r.id) as string] : []));
      expect(sorted(marked), caller).toEqual(sorted(readsInOpen[caller]));
      if (caller === 'secretariat') expect(list.body).toHaveLength(open.reports);
      else expect(list.body, caller).toHaveLength(readsInOpen[caller].length);
    }
  });

  it('gives a report’s texts, in the API and on its page, exactly to those who may read it', async () => {
    const refusals: string[] = [];
    for (const [id, marker] of markerOf) {
      const inPublished = Object.values(PUBLISHED).some((r) => r.marker === marker);
      for (const caller of CALLERS) {
        const allowed = (inPublished ? readsInPublished : readsInOpen)[caller].includes(marker);
        const api = await send('GET', `/api/v1/reports/${id}`, headersOf(caller));
        const html = await page(caller, `/reports/${id}`);
        if (allowed) {
          expect(api.status, `${marker} as ${caller}`).toBe(200);
          expect(markersIn(JSON.stringify(api.body)), `${marker} as ${caller}`).toEqual([marker]);
          expect(html.status, `${marker} page as ${caller}`).toBe(200);
          expect(markersIn(html.text), `${marker} page as ${caller}`).toEqual([marker]);
          continue;
        }
        // Those outside the private space are told it does not exist; the others that it is not theirs.
        const expected = caller === 'anonymous' || caller === 'noGrant' ? 404 : 403;
        if (api.status !== expected) refusals.push(`${marker} as ${caller}: API ${api.status}`);
        expect(markersIn(JSON.stringify(api.body)), `${marker} as ${caller}`).toEqual([]);
        expect(markersIn(html.text), `${marker} page as ${caller}`).toEqual([]);
        if (caller === 'anonymous') expect(html.location ?? '', marker).toMatch(/^\/login/);
        else expect(html.status, `${marker} page as ${caller}`).toBe(expected);
      }
    }
    expect(refusals).toEqual([]);
  });

  it('puts on the published cycle’s board the reports each caller may read, and no others', async () => {
    const reportLinks = (text: string) =>
      [...text.matchAll(/href="\/reports\/([0-9a-f-]{36})"/g)].flatMap((m) =>
        markerOf.has(m[1] as string) ? [markerOf.get(m[1] as string) as string] : [],
      );
    for (const caller of CALLERS) {
      const board = await page(caller, `/cycles/${published.id}`);
      expect(board.status, caller).toBe(200);
      expect(sorted(reportLinks(board.text)), caller).toEqual(sorted(readsInPublished[caller]));
    }
    expect((await page('anonymous', `/cycles/${open.id}`)).location ?? '').toMatch(/^\/login/);
    const memberBoard = await page('member', `/cycles/${open.id}`);
    expect(memberBoard.status).toBe(200);
    expect(reportLinks(memberBoard.text)).toEqual([]);
  });

  it('counts in the published cycle’s progress only the accepted report, except for the secretariat', async () => {
    type Progress = {
      scope: string;
      totals: { covered: number; assigned: number };
      byActor: { actor: { key: string }; report: { id: string; state: string } | null; covered: number }[];
    };
    const marked: string[] = Object.values(PUBLISHED).map((r) => r.actor);
    for (const caller of CALLERS) {
      const progress = await send<Progress>('GET', `/api/v1/cycles/${published.id}/progress`, headersOf(caller));
      expect(progress.status, caller).toBe(200);
      const coveredBy = Object.fromEntries(
        progress.body.byActor.filter((a) => marked.includes(a.actor.key)).map((a) => [a.actor.key, a.covered]),
      );
      // Each marked report says something in exactly one of its entries.
      if (caller === 'secretariat') {
        expect(progress.body.scope).toBe('all');
        expect(coveredBy).toEqual({ iachr: 1, cim: 1, mx: 1, ca: 1, iin: 1 });
        expect(progress.body.totals.covered).toBe(5);
      } else {
        expect(progress.body.scope, caller).toBe('accepted');
        expect(coveredBy, caller).toEqual({ iachr: 1, cim: 0, mx: 0, ca: 0, iin: 0 });
        expect(progress.body.totals.covered, caller).toBe(1);
        // Nor is an unaccepted report named, nor its state told.
        const shown = progress.body.byActor.flatMap((a) => (a.report ? [`${a.actor.key} ${a.report.state}`] : []));
        expect(shown, caller).toEqual(['iachr accepted']);
      }
    }
  });

  it('counts on the progress page and in the trends what the API counts for the same caller', async () => {
    type Trend = { cycle: { id: string }; covered: number; accepted: number };
    const trendOf = async (caller: Caller) =>
      (await send<Trend[]>('GET', '/api/v1/programmes/programa-interamericano-2016/trends', headersOf(caller))).body;
    for (const caller of CALLERS) {
      const trends = await trendOf(caller);
      expect(trends.find((t) => t.cycle.id === published.id)?.covered, caller).toBe(caller === 'secretariat' ? 5 : 1);
      const openRow = trends.find((t) => t.cycle.id === open.id);
      if (caller === 'anonymous' || caller === 'noGrant') expect(openRow, caller).toBeUndefined();
      // The open cycle's report accepted by the secretariat counts as accepted; the submitted one only for the secretariat.
      else expect(openRow?.covered, caller).toBe(caller === 'secretariat' ? 2 : 1);
      const html = await page(caller, `/cycles/${published.id}/progress`);
      expect(html.status, caller).toBe(200);
      expect(html.text, caller).toMatch(caller === 'secretariat' ? /\(5 of \d+\)/ : /\(1 of \d+\)/);
      expect(markersIn(html.text), caller).toEqual([]);
    }
    // The page's table of actors links to the reports the caller may read, no others.
    const anonymous = await page('anonymous', `/cycles/${published.id}/progress`);
    const linked = [...anonymous.text.matchAll(/href="\/reports\/([0-9a-f-]{36})"/g)].map((m) =>
      markerOf.get(m[1] as string),
    );
    expect(linked).toEqual(['MARK-accepted-IACHR']);
  });

  it('prints in the consolidated report the accepted texts for all, the rest only in the secretariat’s draft edition', async () => {
    for (const caller of CALLERS) {
      const report = await page(caller, `/api/v1/cycles/${published.id}/report.html?lang=en`);
      expect(report.status, caller).toBe(200);
      expect(markersIn(report.text), caller).toEqual(['MARK-accepted-IACHR']);
      const draft = await page(caller, `/api/v1/cycles/${published.id}/report.html?lang=en&edition=draft`);
      if (caller === 'secretariat') expect(markersIn(draft.text)).toEqual(sorted(readsInPublished.secretariat));
      else {
        expect(draft.status, caller).toBe(caller === 'anonymous' ? 401 : 403);
        expect(markersIn(draft.text), caller).toEqual([]);
      }
      const ofOpen = await page(caller, `/api/v1/cycles/${open.id}/report.html?lang=en`);
      if (caller === 'secretariat') expect(markersIn(ofOpen.text)).toEqual(sorted(readsInOpen.secretariat));
      else {
        expect(ofOpen.status, caller).toBe(caller === 'anonymous' || caller === 'noGrant' ? 404 : 403);
        expect(markersIn(ofOpen.text), caller).toEqual([]);
      }
    }
  });
});
