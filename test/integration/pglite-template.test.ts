/**
 * The embedded database made once at install and copied into each new data
 * folder: a copy holds everything a first start would have prepared, a
 * folder with anything in it is never overwritten, and a template made from
 * other migrations or other bundled data is not used.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { makeTemplate, startFromTemplate, templateKey, templatePath } from '../../src/db/pglite-template.ts';
import { loadBundledData } from '../../src/modules/bundled-data/bundled-data.service.ts';
import { BUNDLED_DATA_DIR, prepareDatabase } from '../../src/server.ts';
import { silentLog } from '../support/databases.ts';

describe('the database template made at install', () => {
  let root: string;
  let cache: string;
  const prepare = async (dir: string) => {
    const database = await openDatabase({ kind: 'pglite', dir });
    try {
      await prepareDatabase(database, silentLog);
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'enlace-template-'));
    cache = path.join(root, 'cache');
    expect((await makeTemplate(cache, templateKey(BUNDLED_DATA_DIR), prepare)).made).toBe(true);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('is made once, whole, under a name of what made it', async () => {
    const again = await makeTemplate(cache, templateKey(BUNDLED_DATA_DIR), async () => {
      throw new Error('not made twice');
    });
    expect(again).toEqual({ made: false, dir: templatePath(cache, templateKey(BUNDLED_DATA_DIR)) });
    // Nothing is left aside from the making.
    expect(readdirSync(cache)).toEqual([path.basename(again.dir)]);
  });

  it('fills a new folder with a database that has everything a first start loads', async () => {
    const dir = path.join(root, 'new', 'pglite');
    expect(startFromTemplate(dir, cache, BUNDLED_DATA_DIR)).toBe(true);
    const database = await openDatabase({ kind: 'pglite', dir });
    try {
      const report = await loadBundledData(database.db, BUNDLED_DATA_DIR);
      expect(report.loaded).toEqual([]);
      expect(report.skipped).toContain('programme:programa-interamericano-2016');
      const counted = (await database.db.execute(sql`select count(*)::int as n from programmes`)) as unknown as {
        rows: { n: number }[];
      };
      expect(counted.rows[0]?.n).toBeGreaterThanOrEqual(4);
    } finally {
      await database.close();
    }
  });

  it('never touches a folder with anything in it', () => {
    const dir = path.join(root, 'used');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    expect(startFromTemplate(dir, cache, BUNDLED_DATA_DIR)).toBe(false);
    expect(readdirSync(dir)).toEqual(['PG_VERSION']);
  });

  it('is not used once the bundled data or the migrations differ from those it was made from', () => {
    const data = path.join(root, 'data');
    cpSync(BUNDLED_DATA_DIR, data, { recursive: true, filter: (src) => !src.includes(`${path.sep}pglite`) });
    expect(templateKey(data)).toBe(templateKey(BUNDLED_DATA_DIR));
    writeFileSync(path.join(data, 'actors.yaml'), '# changed\n', { flag: 'a' });
    expect(templateKey(data)).not.toBe(templateKey(BUNDLED_DATA_DIR));
    const dir = path.join(root, 'other', 'pglite');
    expect(startFromTemplate(dir, cache, data)).toBe(false);
    expect(existsSync(dir)).toBe(false);

    const migrations = path.join(root, 'migrations');
    cpSync(path.resolve('src/db/migrations'), migrations, { recursive: true });
    expect(templateKey(BUNDLED_DATA_DIR, migrations)).toBe(templateKey(BUNDLED_DATA_DIR));
    writeFileSync(path.join(migrations, '0099_more.sql'), 'select 1;\n');
    expect(templateKey(BUNDLED_DATA_DIR, migrations)).not.toBe(templateKey(BUNDLED_DATA_DIR));
  });
});
