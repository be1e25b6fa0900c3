/**
 * The backup file, the same whichever database wrote or reads it (PGlite or a
 * PostgreSQL server of another major version): gzip-compressed JSON lines.
 *
 *   {"format":"enlace-backup","version":1,…,"migrations":[…],"tables":[…]}   the header
 *   {"table":"actors"}                                                      then, per table in header order,
 *   {"id": "…", "key": "mx", …}                                             exactly `rows` lines of `to_jsonb(row)`
 *   {"end":true,"tables":35,"rows":12345}                                   and an end line
 *
 * Values are PostgreSQL's own JSON: bytea as "\\x…" hex, timestamps with
 * microseconds and offset, numbers exact. A json/jsonb column listed in
 * `wrapped` is written as `[value]` so that a JSON `null` stays distinct from
 * SQL NULL.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'enlace-backup';
export const BACKUP_VERSION = 1;

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export const BackupMigration = z.object({ hash: z.string(), createdAt: z.number(), tag: z.string().nullable() });
export type BackupMigration = z.infer<typeof BackupMigration>;

export const BackupTable = z.object({
  name: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
  wrapped: z.array(z.string()),
  rows: z.number().int().nonnegative(),
});
export type BackupTable = z.infer<typeof BackupTable>;

export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(['pglite', 'postgres']), serverVersion: z.string() }),
  migrations: z.array(BackupMigration),
  tables: z.array(BackupTable),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const TableLine = z.object({ table: z.string() });
export const EndLine = z.object({ end: z.literal(true), tables: z.number(), rows: z.number() });

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The header, checked before anything is written: is it ours, and a format this code reads? */
export function readHeader(file: string, line: string | undefined): BackupHeader {
  const value = line === undefined ? undefined : parseJson(line);
  const head = z.object({ format: z.literal(BACKUP_FORMAT), version: z.number() }).safeParse(value);
  if (!head.success) throw new BackupError(`${file} is not an Enlace backup.`);
  if (head.data.version > BACKUP_VERSION) {
    throw new BackupError(
      `${file} is a backup in format version ${head.data.version}, newer than this version of Enlace reads (${BACKUP_VERSION}). Upgrade Enlace to restore it.`,
    );
  }
  const header = BackupHeader.safeParse(value);
  if (!header.success) throw new BackupError(`${file} is not an Enlace backup: its header is damaged.`);
  return header.data;
}

/** A line that must be the JSON of `schema`; anything else means the file was altered or cut. */
export function readLine<T extends z.ZodType>(schema: T, line: string | undefined, what: string): z.infer<T> {
  const parsed = schema.safeParse(line === undefined ? undefined : parseJson(line));
  if (!parsed.success) throw damaged(line === undefined ? `it ends before ${what}` : `${what} is missing`);
  return parsed.data;
}

export const damaged = (detail: string) => new BackupError(`The backup file is damaged or incomplete: ${detail}.`);
