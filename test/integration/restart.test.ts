/** A restart on the same data keeps everything and duplicates nothing (PGlite folder and PostgreSQL). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serveCli } from '../support/cli.ts';
import { createPostgresDatabase } from '../support/databases.ts';

async function snapshot(url: string) {
  const programmes = (await (await fetch(`${url}/api/v1/programmes`)).json()) as { slug: string }[];
  const items: Record<string, string[]> = {};
  for (const p of programmes) {
    const list = (await (await fetch(`${url}/api/v1/programmes/${p.slug}/items`)).json()) as { id: string }[];
    items[p.slug] = list.map((i) => i.id);
  }
  const actors = (await (await fetch(`${url}/api/v1/actors`)).json()) as { id: string }[];
  return { programmes: programmes.map((p) => p.slug), items, actors: actors.map((a) => a.id).sort() };
}

describe('restarting the application', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on the PGlite data folder finds the data intact and not duplicated', async () => {
    const first = await serveCli({ ENLACE_DATA_DIR: dataDir });
    const before = await snapshot(first.url);
    // A first start loads the bundled data, or copies the database the install prepared with it (npm ci).
    expect(first.output()).toMatch(/"loaded":\["actors"|new database copied from the template/);
    expect(await first.stop()).toBe(0);

    const second = await serveCli({ ENLACE_DATA_DIR: dataDir });
    const after = await snapshot(second.url);
    expect(second.output()).toContain('"loaded":[]');
    await second.stop();
    expect(after).toEqual(before);
    expect(before.programmes).toHaveLength(5);
    expect(before.items['programa-interamericano-2016']).toHaveLength(61);
  });

  it.runIf(inject('postgresUrl'))('on a PostgreSQL server finds the data intact and not duplicated', async () => {
    const url = await createPostgresDatabase();
    const first = await serveCli({ DATABASE_URL: url });
    const before = await snapshot(first.url);
    await first.stop();
    const second = await serveCli({ DATABASE_URL: url });
    const after = await snapshot(second.url);
    expect(second.output()).toContain('"database":"postgres"');
    await second.stop();
    expect(after).toEqual(before);
    expect(before.actors.length).toBeGreaterThan(80);
  });
});
