/**
 * Loads the bundled reference data (data/*.yaml) into the database. Each file
 * is validated whole, then written in one transaction and recorded, so that
 * start-up loads it once: a restart neither duplicates nor loses anything.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import {
  actorMemberships,
  actors,
  assignments,
  bundledDatasets,
  itemLinks,
  itemMentions,
  itemNotes,
  itemStatusHistory,
  items,
  mandates,
  programmeActors,
  programmeLevels,
  programmeSections,
  programmes,
} from '../../db/schema/index.ts';
import { stableId } from '../../db/stable-id.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { AppError } from '../../errors.ts';
import { insertBestPractices } from './bundled-best-practices.ts';
import { insertCycle } from './bundled-cycles.ts';
import {
  type ActorsFile,
  ActorsFileSchema,
  BestPracticesFileSchema,
  CycleFileSchema,
  EditionFileSchema,
  type ItemInput,
  LibraryFileSchema,
  MeetingsFileSchema,
  type ProgrammeFile,
  ProgrammeFileSchema,
} from './bundled-data.schema.ts';
import { insertEdition } from './bundled-editions.ts';
import { insertLibrary } from './bundled-library.ts';
import { insertMeetings } from './bundled-meetings.ts';

export type LoadReport = { loaded: string[]; skipped: string[] };

type Logger = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export async function loadBundledData(db: Db, dataDir: string, log?: Logger): Promise<LoadReport> {
  const report: LoadReport = { loaded: [], skipped: [] };
  // What is loaded already, read once: a file whose text was loaded is neither parsed nor checked again.
  const loaded = new Map(
    (await db.select({ name: bundledDatasets.name, checksum: bundledDatasets.checksum }).from(bundledDatasets)).map(
      (r) => [r.checksum, r.name],
    ),
  );
  /** Loads one file's data set unless its text is loaded; programme, edition and cycle files name theirs inside. */
  const load = async <T>(
    file: string,
    recordedAs: string | ((parsed: T) => string),
    parse: (text: string) => T,
    write: (tx: Db, parsed: T) => Promise<void>,
  ) => {
    const text = await readFile(path.join(dataDir, file), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const known = loaded.get(checksum);
    if (known !== undefined) {
      report.skipped.push(known);
      return;
    }
    const parsed = parse(text);
    const name = typeof recordedAs === 'string' ? recordedAs : recordedAs(parsed);
    await loadDataset(db, name, checksum, report, log, (tx) => write(tx, parsed));
  };
  const listed = async (dir: string) =>
    existsSync(path.join(dataDir, dir))
      ? (await readdir(path.join(dataDir, dir))).filter((f) => f.endsWith('.yaml')).sort()
      : [];

  await load(
    'actors.yaml',
    'actors',
    (text) => parseFile('actors.yaml', text, ActorsFileSchema),
    (tx, file) => insertActors(tx, file),
  );
  for (const file of await listed('programmes')) {
    await load(
      `programmes/${file}`,
      (p: ProgrammeFile) => `programme:${p.slug}`,
      (text) => parseFile(`programmes/${file}`, text, ProgrammeFileSchema),
      (tx, programme) => insertProgramme(tx, programme),
    );
  }
  for (const file of await listed('editions')) {
    await load(
      `editions/${file}`,
      (e: z.infer<typeof EditionFileSchema>) => `edition:${e.slug}`,
      (text) => parseFile(`editions/${file}`, text, EditionFileSchema),
      (tx, edition) => insertEdition(tx, edition),
    );
  }
  for (const file of await listed('cycles')) {
    await load(
      `cycles/${file}`,
      (c: z.infer<typeof CycleFileSchema>) => `cycle:${c.programme}:${c.period}`,
      (text) => parseFile(`cycles/${file}`, text, CycleFileSchema),
      (tx, cycle) => insertCycle(tx, cycle),
    );
  }
  for (const file of await listed('library')) {
    await load(
      `library/${file}`,
      `library:${file.replace(/\.yaml$/, '')}`,
      (text) => parseFile(`library/${file}`, text, LibraryFileSchema),
      (tx, parsed) => insertLibrary(tx, dataDir, `library/${file}`, parsed),
    );
  }
  for (const file of await listed('meetings')) {
    await load(
      `meetings/${file}`,
      `meetings:${file.replace(/\.yaml$/, '')}`,
      (text) => parseFile(`meetings/${file}`, text, MeetingsFileSchema),
      (tx, parsed) => insertMeetings(tx, `meetings/${file}`, parsed),
    );
  }
  // Last: a best practice links to the reports, meetings, items and documents loaded above.
  for (const file of await listed('best-practices')) {
    await load(
      `best-practices/${file}`,
      `best-practices:${file.replace(/\.yaml$/, '')}`,
      (text) => parseFile(`best-practices/${file}`, text, BestPracticesFileSchema),
      (tx, parsed) => insertBestPractices(tx, `best-practices/${file}`, parsed),
    );
  }
  return report;
}

