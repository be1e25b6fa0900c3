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

const WEIGHTS: Record<PlanTableColumn['kind'], number> = {
  code: 1,
  text: 4,
  actors: 2,
  status: 1.4,
  calendar: 1.6,
  notes: 2.5,
};

/** One paragraph per line of the text. */
const paragraphs = (text: string) =>
  stripInvalidXmlChars(text)
    .split('\n')
    .map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 18 })] }));

export async function renderPlanDocx(plan: PlanTable): Promise<Buffer> {
  const total = plan.columns.reduce((n, c) => n + WEIGHTS[c.kind], 0);
  const widths = plan.columns.map((c) => Math.floor((TEXT_WIDTH.landscape * WEIGHTS[c.kind]) / total));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: plan.columns.map(
      (column, c) =>
        new TableCell({
          width: { size: widths[c] as number, type: WidthType.DXA },
          shading: { fill: COLORS.brand },
          children: [
            new Paragraph({ children: [new TextRun({ text: column.header, bold: true, size: 18, color: 'FFFFFF' })] }),
          ],
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
