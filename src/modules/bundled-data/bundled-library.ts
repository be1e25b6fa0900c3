/**
 * The library's first documents (data/library/*.yaml): the source documents
 * Enlace's bundled data is transcribed from, stored as files with their text,
 * public, each added once (a document already there is left as it is).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, documentActors, documents } from '../../db/schema/index.ts';
import { stableId } from '../../db/stable-id.ts';
import { AppError } from '../../errors.ts';
import { databaseFileStore } from '../library/file-store.ts';
import { extractText } from '../library/text-extraction.ts';
import type { LibraryFile } from './bundled-data.schema.ts';

const invalid = (detail: string) => new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', { detail });

export async function insertLibrary(tx: Db, dataDir: string, name: string, file: LibraryFile): Promise<void> {
  const keys = [...new Set(file.documents.flatMap((d) => [...d.countries, ...d.actors]))];
  const found =
    keys.length > 0
      ? await tx
          .select({ id: actors.id, key: actors.key, type: actors.type })
          .from(actors)
          .where(inArray(actors.key, keys))
      : [];
  const actor = new Map(found.map((a) => [a.key, a]));
  for (const d of file.documents) {
    for (const key of [...d.countries, ...d.actors])
      if (!actor.has(key)) throw invalid(`${name}: ${d.key}: unknown actor ${key}`);
    for (const key of d.countries)
      if (actor.get(key)?.type !== 'member_state') throw invalid(`${name}: ${d.key}: ${key} is not a member state`);
    const bytes = new Uint8Array(await readFile(path.join(dataDir, d.file)));
    const id = stableId('document', d.key);
    const fileKey = stableId('document-file', d.key);
    const text = await extractText('text/plain', bytes);
    const inserted = await tx
      .insert(documents)
      .values({
        id,
        title: d.title,
        summary: d.summary ?? {},
        type: d.type,
        languages: d.languages,
        issuedOn: d.issuedOn ?? null,
        visibility: 'public',
        fileKey,
        filename: d.filename,
        contentType: 'text/plain',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        textStatus: text.status,
        pages: text.pages,
        countryIds: d.countries.map((k) => actor.get(k)?.id as string).sort(),
      })
      .onConflictDoNothing()
      .returning({ id: documents.id });
    if (inserted.length === 0) continue;
    await databaseFileStore.put(tx, fileKey, {
      contentType: 'text/plain',
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const links = [
      ...d.countries.map((k) => ({ documentId: id, actorId: actor.get(k)?.id as string, role: 'country' as const })),
      ...d.actors.map((k) => ({ documentId: id, actorId: actor.get(k)?.id as string, role: 'actor' as const })),
    ];
    if (links.length > 0) await tx.insert(documentActors).values(links);
  }
}
