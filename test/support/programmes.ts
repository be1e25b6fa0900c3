/**
 * A programme of a test's own making. Programmes come from the bundled data
 * and no use case creates one, so its row and levels are written here; its
 * items and assignments are then added through the API like any edit.
 */
import type { Db } from '../../src/db/connect.ts';
import { programmeLevels, programmes } from '../../src/db/schema/index.ts';

/** An empty programme in force with the given levels, top first (`theme`, `objective`, …). */
export async function createProgramme(db: Db, slug: string, levelKeys: string[]): Promise<string> {
  const id = crypto.randomUUID();
  await db.insert(programmes).values({
    id,
    slug,
    kind: 'plan_of_action',
    language: 'es',
    title: { es: `Plan ${slug}`, en: `Plan ${slug}` },
    shortTitle: { es: slug, en: slug },
    edition: '2026',
    status: 'in_force',
    source: 'tests',
  });
  await db.insert(programmeLevels).values(
    levelKeys.map((key, position) => ({
      programmeId: id,
      key,
      position,
      name: { es: key, en: key },
      plural: { es: `${key}s`, en: `${key}s` },
    })),
  );
  return id;
}
