/**
 * The people who sign in, for the HTTP benchmark: a focal point of Mexico and
 * a secretariat officer, each with a session as the sign-in page makes it,
 * and a cycle of the 2016 Program opened for the run, so the focal point has
 * a report to fill in and the board has reports to show. Written straight
 * into the database (PostgreSQL, or PGlite's folder before the server opens
 * it), migrated and with the bundled data, as `npm start` prepares it.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { Config } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { SESSION_COOKIE } from '../src/http/auth.ts';
import { createSession } from '../src/modules/accounts/account.service.ts';
import { createCycle, openCycle } from '../src/modules/reporting/cycle.service.ts';
import { prepareDatabase } from '../src/server.ts';
import { buildUser } from '../test/support/factories.ts';

export type SignedIn = { focalCookie: string; secretariatCookie: string; cycleId: string; reportId: string };

export async function prepareSignedIn(database: Config['database']): Promise<SignedIn> {
  const opened = await openDatabase(database);
  try {
    await prepareDatabase(opened, pino({ level: 'warn' }));
    const { db } = opened;
    const focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }], 'Bench focal point');
    const secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Bench secretariat');
    const { id: cycleId } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: 'bench', opensAt: '2026-01-01', deadline: '2099-12-31' },
      secretariat.principal,
    );
    await openCycle(db, cycleId, secretariat.principal);
    const found = (await db.execute(
      sql`select r.id from reports r join actors a on a.id = r.actor_id where r.cycle_id = ${cycleId} and a.key = 'mx'`,
    )) as unknown as { rows: { id: string }[] };
    const reportId = found.rows[0]?.id;
    if (!reportId) throw new Error('the bench cycle has no report for Mexico');
    const cookie = async (userId: string) => `${SESSION_COOKIE}=${(await createSession(db, userId)).token}`;
    return { focalCookie: await cookie(focal.id), secretariatCookie: await cookie(secretariat.id), cycleId, reportId };
  } finally {
    await opened.close();
  }
}

/** The signed-in pages under load, each with the cookie it is opened with. */
export function signedInPages(s: SignedIn, publishedCycle: string): Record<string, { path: string; cookie: string }> {
  const focal = (p: string) => ({ path: p, cookie: s.focalCookie });
  return {
    focal_programme: focal('/programmes/programa-interamericano-2016'),
    focal_actor: focal('/actors/mx'),
    focal_report: focal(`/reports/${s.reportId}`),
    focal_progress: focal(`/cycles/${publishedCycle}/progress`),
    focal_board: focal(`/cycles/${s.cycleId}`),
    secretariat_board: { path: `/cycles/${s.cycleId}`, cookie: s.secretariatCookie },
  };
}
