/**
 * The text of a library file, page by page where the format has pages: PDF
 * through unpdf (pdf.js, pure JavaScript), Word through mammoth, workbooks a
 * sheet a page, plain text as it is. A PDF whose pages have no text layer (a
 * scan) and a format without text (an image) give no text: the document is
 * still found by its title and summary.
 */
import type { TextStatus } from '../../domain/vocabulary.ts';

export type ExtractedText = { status: Exclude<TextStatus, 'pending'>; pages: string[] };

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAIN = new Set(['text/plain', 'text/csv']);

/** Runs of blanks become one space, blank lines one blank line; lines keep their breaks. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const result = (pages: string[]): ExtractedText => {
  const tidy = pages.map(tidyText);
  return tidy.some((p) => p !== '') ? { status: 'extracted', pages: tidy } : { status: 'no_text', pages: [] };
};

export async function extractText(contentType: string, bytes: Uint8Array): Promise<ExtractedText> {
  if (contentType === PDF) return result(await pdfPages(bytes));
  if (contentType === DOCX) return result([await docxText(bytes)]);
  if (contentType === XLSX) return result(await workbookSheets(bytes));
  if (PLAIN.has(contentType)) return result([new TextDecoder('utf-8').decode(bytes)]);
  return { status: 'no_text', pages: [] };
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { extractText: pdfText, getDocumentProxy } = await import('unpdf');
  // pdf.js takes the buffer over: it is given a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await pdfText(pdf, { mergePages: false });
    return text;
  } finally {
    await pdf.destroy();
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value;
}

async function workbookSheets(bytes: Uint8Array): Promise<string[]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => {
    const lines: string[] = [sheet.name];
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => {
        const text = cell.text.trim();
        if (text) cells.push(text);
      });
      if (cells.length > 0) lines.push(cells.join(' · '));
    });
    return lines.join('\n');
  });
}
