/**
 * Where uploaded library files are kept, behind one interface. The embedded
 * default keeps them in the database (`stored_files`), inside the caller's
 * transaction, so a document and its file are written together or not at all
 * and instances stay stateless. An S3-compatible store would implement the
 * same three calls with PutObject/GetObject/DeleteObject under the same key;
 * it would write the object before the row that names it (a failed
 * transaction leaves an orphan object for a sweep, never a row without its
 * file).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { storedFiles } from '../../db/schema/index.ts';

export type StoredFile = { contentType: string; bytes: Uint8Array; sha256: string };

export type FileStore = {
  put(db: Db, key: string, file: StoredFile): Promise<void>;
  get(db: Db, key: string): Promise<Uint8Array | null>;
  remove(db: Db, key: string): Promise<void>;
};

export const databaseFileStore: FileStore = {
  async put(db, key, file) {
    await db.insert(storedFiles).values({
      key,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256: file.sha256,
      data: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
    });
  },
  async get(db, key) {
    const [row] = await db.select({ data: storedFiles.data }).from(storedFiles).where(eq(storedFiles.key, key));
    return row ? new Uint8Array(row.data) : null;
  },
  async remove(db, key) {
    await db.delete(storedFiles).where(eq(storedFiles.key, key));
  },
};
