/**
 * A new programme, created by the secretariat before its plan is imported or
 * typed in: one transaction with its levels and an audit event.
 */
import { eq, max, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, programmeLevels, programmes } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { AppError, invalidInput } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CreateProgrammeInput } from './programme-creation.schema.ts';

export const slugTaken = () =>
  new AppError('slug_taken', 409, 'error.slugTaken', {
    fields: [{ field: 'slug', messageKey: 'error.field.slugTaken' }],
  });

/** A text in the languages given, without the empty ones. */
const translated = (t: { es?: string | undefined; en?: string | undefined }) =>
  Object.fromEntries(Object.entries(t).filter(([, v]) => v)) as Record<string, string>;

export async function createProgramme(db: Db, input: CreateProgrammeInput, by: Principal): Promise<string> {
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, input.slug));
    if (clash) throw slugTaken();
    let issuingBodyId: string | null = null;
    if (input.issuer) {
      const [issuer] = await tx
        .select({ id: actors.id })
        .from(actors)
        .where(or(eq(actors.key, input.issuer), sql`${actors.id}::text = ${input.issuer}`));
      if (!issuer) throw invalidInput([{ field: 'issuer', messageKey: 'error.field.unknownActor' }]);
      issuingBodyId = issuer.id;
    }
    const [last] = await tx.select({ position: max(programmes.position) }).from(programmes);
    const id = crypto.randomUUID();
    const row = {
      id,
      slug: input.slug,
      kind: input.kind,
      language: input.language,
      title: translated(input.title),
      issuingBodyId,
      adoptionReference: input.adoptionRef ?? null,
      adoptionDate: input.adoptionDate ?? null,
      edition: input.edition ?? input.adoptionDate?.slice(0, 4) ?? '1',
      status: input.status,
      source: '',
      position: (last?.position ?? 0) + 1,
    };
    await tx.insert(programmes).values(row);
    await tx.insert(programmeLevels).values(
      input.levels.map((level, position) => ({
        programmeId: id,
        key: level.key,
        position,
        name: translated(level.name),
        plural: translated(level.plural ?? level.name),
        codePattern: level.codePattern ?? null,
      })),
    );
    await recordAudit(tx, {
      userId: by.userId,
      action: 'programme.create',
      entityType: 'programme',
      entityId: id,
      after: { ...row, levels: input.levels },
    });
    return input.slug;
  });
}
