/**
 * A programme's plan as a Word document: the title, then the plan as one
 * table across landscape pages, each ancestor's cell merged down the rows of
 * its descendants as printed plans have them, the header row repeated on
 * every page. An import reads it back to the same tree.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { PlanTable, PlanTableColumn } from './plan-table.ts';
import { COLORS, pageProperties, reportStyles, TEXT_WIDTH } from './report-docx-styles.ts';
import { stripInvalidXmlChars } from './rich-text-parse.ts';

/** About how many characters of each kind of column a line should hold. */
const CHARS: Record<PlanTableColumn['kind'], number> = {
  code: 7,
  text: 40,
  actors: 16,
  status: 11,
  calendar: 18,
  notes: 26,
};

/** The width of a character of 8 points, in twentieths of a point, with some room. */
const CHAR_TWIPS = 110;

/**
 * Column widths in twips: a code column as wide as its longest code (within
 * bounds); the page's other width shared by the other columns
 * in proportion to what each kind holds.
 */
function columnWidths(plan: PlanTable): number[] {
  const codes = plan.columns.map((column, c) => {
    if (column.kind !== 'code') return 0;
    const longest = Math.max(...plan.rows.map((row) => row[c]?.text.length ?? 0));
    return Math.min(10, Math.max(CHARS.code, longest + 1)) * CHAR_TWIPS;
  });
  const left = TEXT_WIDTH.landscape - codes.reduce((n, w) => n + w, 0);
  const weight = plan.columns.reduce((n, c) => n + (c.kind === 'code' ? 0 : CHARS[c.kind]), 0);
  return plan.columns.map((column, c) =>
    column.kind === 'code' ? (codes[c] as number) : Math.floor((left * CHARS[column.kind]) / weight),
  );
}

/** One paragraph per line of the text. */
const paragraphs = (text: string) =>
  stripInvalidXmlChars(text)
    .split('\n')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }));

export async function renderPlanDocx(plan: PlanTable): Promise<Buffer> {
  const widths = columnWidths(plan);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: plan.columns.map(
      (column, c) =>
        new TableCell({
          width: { size: widths[c] as number, type: WidthType.DXA },
          shading: { fill: COLORS.brand },
          // "Código: Objetivo" on two lines, so that a narrow column breaks between words.
          children: column.header
            .split(/(?<=:) /)
            .map(
              (line) =>
                new Paragraph({ children: [new TextRun({ text: line, bold: true, size: 15, color: 'FFFFFF' })] }),
            ),
        }),
    ),
  });
  const rows = plan.rows.map(
    (cells) =>
      new TableRow({
        children: cells.map(
          (cell, c) =>
            new TableCell({
              width: { size: widths[c] as number, type: WidthType.DXA },
              // The first cell of a merge restarts it; the cells it covers continue it, empty.
              ...(cell.span > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
              ...(cell.span === 0 ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
              children: cell.span === 0 ? [new Paragraph('')] : paragraphs(cell.text),
            }),
        ),
      }),
  );
  const document = new Document({
    title: plan.title,
    creator: 'Enlace',
    styles: reportStyles(plan.language),
    sections: [
      {
        properties: pageProperties('landscape'),
        children: [
          new Paragraph({ text: plan.title, heading: HeadingLevel.HEADING_1 }),
          ...plan.lines.map((line) => new Paragraph(line)),
          new Table({
            width: { size: TEXT_WIDTH.landscape, type: WidthType.DXA },
            columnWidths: widths,
            rows: [header, ...rows],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
