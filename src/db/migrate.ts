/** Applies the generated SQL migrations in `src/db/migrations`, on either driver. */
import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database, Db, Schema } from './connect.ts';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export async function migrateDatabase(kind: Database['kind'], db: Db): Promise<void> {
  // Each driver's migrator is loaded for its own kind of database only.
  if (kind === 'pglite') {
    const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
    await migratePglite(db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
  } else {
    const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
    await migratePg(db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
  }
}
