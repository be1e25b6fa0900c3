/**
 * Opens the database: PGlite in the data folder by default, or a PostgreSQL
 * server when DATABASE_URL is set. Both give the same Drizzle `Db`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Config } from '../config.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A database or a transaction: use cases take this and never care which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /**
   * Runs `fn` alone across every instance sharing the database (a session
   * advisory lock on a server; PGlite has a single connection anyway).
   */
  exclusive<T>(name: string, fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseOptions = { onConnectionError?: (error: Error) => void };

export async function openDatabase(database: Config['database'], options: DatabaseOptions = {}): Promise<Database> {
  if (database.kind === 'postgres') return openPostgres(database.url, options);
  await mkdir(database.dir, { recursive: true });
  return openPglite(database.dir);
}

/** The server's driver is loaded only for a server: the embedded database starts without it. */
async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
  ]);
  // Dates stay 'YYYY-MM-DD' strings and bigints stay exact, the same on both drivers.
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that fails must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onConnectionError?.(error));
  return {
    kind: 'postgres',
    db: drizzlePg(pool, { schema }) as unknown as Db,
    async exclusive(name, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(hashtext($1))', [name]);
        try {
          return await fn(drizzlePg(client, { schema }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite serves one process at a time: a lock file holding the owner's PID
 * keeps a second process (say, `enlace user add` while the server runs) from
 * opening the same folder and damaging it. A lock left behind by a process
 * that died (a crash, `kill -9`, a power cut) is taken over: the PID is gone,
 * or — after a restart, when the PID may belong to someone else by now — the
 * process with that PID started at another time than the one that wrote it.
 */
function lockFolder(dir: string): () => void {
  const lock = path.join(dir, 'enlace.pid');
  const mine = [process.pid, processStart(process.pid)].filter((v) => v !== null).join(' ');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, mine, { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const [pidText, started] = readFileSync(lock, 'utf8').trim().split(/\s+/);
    const pid = Number(pidText);
    if (Number.isInteger(pid) && pid !== process.pid && holdsLock(pid, started)) {
      throw new Error(
        `The embedded database in ${dir} is in use by process ${pid} (an Enlace server?). Stop it first, or point DATABASE_URL at a PostgreSQL server to run several processes.`,
      );
    }
    rmSync(lock, { force: true });
  }
}

function holdsLock(pid: number, started: string | undefined): boolean {
  if (!processAlive(pid)) return false;
  const now = processStart(pid);
  return started === undefined || now === null || now === started;
}

/** When a process started (Linux: clock ticks since boot, from /proc); null where unknown. */
function processStart(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Fields after "pid (command)"; the start time is field 22 of the line, the 20th of these.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite in a folder, or in memory when `dir` is undefined (tests). */
export async function openPglite(dir?: string): Promise<Database> {
  // Compiled in one go rather than in the background: the background compilation's last step then
  // holds the event loop for 150-200 ms after PGlite is ready, which a start waits for (queries run as fast).
  v8.setFlagsFromString('--no-wasm-async-compilation');
  const unlock = dir ? lockFolder(dir) : () => {};
  // The search's accent folding and typo tolerance (on a server, `create extension` in the migrations finds them).
  const [{ unaccent }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite/contrib/unaccent'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const client = new PGlite({ ...(dir ? { dataDir: dir } : {}), extensions: { unaccent, pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    exclusive: (_name, fn) => fn(db),
    async close() {
      await client.close();
      unlock();
    },
  };
}
