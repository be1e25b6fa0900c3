/** Who an e-mail about an actor's work goes to: the active people holding a role for it. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { grants, users } from '../../db/schema/index.ts';
import { type Locale, type Translator, translator } from '../../web/i18n/i18n.ts';

export type MailRole = 'focal_point' | 'validator' | 'secretariat';

/** The active users holding `role` for one of `actorIds` (the secretariat's role holds for no actor). */
export async function peopleWith(db: Db, role: MailRole, actorIds: string[]) {
  if (role !== 'secretariat' && actorIds.length === 0) return [];
  const rows = await db
    .select({ actorId: grants.actorId, userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        eq(grants.role, role),
        isNull(users.disabledAt),
        role === 'secretariat' ? undefined : inArray(grants.actorId, actorIds),
      ),
    );
  return rows;
}

/**
 * Writes one message to each person once (someone holding the role for two
 * actors is listed twice), in the person's language; answers how many were new.
 */
export async function mailEachOnce<P extends { userId: string; locale: string | null }>(
  people: readonly P[],
  write: (person: P, i18n: Translator) => Promise<{ created: boolean }>,
): Promise<number> {
  let written = 0;
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.userId)) continue;
    seen.add(person.userId);
    const { created } = await write(person, translator((person.locale ?? 'es') as Locale));
    if (created) written += 1;
  }
  return written;
}
