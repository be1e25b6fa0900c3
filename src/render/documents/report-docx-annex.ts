/**
 * The annex of the consolidated report in Word: progress by objective as a
 * table whose header row repeats on every page, a totals row, and the two
 * figures (status chart, map) as SVG with a PNG for applications that don't
 * show SVG.
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { type AnnexRow, annexRows, formatPercent } from './annex-rows.ts';
import { COLORS, type Paper, textWidth, twipsToPixels } from './report-docx-styles.ts';
import { fitInto, svgSize } from './svg-size.ts';

/** SVG → PNG of the given width in pixels. */
export type Rasterize = (svg: string, width: number) => Promise<Buffer>;

const border = { style: BorderStyle.SINGLE, size: 4, color: COLORS.line };
const CELL_MARGINS = { top: 50, bottom: 50, left: 80, right: 80 };

function cell(
  texts: { text: string; bold?: boolean; color?: string; size?: number }[],
  width: number,
  options: { align?: 'left' | 'right' | 'center'; fill?: string; topRule?: boolean; tight?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: options.tight ? { ...CELL_MARGINS, left: 40, right: 40 } : CELL_MARGINS,
    verticalAlign: options.tight ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
    ...(options.fill ? { shading: { fill: options.fill } } : {}),
    ...(options.topRule ? { borders: { top: { style: BorderStyle.DOUBLE, size: 6, color: COLORS.ink } } } : {}),
    children: [
      new Paragraph({
        style: 'TableText',
        alignment:
          options.align === 'right'
            ? AlignmentType.RIGHT
            : options.align === 'center'
              ? AlignmentType.CENTER
              : AlignmentType.LEFT,
        children: texts.map((t) => new TextRun({ text: t.text, bold: t.bold, color: t.color, size: t.size })),
      }),
    ],
  });
}

/** Widths in twips: the numbers as narrow as their headings allow, the rest for the objectives' texts. */
function columnWidths(total: number, statuses: number, progress: boolean): number[] {
  const number = Math.round(total * 0.0785);
  const coverage = Math.round(total * 0.096);
  const share = progress ? Math.round(total * 0.05) : 0;
  const objective = total - number * (1 + statuses) - coverage - share;
  return [objective, number, ...Array.from({ length: statuses }, () => number), coverage, ...(progress ? [share] : [])];
}

function bodyRow(
  row: AnnexRow,
  widths: number[],
  report: ConsolidatedReport,
  kind: 'odd' | 'even' | 'total',
): TableRow {
  const total = kind === 'total';
  const { statuses } = report.annex;
  const fill = kind === 'even' ? COLORS.soft : undefined;
  const options = (align: 'left' | 'right') => ({ align, fill, topRule: total });
  const width = (i: number) => widths[i] ?? 0;
  const objective = row.code
    ? [
        { text: `${row.code} `, bold: true },
        { text: row.text, bold: total },
      ]
    : [{ text: row.text, bold: total }];
  return new TableRow({
    cantSplit: true,
    children: [
      cell(objective, width(0), options('left')),
      cell([{ text: String(row.activities), bold: total }], width(1), options('right')),
      ...statuses.map((status, i) =>
        cell([{ text: String(row.counts[status]), bold: total }], width(2 + i), options('right')),
      ),
      cell(
        [{ text: `${row.covered}/${row.assigned} (${formatPercent(row.coverage, report.locale)})`, bold: total }],
        width(2 + statuses.length),
        options('right'),
      ),
      ...(statuses.length > 0
        ? [
            cell(
              [{ text: formatPercent(row.progress, report.locale), bold: total }],
              width(3 + statuses.length),
              options('right'),
            ),
          ]
        : []),
    ],
  });
}

export function annexTable(report: ConsolidatedReport): Table {
  const { labels } = report;
  const { statuses } = report.annex;
  const width = textWidth('landscape', report.document.paper);
  const widths = columnWidths(width, statuses.length, statuses.length > 0);
  const headerTexts = [
    labels.objective,
    labels.activities,
    ...statuses.map((s) => labels.statuses[s]),
    labels.coverage,
    ...(statuses.length > 0 ? [labels.progress] : []),
  ];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headerTexts.map((text, i) =>
      cell([{ text, bold: true, color: 'FFFFFF', size: 14 }], widths[i] ?? 0, {
        align: i === 0 ? 'left' : 'center',
        fill: COLORS.brand,
        tight: true,
      }),
    ),
  });
  const { rows, total } = annexRows(report);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      header,
      ...rows.map((row, i) => bodyRow(row, widths, report, i % 2 === 0 ? 'odd' : 'even')),
      bodyRow(total, widths, report, 'total'),
    ],
  });
}

async function figure(
  svg: string,
  caption: string,
  name: string,
  rasterize: Rasterize,
  paper: Paper,
): Promise<Paragraph[]> {
  const maxWidth = twipsToPixels(textWidth('landscape', paper));
  const size = fitInto(svgSize(svg), maxWidth, 500);
  const png = await rasterize(svg, Math.min(2400, size.width * 2));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 360, after: 0 },
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(svg, 'utf8'),
          fallback: { type: 'png', data: png },
          transformation: size,
          altText: { name, title: caption, description: caption },
        }),
      ],
    }),
    new Paragraph({ text: caption, style: 'Caption' }),
  ];
}

/** The annex: heading, introduction, table and, when they can be rasterized, the figures with their captions. */
export async function annexParagraphs(
  report: ConsolidatedReport,
  rasterize?: Rasterize,
): Promise<(Paragraph | Table)[]> {
  const { labels } = report;
  const out: (Paragraph | Table)[] = [
    new Paragraph({ text: labels.annex, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: labels.annexIntro }),
    annexTable(report),
  ];
  // Without a rasterizer there is no PNG for applications that can't show SVG: the table says it all.
  if (!rasterize) return out;
  const figures = [
    { svg: report.figures.statusChart, caption: labels.figureChart, name: 'status-chart' },
    { svg: report.figures.map, caption: labels.figureMap, name: 'map' },
  ].filter((f) => f.svg.trim() !== '');
  const drawn = await Promise.all(
    figures.map((f) => figure(f.svg, f.caption, f.name, rasterize, report.document.paper)),
  );
  for (const paragraphs of drawn) out.push(...paragraphs);
  return out;
}