function parseFile<S extends z.ZodType>(name: string, text: string, schema: S): z.infer<S> {
  const raw: unknown = parseYaml(text);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const record = recordKeyAt(raw, first?.path ?? []);
    throw new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', {
      detail: `${name}: ${record ? `${record}: ` : ''}${first?.path.join('.')}: ${first?.message}`,
    });
  }
  return result.data;
}

/** The `key` of the innermost record on a path into the file, so that an error names the record, not only its index. */
function recordKeyAt(raw: unknown, path: readonly PropertyKey[]): string | undefined {
  let found: string | undefined;
  let at = raw;
  for (const step of path) {
    if (typeof at !== 'object' || at === null) break;
    at = (at as Record<PropertyKey, unknown>)[step];
    const key = typeof at === 'object' && at !== null ? (at as { key?: unknown }).key : undefined;
    if (typeof key === 'string') found = key;
  }
  return found;
}

async function loadDataset(
  db: Db,
  name: string,
  checksum: string,
  report: LoadReport,
  log: Logger | undefined,
  write: (tx: Db) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [done] = await tx.select().from(bundledDatasets).where(eq(bundledDatasets.name, name));
    if (done?.checksum === checksum) {
      report.skipped.push(name);
      return;
    }
    await write(tx);
    await tx
      .insert(bundledDatasets)
      .values({ name, checksum })
      .onConflictDoUpdate({ target: bundledDatasets.name, set: { checksum, loadedAt: new Date() } });
    report.loaded.push(name);
    log?.info({ dataset: name, changed: done !== undefined }, 'bundled data loaded');
  });
}

const actorId = (key: string) => stableId('actor', key);

/** Adds every actor and membership not yet present; never changes or removes existing ones. */
async function insertActors(tx: Db, file: ActorsFile): Promise<void> {
  const keys = new Set(file.actors.map((a) => a.key));
  for (const a of file.actors) {
    for (const ref of [a.parent, ...(a.memberships ?? []).map((m) => m.of)]) {
      if (ref !== undefined && !keys.has(ref)) {
        throw new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', {
          detail: `actors.yaml: ${a.key} refers to unknown actor ${ref}`,
        });
      }
    }
  }
  await tx
    .insert(actors)
    .values(
      file.actors.map((a) => ({
        id: actorId(a.key),
        key: a.key,
        type: a.type,
        name: a.name,
        acronym: a.acronym ?? {},
        parentId: a.parent ? actorId(a.parent) : null,
        iso: a.iso ?? null,
      })),
    )
    .onConflictDoNothing();
  const memberships = file.actors.flatMap((a) =>
    (a.memberships ?? []).map((m) => ({
      id: stableId('membership', a.key, m.of, m.role),
      actorId: actorId(a.key),
      groupId: actorId(m.of),
      role: m.role,
      startsOn: m.from ?? null,
      endsOn: m.to ?? null,
      note: m.note ?? null,
    })),
  );
  if (memberships.length > 0) await tx.insert(actorMemberships).values(memberships).onConflictDoNothing();
}

type FlatItem = { input: ItemInput; id: string; parentId: string | null; position: number };

function flattenItems(slug: string, list: ItemInput[], parentId: string | null, out: FlatItem[]): FlatItem[] {
  list.forEach((input, position) => {
    const id = stableId('item', slug, input.code);
    out.push({ input, id, parentId, position });
    flattenItems(slug, input.children ?? [], id, out);
  });
  return out;
}

