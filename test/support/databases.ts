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
