import { describe, expect, it } from 'vitest';
import { scannedPdf, textPdf, wordDocument } from '../../../test/support/documents/library-files.ts';
import { extractText, tidyText } from './text-extraction.ts';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the text of a library file', () => {
  it('reads a PDF page by page', async () => {
    const pdf = await textPdf(['Protección de los trabajadores migratorios', 'Second page: consular assistance']);
    const text = await extractText(PDF, pdf);
    expect(text.status).toBe('extracted');
    expect(text.pages).toHaveLength(2);
    expect(text.pages[0]).toContain('Protección de los trabajadores migratorios');
    expect(text.pages[1]).toContain('consular assistance');
  });

  it('finds no text in a PDF of scanned pages, and says so', async () => {
    expect(await extractText(PDF, await scannedPdf())).toEqual({ status: 'no_text', pages: [] });
  });

  it('reads a Word document', async () => {
    const docx = await wordDocument(['Droits des travailleurs étrangers', 'Segundo párrafo']);
    const text = await extractText(DOCX, docx);
    expect(text.status).toBe('extracted');
    expect(text.pages).toHaveLength(1);
    expect(text.pages[0]).toContain('Droits des travailleurs étrangers');
    expect(text.pages[0]).toContain('Segundo párrafo');
  });

  it('takes plain text as it is, and an image as having no text', async () => {
    const bytes = new TextEncoder().encode('Trabalhadores  migrantes\r\n\r\n\r\nno Brasil');
    expect(await extractText('text/plain', bytes)).toEqual({
      status: 'extracted',
      pages: ['Trabalhadores migrantes\n\nno Brasil'],
    });
    expect(await extractText('image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({
      status: 'no_text',
      pages: [],
    });
  });

  it('tidies blanks without joining lines', () => {
    expect(tidyText('  a \u00a0 b \n  c\n\n\n\nd  ')).toBe('a b\nc\n\nd');
  });
});
