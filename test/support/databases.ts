/**
 * The databases every integration test runs on: PGlite (embedded) and a
 * fresh database on the run's PostgreSQL cluster, both migrated and loaded
 * with the bundled data. No mocks.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { type Database, openDatabase, openPglite } from '../../src/db/connect.ts';
import { prepareDatabase } from '../../src/server.ts';

export const silentLog = pino({ level: 'silent' });

export type Dialect = { name: 'pglite' | 'postgres'; open(): Promise<Database> };

export async function createPostgresDatabase(): Promise<string> {
  const url = inject('postgresUrl');
  if (!url) throw new Error('no PostgreSQL cluster for this run');
  const name = `enlace_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

export function dialects(): Dialect[] {
  const list: Dialect[] = [{ name: 'pglite', open: () => openPglite() }];
  if (inject('postgresUrl')) {
    list.push({
      name: 'postgres',
      open: async () => openDatabase({ kind: 'postgres', url: await createPostgresDatabase() }),
    });
  }
  return list;
}

/** A migrated database with the bundled data loaded. */
export async function openLoadedDatabase(dialect: Dialect): Promise<Database> {
  const database = await dialect.open();
  await prepareDatabase(database, silentLog);
  return database;
}

/**
 * Two instances of Enlace on one database, as two processes would have them.
 * On PostgreSQL each is a `Database` of its own (its own pool, its own
 * connections), so row locks taken by one really are seen by the other. PGlite
 * is embedded in one process and has a single connection: there the second is
 * the first, and two runners on it only interleave.
 */
export type TwoInstances = { first: Database; second: Database; separate: boolean };

export async function openTwoInstances(dialect: Dialect): Promise<TwoInstances> {
  if (dialect.name === 'pglite') {
    const only = await openLoadedDatabase(dialect);
    return { first: only, second: only, separate: false };
  }
  const url = await createPostgresDatabase();
  const open = () => openDatabase({ kind: 'postgres', url });
  const first = await openLoadedDatabase({ name: 'postgres', open });
  return { first, second: await open(), separate: true };
}

export async function closeTwoInstances(instances: TwoInstances | undefined): Promise<void> {
  if (instances?.separate) await instances.second.close();
  await instances?.first.close();
}

/** What "two runners" means on this dialect, for a test's name. */
export function twoRunners(dialect: Dialect): string {
  return dialect.name === 'pglite'
    ? 'two runners interleaved on one connection'
    : 'two runners on separate connection pools';
}
