/**
 * The versions every instance reads to know what it keeps is out of date:
 * a write through HTTP moves them and reads them back in one statement, and
 * what that statement answers is what any instance reads next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { bumpContentVersion, bumpVersions, readVersions } from '../../src/db/content-version.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { dialects } from '../support/databases.ts';

describe.each(dialects())('content versions on $name', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await dialect.open();
    await migrateDatabase(database.kind, database.db);
  });
  afterAll(() => database?.close());

  it('moves both versions after a write visitors may see, and answers them as they are then read', async () => {
    const before = await readVersions(database.db);
    const answered = await bumpVersions(database.db, true);
    expect(answered.content).not.toBe(before.content);
    expect(answered.private).not.toBe(before.private);
    expect(answered.accounts).toBe(before.accounts);
    expect(await readVersions(database.db)).toEqual(answered);
  });

  it('moves only the private version after a write no visitor sees', async () => {
    await bumpContentVersion(database.db);
    const before = await readVersions(database.db);
    const answered = await bumpVersions(database.db, false);
    expect(answered.content).toBe(before.content);
    expect(answered.private).not.toBe(before.private);
    expect(await readVersions(database.db)).toEqual(answered);
  });
});
