/**
 * The references a library form or the API gives (a country by ISO code or
 * key, an actor by key, an item or a meeting by id) resolved to ids, a wrong
 * one named by its field and place (`countries.2`).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, type items, type meetings } from '../../db/schema/index.ts';
import { AppError, invalidInput } from '../../errors.ts';

export const forbiddenField = (field: string, messageKey: string) =>
  new AppError('forbidden', 403, 'error.forbidden', { fields: [{ field, messageKey }] });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each reference's id, in order; a reference that names nothing is refused naming `field.N`. */
export async function resolve(
  refs: readonly string[],
  field: string,
  messageKey: string,
  find: (refs: readonly string[]) => Promise<{ id: string; refs: string[] }[]>,
): Promise<string[]> {
  if (refs.length === 0) return [];
  const found = await find(refs);
  const idOf = (ref: string) => found.find((f) => f.refs.includes(ref.toLowerCase()))?.id;
  const unknown = refs.findIndex((ref) => idOf(ref) === undefined);
  if (unknown >= 0) throw invalidInput([{ field: `${field}.${unknown}`, messageKey }]);
  return [...new Set(refs.map((ref) => idOf(ref) as string))];
}

/** Member states by ISO code, key or id. */
export const findCountries = (db: Db) => async (refs: readonly string[]) => {
  const lower = refs.map((r) => r.toLowerCase());
  const rows = await db
    .select({ id: actors.id, key: actors.key, iso: actors.iso })
    .from(actors)
    .where(
      and(
        eq(actors.type, 'member_state'),
        or(
          inArray(actors.key, lower),
          inArray(sql`lower(${actors.iso})`, lower),
          inArray(
            sql`${actors.id}::text`,
            lower.filter((r) => UUID.test(r)),
          ),
        ),
      ),
    );
  return rows.map((r) => ({ id: r.id, refs: [r.id, r.key, (r.iso ?? '').toLowerCase()] }));
};

export const findActors = (db: Db) => async (refs: readonly string[]) => {
  const lower = refs.map((r) => r.toLowerCase());
  const rows = await db
    .select({ id: actors.id, key: actors.key })
    .from(actors)
    .where(
      or(
        inArray(actors.key, lower),
        inArray(
          sql`${actors.id}::text`,
          lower.filter((r) => UUID.test(r)),
        ),
      ),
    );
  return rows.map((r) => ({ id: r.id, refs: [r.id, r.key] }));
};

export const findById =
  (db: Db, table: typeof items | typeof meetings) =>
  async (refs: readonly string[]): Promise<{ id: string; refs: string[] }[]> => {
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(
        inArray(
          table.id,
          refs.map((r) => r.toLowerCase()),
        ),
      );
    return rows.map((r) => ({ id: r.id, refs: [r.id] }));
  };