/** Writes a programme the first time it is seen; an existing programme is left as it is (it may have been edited). */
async function insertProgramme(tx: Db, file: ProgrammeFile): Promise<void> {
  const [existing] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, file.slug));
  if (existing) return;

  const flat = flattenItems(file.slug, file.items, null, []);
  const problems = checkProgramme(file, flat);
  const actorKeys = new Set<string>([
    ...(file.issuingBody ? [file.issuingBody] : []),
    ...(file.actors ?? []).map((a) => a.actor),
    ...flat.flatMap((f) => (f.input.actors ?? []).map((a) => a.actor)),
  ]);
  const known = await tx
    .select({ key: actors.key })
    .from(actors)
    .where(inArray(actors.key, [...actorKeys]));
  const knownKeys = new Set(known.map((k) => k.key));
  for (const key of actorKeys) if (!knownKeys.has(key)) problems.push(`unknown actor ${key}`);
  if (problems.length > 0) {
    throw new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', {
      detail: `programmes/${file.slug}.yaml: ${problems.join('; ')}`,
    });
  }

  const programmeId = stableId('programme', file.slug);
  await tx.insert(programmes).values({
    id: programmeId,
    slug: file.slug,
    kind: file.kind,
    language: file.language,
    title: file.title,
    shortTitle: file.shortTitle,
    summary: file.summary,
    editorialNote: file.editorialNote ?? null,
    editionNote: file.editionNote ?? null,
    issuingBodyId: file.issuingBody ? actorId(file.issuingBody) : null,
    adoptionReference: file.adoptionReference ?? null,
    adoptionDate: file.adoptionDate ?? null,
    edition: file.edition,
    status: file.status,
    source: file.source,
  });
  await tx
    .insert(programmeLevels)
    .values(file.levels.map((l, position) => ({ programmeId, key: l.key, position, name: l.name, plural: l.plural })));
  const mandateRows = (file.mandates ?? []).map((m, position) => ({
    id: stableId('mandate', file.slug, String(position)),
    programmeId,
    position,
    reference: m.reference,
    title: m.title ?? null,
    paragraphs: m.paragraphs ?? null,
  }));
  if (mandateRows.length > 0) await tx.insert(mandates).values(mandateRows);
  const actorRows = (file.actors ?? []).map((a, position) => ({
    id: stableId('programme-actor', file.slug, a.actor, a.role),
    programmeId,
    actorId: actorId(a.actor),
    role: a.role,
    position,
    description: a.description ?? null,
  }));
  if (actorRows.length > 0) await tx.insert(programmeActors).values(actorRows);
  const sectionRows = (file.sections ?? []).map((s, position) => ({ programmeId, position, ...s }));
  if (sectionRows.length > 0) await tx.insert(programmeSections).values(sectionRows);

  const recordedOn = file.adoptionDate ?? null;
  await insertInChunks(
    tx,
    items,
    flat.map(({ input, id, parentId, position }, ordinal) => ({
      id,
      ordinal,
      programmeId,
      parentId,
      levelKey: input.level,
      code: input.code,
      codeMade: input.codeMade ?? false,
      text: input.text,
      position,
      status: input.status ?? latestNoteStatus(input),
      calendar: input.calendar ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
    })),
  );
  const codeToId = new Map(flat.map((f) => [f.input.code, f.id]));
  await insertInChunks(
    tx,
    assignments,
    flat.flatMap(({ input, id }) =>
      (input.actors ?? []).map((a, position) => ({ itemId: id, actorId: actorId(a.actor), role: a.role, position })),
    ),
  );
  await insertInChunks(
    tx,
    itemMentions,
    flat.flatMap(({ input, id }) =>
      (input.mentions ?? []).map((key, position) => ({ itemId: id, actorId: actorId(key), position })),
    ),
  );
  await insertInChunks(
    tx,
    itemLinks,
    flat.flatMap(({ input, id }) =>
      (input.serves ?? []).map((code) => ({ fromItemId: id, toItemId: codeToId.get(code) ?? '', kind: 'serves' })),
    ),
  );
  await insertInChunks(
    tx,
    itemNotes,
    flat.flatMap(({ input, id }) =>
      (input.notes ?? []).map((n, position) => ({
        id: stableId('note', file.slug, input.code, String(position)),
        itemId: id,
        notedOn: n.date,
        position,
        text: n.text,
        status: n.status ?? null,
        dueOn: n.due ?? null,
      })),
    ),
  );
  await insertInChunks(
    tx,
    itemStatusHistory,
    flat.flatMap(({ input, id }) => statusHistoryOf(file.slug, input, id, recordedOn)),
  );
}

/** The status history of an item: each note that records a status, or the status as printed. */
function statusHistoryOf(
  slug: string,
  input: ItemInput,
  itemId: string,
  recordedOn: string | null,
): (typeof itemStatusHistory.$inferInsert)[] {
  const fromNotes = (input.notes ?? []).flatMap((n, position) =>
    n.status
      ? [
          {
            id: stableId('status', slug, input.code, String(position)),
            itemId,
            status: n.status,
            changedOn: n.date,
            note: n.text,
          },
        ]
      : [],
  );
  if (fromNotes.length > 0 || !input.status || !recordedOn) return fromNotes;
  return [
    {
      id: stableId('status', slug, input.code, 'printed'),
      itemId,
      status: input.status,
      changedOn: recordedOn,
      note: null,
    },
  ];
}

function latestNoteStatus(input: ItemInput): ItemStatus | null {
  const withStatus = (input.notes ?? []).filter((n) => n.status !== undefined);
  withStatus.sort((a, b) => a.date.localeCompare(b.date));
  return withStatus.at(-1)?.status ?? null;
}

function checkProgramme(file: ProgrammeFile, flat: FlatItem[]): string[] {
  const problems: string[] = [];
  const levels = new Set(file.levels.map((l) => l.key));
  const codes = new Set<string>();
  for (const { input } of flat) {
    if (!levels.has(input.level)) problems.push(`item ${input.code}: unknown level ${input.level}`);
    if (codes.has(input.code)) problems.push(`item ${input.code}: duplicate code`);
    codes.add(input.code);
  }
  for (const { input } of flat) {
    for (const code of input.serves ?? [])
      if (!codes.has(code)) problems.push(`item ${input.code}: serves unknown ${code}`);
  }
  return problems;
}

// Keeps each statement well under PostgreSQL's 65,535 bind parameters.
async function insertInChunks<T extends Parameters<Db['insert']>[0]>(
  tx: Db,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(table).values(rows.slice(i, i + 500));
  }
}
