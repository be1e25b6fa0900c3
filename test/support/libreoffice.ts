/** LibreOffice as a reader would use it: convert a document to PDF and read the PDF's text. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function libreOfficeAvailable(): boolean {
  for (const bin of ['/usr/bin/soffice', '/usr/bin/libreoffice']) {
    try {
      readFileSync(bin);
      return true;
    } catch {
      // not this one
    }
  }
  if (process.env.CI === 'true') throw new Error('LibreOffice (soffice) not found: CI needs it');
  console.warn('LibreOffice not found: document conversion tests are skipped (set CI=true to fail instead)');
  return false;
}

/** The text of `bytes` (a .docx or .xlsx) once LibreOffice has turned it into a PDF. */
export async function documentText(bytes: Uint8Array, extension: 'docx' | 'xlsx'): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enlace-lo-'));
  try {
    const input = path.join(dir, `document.${extension}`);
    writeFileSync(input, bytes);
    await run(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
      { timeout: 120_000 },
    );
    const { stdout } = await run('pdftotext', ['-layout', path.join(dir, 'document.pdf'), '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
