/** A bundled later edition: derived from its programme through the editions service, then its own texts set. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { items, programmes } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';
import { deriveEdition } from '../programmes/programme-editions.service.ts';
import type { EditionFile } from './bundled-data.schema.ts';

export async function insertEdition(tx: Db, file: EditionFile): Promise<void> {
  const [existing] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, file.slug));
  if (existing) return;
  await deriveEdition(tx, file.from, { slug: file.slug, edition: file.edition }, { userId: null });
  const [edition] = await tx
    .update(programmes)
    .set({
      status: file.status,
      source: file.source,
      ...(file.shortTitle ? { shortTitle: file.shortTitle } : {}),
      ...(file.summary ? { summary: file.summary } : {}),
      ...(file.editorialNote ? { editorialNote: file.editorialNote } : {}),
    })
    .where(eq(programmes.slug, file.slug))
    .returning({ id: programmes.id });
  for (const item of file.items) {
    const updated = await tx
      .update(items)
      .set({ text: item.text })
      .where(and(eq(items.programmeId, (edition as { id: string }).id), eq(items.code, item.code)))
      .returning({ id: items.id });
    if (updated.length === 0) {
      throw new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', {
        detail: `editions/${file.slug}.yaml: no item ${item.code} in ${file.from}`,
      });
    }
  }
}
