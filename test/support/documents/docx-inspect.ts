/**
 * What a Word document says, read from its XML: the paragraphs with their
 * style, list and text, for tests of the renderers. The archive is opened
 * with JSZip, the reader exceljs itself uses.
 */
import JSZip from 'jszip';

export type DocxParagraph = {
  style: string | null;
  text: string;
  numId: string | null;
  level: string | null;
  xml: string;
};

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function docxParagraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    numId: /<w:numId w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    level: /<w:ilvl w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: unescapeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    xml: p,
  }));
}

/** The files of a zip archive (a .docx or .xlsx) by name, folders left out. */
export async function zipEntries(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(archive);
  const files = Object.values(zip.files).filter((file) => !file.dir);
  return new Map(await Promise.all(files.map(async (file) => [file.name, await file.async('nodebuffer')] as const)));
}

export async function docxParts(
  docx: Uint8Array,
): Promise<{ files: Map<string, Buffer>; part: (name: string) => string }> {
  const files = await zipEntries(docx);
  return {
    files,
    part: (name) => {
      const file = files.get(name);
      if (!file) throw new Error(`No ${name} in the document`);
      return file.toString('utf8');
    },
  };
}
