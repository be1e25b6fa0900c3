/**
 * What a Word document says, read from its XML: the paragraphs with their
 * style, list and text, for tests of the renderers.
 */
import { readZip } from './zip-read.ts';

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

export function docxParts(docx: Buffer): { files: Map<string, Buffer>; part: (name: string) => string } {
  const files = readZip(docx);
  return {
    files,
    part: (name) => {
      const file = files.get(name);
      if (!file) throw new Error(`No ${name} in the document`);
      return file.toString('utf8');
    },
  };
}
