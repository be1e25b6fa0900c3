/**
 * The body of the consolidated report in Word: the outline's blocks as
 * paragraphs in the report's styles. Parts are Heading 1, chapters and the
 * sections of part III Heading 2 (so both are in the contents), the parts of
 * a chapter Heading 3, each entry's activity in bold before its text.
 */
import { HeadingLevel, Paragraph, TabStopType, TextRun } from 'docx';
import { COLORS } from './report-docx-styles.ts';
import type { OutlineBlock } from './report-outline.ts';
import { BULLET_REFERENCE, blocksToParagraphs, type RichTextContext } from './rich-text-docx.ts';

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function blockParagraphs(block: OutlineBlock, context: RichTextContext): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level], pageBreakBefore: block.pageBreak })];
    case 'group':
      return [new Paragraph({ text: block.text, style: 'GroupLabel' })];
    case 'chapterNote':
      return [new Paragraph({ text: block.text, style: 'ChapterNote' })];
    case 'entry':
      return [new Paragraph({ text: block.text, style: 'EntryHeading' })];
    case 'rich':
      return blocksToParagraphs(block.blocks, context);
    case 'paragraph':
      return [new Paragraph({ text: block.text })];
    case 'bullet':
      return [
        new Paragraph({
          numbering: { reference: BULLET_REFERENCE, level: 0 },
          spacing: { after: 60 },
          children: [
            ...(block.label ? [new TextRun({ text: `${block.label}: `, bold: true })] : []),
            new TextRun({ text: block.text }),
          ],
        }),
      ];
    case 'objective':
      return [
        new Paragraph({
          indent: { left: 567, hanging: 567 },
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${block.code}\t`, bold: true, color: COLORS.brand }),
            new TextRun({ text: block.text }),
          ],
          tabStops: [{ type: TabStopType.LEFT, position: 567 }],
        }),
      ];
    case 'noInformation':
      return [new Paragraph({ text: block.text, style: 'NoInformation' })];
    case 'status':
      return [
        new Paragraph({
          style: 'StatusLine',
          children: [new TextRun({ text: `${block.label}: ` }), new TextRun({ text: block.value, bold: true })],
        }),
      ];
  }
}

export function outlineParagraphs(blocks: OutlineBlock[], context: RichTextContext): Paragraph[] {
  return blocks.flatMap((block) => blockParagraphs(block, context));
}
