/**
 * LibreOffice as a reader would use it: converts documents to PDF and reads
 * the PDFs with pdftotext, for tests that check what a reader sees. Without
 * LibreOffice the tests are skipped with a warning, and with CI=true they fail.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function which(names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

const soffice = which(['soffice', 'libreoffice']);
const pdftotext = which(['pdftotext']);

/** Whether the conversion tests can run; throws on CI when they can't. */
export function libreOfficeAvailable(): boolean {
  if (soffice && pdftotext) return true;
  const missing = [soffice ? null : 'LibreOffice (soffice)', pdftotext ? null : 'pdftotext (poppler-utils)'].filter(
    Boolean,
  );
  if (process.env.CI === 'true') throw new Error(`${missing.join(' and ')} not found: CI needs it`);
  console.warn(
    `${missing.join(' and ')} not found: document conversion tests are skipped (set CI=true to fail instead)`,
  );
  return false;
}

export type Office = {
  /** The document converted to PDF. */
  toPdf(document: Uint8Array, extension: 'docx' | 'xlsx'): Promise<Buffer>;
  /** The text of a PDF, `layout` keeping the columns of tables on their lines. */
  pdfText(pdf: Buffer, options?: { layout?: boolean }): Promise<string>;
  close(): Promise<void>;
};

/** A LibreOffice with a profile of its own, so it runs beside any other. */
export async function openOffice(): Promise<Office> {
  if (!soffice || !pdftotext) throw new Error('LibreOffice or pdftotext missing');
  const dir = await mkdtemp(join(tmpdir(), 'enlace-office-'));
  const profile = `file://${join(dir, 'profile')}`;
  let n = 0;
  return {
    async toPdf(document, extension) {
      n += 1;
      const input = join(dir, `document-${n}.${extension}`);
      await writeFile(input, document);
      await run(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
        { timeout: 120_000 },
      );
      return readFile(join(dir, `document-${n}.pdf`));
    },
    async pdfText(pdf, options = {}) {
      n += 1;
      const input = join(dir, `text-${n}.pdf`);
      await writeFile(input, pdf);
      const { stdout } = await run(pdftotext, [...(options.layout ? ['-layout'] : []), input, '-'], {
        maxBuffer: 256 * 1024 * 1024,
        timeout: 120_000,
      });
      return stdout;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The text of `bytes` (a .docx or .xlsx once LibreOffice has turned it into a PDF, or a PDF), columns kept. */
export async function documentText(bytes: Uint8Array, extension: 'docx' | 'xlsx' | 'pdf'): Promise<string> {
  const office = await openOffice();
  try {
    const pdf = extension === 'pdf' ? Buffer.from(bytes) : await office.toPdf(bytes, extension);
    return await office.pdfText(pdf, { layout: true });
  } finally {
    await office.close();
  }
}
