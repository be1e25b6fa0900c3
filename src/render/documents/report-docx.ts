/**
 * The consolidated annual report as a Word document, shaped like the 2008
 * report (seed 002): title page, contents, I. Introduction, II. Background,
 * III. Objectives and structure, IV. Annual report on activities (a chapter
 * per actor), V. Actors that did not report, VI. Conclusion, and the annex
 * (progress by objective, figures) on landscape pages.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  type Table,
  TableOfContents,
  TextRun,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { annexParagraphs, type Rasterize } from './report-docx-annex.ts';
import { outlineParagraphs } from './report-docx-body.ts';
import { COLORS, headersAndFooters, languageTag, pageProperties, reportStyles } from './report-docx-styles.ts';
import { outlineLength, reportOutline } from './report-outline.ts';
import { createRichTextContext, RICH_TEXT_NUMBERING } from './rich-text-docx.ts';

export type { Rasterize } from './report-docx-annex.ts';

/** Characters of text up to which the contents get their page numbers (the 2008 report has 140,000: 41 pages). */
export const PAGINATE_UP_TO = 250_000;

export type ReportDocxOptions = {
  /** SVG → PNG, for the figures; without it the annex has the table and no figures. */
  rasterize?: Rasterize;
};

function titlePage(report: ConsolidatedReport): Paragraph[] {
  const { labels, programme } = report;
  const detail = (label: string, value: string) =>
    new Paragraph({
      style: 'TitleDetail',
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value })],
    });
  // The document block, at the top right as the OAS prints it: the symbol a line each, then the date.
  const block = [...report.document.symbol, ...(report.document.date ? [report.document.date] : [])].map(
    (line, i, lines) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { after: i === lines.length - 1 ? 480 : 0 },
        children: [new TextRun({ text: line, size: 20 })],
      }),
  );
  const out = [
    ...block,
    new Paragraph({ text: labels.titlePage, style: 'Kicker' }),
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: report.subtitle, style: 'Subtitle' }),
    new Paragraph({
      spacing: { after: 240 },
      border: { top: { style: BorderStyle.SINGLE, size: 8, color: COLORS.brand, space: 12 } },
      children: [new TextRun({ text: programme.title, italics: true, size: 24 })],
    }),
  ];
  const adoption = [programme.adoptionReference, programme.adoptionDate].filter(Boolean).join(', ');
  if (adoption) out.push(detail(labels.adoption, adoption));
  out.push(detail(labels.period, report.period), detail(labels.generatedOn, report.generatedOn));
  if (report.original) out.push(new Paragraph({ text: report.original.note, style: 'TitleDetail' }));
  if (report.edition === 'draft') {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 720 },
        shading: { fill: COLORS.draftSoft },
        border: {
          top: { style: BorderStyle.SINGLE, size: 12, color: COLORS.draft, space: 6 },
          bottom: { style: BorderStyle.SINGLE, size: 12, color: COLORS.draft, space: 6 },
          left: { style: BorderStyle.SINGLE, size: 12, color: COLORS.draft, space: 6 },
          right: { style: BorderStyle.SINGLE, size: 12, color: COLORS.draft, space: 6 },
        },
        children: [new TextRun({ text: labels.draftNotice, bold: true, size: 26, color: COLORS.draft })],
      }),
    );
  }
  return out;
}

function contents(report: ConsolidatedReport): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ text: report.labels.contents, style: 'TOCHeading', pageBreakBefore: true }),
    new TableOfContents(report.labels.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

export async function renderReportDocx(report: ConsolidatedReport, options: ReportDocxOptions = {}): Promise<Buffer> {
  // Texts not yet translated are marked in their language, for spelling.
  const context = createRichTextContext(report.original ? languageTag(report.original.language) : undefined);
  const annex: (Paragraph | Table)[] = await annexParagraphs(report, options.rasterize);
  const outline = reportOutline(report);
  const document = new Document({
    title: report.title,
    subject: report.programme.title,
    creator: 'Enlace',
    description: report.subtitle,
    // The contents are written with their page numbers, laid out as Word lays the pages out, so Word and
    // LibreOffice show them at once. Laying out takes about 80 ms a page: past PAGINATE_UP_TO, the numbers
    // are left to Word, which fills them in on opening (the PDF edition has them at any length).
    ...(outlineLength(outline) <= PAGINATE_UP_TO
      ? { pageNumbers: estimatePageNumbersWith({ guess: true }) }
      : { features: { updateFields: true } }),
    styles: reportStyles(report.locale),
    numbering: { config: RICH_TEXT_NUMBERING },
    sections: [
      {
        properties: { ...pageProperties('portrait', report.document.paper), titlePage: true },
        ...headersAndFooters(report, 'portrait', true),
        children: [...titlePage(report), ...contents(report), ...outlineParagraphs(outline, context)],
      },
      {
        properties: pageProperties('landscape', report.document.paper),
        ...headersAndFooters(report, 'landscape', false),
        children: annex,
      },
    ],
  });
  return Packer.toBuffer(document);
}
