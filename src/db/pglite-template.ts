/**
 * The embedded database as a first start leaves it (migrated, the bundled
 * data loaded), made once — at install (`npm ci` runs `enlace template`) —
 * and copied into each new data folder. Creating a PGlite cluster and
 * loading the data take some 5 s; copying the folder, a fraction of one.
 *
 * A template is named by what made it: the PGlite version, the migrations
 * and the bundled data. When any of them changes it is simply not found,
 * and the next first start prepares its folder the long way (and
 * `enlace template` makes the new one). A copied folder is opened and
 * prepared as any other: migrations and data already there are skipped.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
/** Where templates are kept unless told otherwise: a cache that a new `npm ci` clears with the packages. */
export const TEMPLATE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'enlace');

/** Every file under `dir`, sorted, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      if (entry.isDirectory()) return filesUnder(path.join(dir, entry.name), relative);
      return entry.isFile() ? [relative] : [];
    });
}

/** The installed PGlite's version, from its package.json (which the package does not export). */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What a template depends on, as one name: PGlite's version, the migrations and the bundled data. */
export function templateKey(dataDir: string, migrationsDir = MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\n`);
  for (const [label, dir] of [
    ['migrations', migrationsDir],
    ['data', dataDir],
  ] as const) {
    for (const file of filesUnder(dir)) {
      // The data folder may hold a database of its own (`./data/pglite`): only the bundled files count.
      if (label === 'data' && !file.endsWith('.yaml')) continue;
      hash.update(`${label}/${file}\n`);
      hash.update(readFileSync(path.join(dir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export const templatePath = (cache: string, key: string) => path.join(cache, `pglite-${key}`);

const isEmptyOrMissing = (dir: string) =>
  !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);

/**
 * Fills a new database folder from the template of the bundled data in
 * `dataDir`, when there is one and the folder does not exist yet or is
 * empty: a folder with anything in it is never touched. Answers whether it did.
 */
export function startFromTemplate(databaseDir: string, cache: string, dataDir: string): boolean {
  if (!isEmptyOrMissing(databaseDir)) return false;
  const template = templatePath(cache, templateKey(dataDir));
  if (!existsSync(template)) return false;
  cpSync(template, databaseDir, { recursive: true });
  return true;
}

/**
 * Makes the template for `key` with `prepare` (which creates and prepares a
 * database in the folder it is given, then closes it), unless it exists.
 * Made aside and renamed into place, so that a template is whole or absent.
 */
export async function makeTemplate(
  cache: string,
  key: string,
  prepare: (dir: string) => Promise<void>,
): Promise<{ made: boolean; dir: string }> {
  const dir = templatePath(cache, key);
  if (existsSync(dir)) return { made: false, dir };
  const making = `${dir}.making-${process.pid}`;
  rmSync(making, { recursive: true, force: true });
  try {
    await prepare(making);
    try {
      renameSync(making, dir);
    } catch (err) {
      // Another install made the same template meanwhile: theirs is as good.
      if (!existsSync(dir)) throw err;
      return { made: false, dir };
    }
  } finally {
    rmSync(making, { recursive: true, force: true });
  }
  return { made: true, dir };
}
