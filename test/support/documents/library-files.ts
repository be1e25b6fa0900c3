/** Real files for the library's tests: a PDF with text on each page, a scanned-looking PDF, a Word document. */
import { Document, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

function pdfOf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A PDF with one page per text. */
export const textPdf = (pages: string[]) =>
  pdfOf((doc) => {
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(12).text(text);
    });
  });

/** A PDF as a scanner makes it: pages with marks and no text layer. */
export const scannedPdf = (pageCount = 2) =>
  pdfOf((doc) => {
    for (let i = 0; i < pageCount; i++) {
      if (i > 0) doc.addPage();
      doc.rect(50, 50, 400, 300).fill('#444444');
    }
  });

/** A Word document with a paragraph per text. */
export async function wordDocument(paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph({ text })) }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
