/**
 * Rich text of reports as Word paragraphs: bold, italic and underlined runs,
 * links, line breaks, footnotes, bulleted and numbered lists (each numbered
 * list counts from 1), quotations indented and headings inside the text in bold.
 */
import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  FootnoteReferenceRun,
  LevelFormat,
  type NumberingDefinition,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
import { type Inline, parseRichText, type RichBlock } from './rich-text-parse.ts';

export const BULLET_REFERENCE = 'enlace-bullet';
export const ORDERED_REFERENCE = 'enlace-ordered';

const indentFor = (level: number) => ({ left: 360 * (level + 1), hanging: 360 });

/** Numbering the document must define for the lists of its rich texts. */
export const RICH_TEXT_NUMBERING: NumberingDefinition[] = [
  {
    reference: BULLET_REFERENCE,
    levels: ['•', '◦', '▪', '•', '◦', '▪'].map((text, level) => ({
      level,
      format: LevelFormat.BULLET,
      text,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: indentFor(level) } },
    })),
  },
  {
    reference: ORDERED_REFERENCE,
    levels: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN, LevelFormat.DECIMAL].map(
      (format, level) => ({
        level,
        format,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: indentFor(level) } },
      }),
    ),
  },
];

/** Shared by every rich text of one document, so each numbered list is a list of its own. */
/** `language`: the text's language for spelling (a Word tag, es-ES) where it is not the document's. */
export type RichTextContext = { nextListInstance: number; language?: string };

export const createRichTextContext = (language?: string): RichTextContext => ({
  nextListInstance: 1,
  ...(language ? { language } : {}),
});

function runs(inlines: Inline[], heading: 3 | 4 | null, language: string | undefined): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  let pendingBreak = 0;
  for (const inline of inlines) {
    if ('lineBreak' in inline) {
      pendingBreak += 1;
      continue;
    }
    if ('footnote' in inline) {
      // A real footnote: Word numbers it and prints it at the foot of the page its marker falls on;
      // the note starts with a space after its number, as Word writes one.
      children.push(
        new FootnoteReferenceRun({
          children: [
            new Paragraph({
              children: [
                new TextRun({ text: ` ${inline.footnote}`, language: language ? { value: language } : undefined }),
              ],
            }),
          ],
        }),
      );
      continue;
    }
    if (!inline.text) continue;
    const run = new TextRun({
      text: inline.text,
      bold: inline.bold || heading !== null || undefined,
      size: heading === 3 ? 24 : undefined,
      italics: inline.italic || undefined,
      underline: inline.underline ? {} : undefined,
      style: inline.href ? 'Hyperlink' : undefined,
      break: pendingBreak || undefined,
      language: language ? { value: language } : undefined,
    });
    pendingBreak = 0;
    children.push(inline.href ? new ExternalHyperlink({ link: inline.href, children: [run] }) : run);
  }
  return children;
}

export function blocksToParagraphs(blocks: RichBlock[], context: RichTextContext): Paragraph[] {
  const instances = new Map<number, number>();
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    const list = block.list;
    const quoteIndent = 567 * block.quote;
    let numbering: { reference: string; level: number; instance?: number } | undefined;
    let indent: { left: number; hanging?: number } | undefined = quoteIndent ? { left: quoteIndent } : undefined;
    if (list && !list.continuation) {
      let instance: number | undefined;
      if (list.ordered) {
        instance = instances.get(list.listId);
        if (instance === undefined) {
          instance = context.nextListInstance++;
          instances.set(list.listId, instance);
        }
      }
      numbering = { reference: list.ordered ? ORDERED_REFERENCE : BULLET_REFERENCE, level: Math.min(list.level, 3) };
      if (instance !== undefined) numbering.instance = instance;
      if (quoteIndent) indent = { left: quoteIndent + 360 * (list.level + 1), hanging: 360 };
    } else if (list) {
      indent = { left: quoteIndent + 360 * (list.level + 1) };
    }
    paragraphs.push(
      new Paragraph({
        children: runs(block.inlines, block.heading, context.language),
        ...(numbering ? { numbering } : {}),
        ...(indent ? { indent } : {}),
        ...(block.quote
          ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'C5CCD5', space: 8 } } }
          : {}),
        ...(block.heading ? { keepNext: true, spacing: { before: 160, after: 60 } } : {}),
        ...(list ? { spacing: { after: 60 } } : {}),
      }),
    );
  }
  return paragraphs;
}

/** Word paragraphs of a rich text; an empty array when it says nothing. */
export function richTextToParagraphs(html: string | null | undefined, context: RichTextContext): Paragraph[] {
  return blocksToParagraphs(parseRichText(html), context);
}
