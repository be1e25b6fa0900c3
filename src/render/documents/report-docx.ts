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
  TabStopType,
  TextRun,
} from 'docx';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { annexParagraphs, type Rasterize } from './report-docx-annex.ts';
import { chaptersParagraphs } from './report-docx-chapters.ts';
import { COLORS, headersAndFooters, languageTag, pageProperties, reportStyles } from './report-docx-styles.ts';
import {
  BULLET_REFERENCE,
  createRichTextContext,
  RICH_TEXT_NUMBERING,
  type RichTextContext,
  richTextToParagraphs,
} from './rich-text-docx.ts';

export type { Rasterize } from './report-docx-annex.ts';

export type ReportDocxOptions = {
  /** SVG → PNG, for the figures; without it the annex has the table and no figures. */
  rasterize?: Rasterize;
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

function titlePage(report: ConsolidatedReport): Paragraph[] {
  const { labels, programme } = report;
  const detail = (label: string, value: string) =>
    new Paragraph({
      style: 'TitleDetail',
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value })],
    });
  const out = [
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

function textParagraphs(texts: string[], context: RichTextContext): Paragraph[] {
  return texts.flatMap((text) => richTextToParagraphs(text, context));
}

/** Section III: the programme's own words on its objectives and structure; without them, its levels and objectives. */
function structureParagraphs(report: ConsolidatedReport): Paragraph[] {
  const { structure, labels } = report;
  if (structure.texts.length > 0) {
    return structure.texts.flatMap((text) => [
      new Paragraph({ text: text.heading, heading: HeadingLevel.HEADING_2 }),
      ...text.paragraphs.map((paragraph) => new Paragraph({ text: paragraph })),
    ]);
  }
  const out: Paragraph[] = structure.levels.map(
    (level) =>
      new Paragraph({
        numbering: { reference: BULLET_REFERENCE, level: 0 },
        spacing: { after: 60 },
        children: [new TextRun({ text: `${level.name}: `, bold: true }), new TextRun({ text: String(level.count) })],
      }),
  );
  if (structure.objectives.length > 0) {
    out.push(new Paragraph({ text: labels.objectives, heading: HeadingLevel.HEADING_2 }));
    for (const objective of structure.objectives) {
      out.push(
        new Paragraph({
          indent: { left: 567, hanging: 567 },
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${objective.code}\t`, bold: true, color: COLORS.brand }),
            new TextRun({ text: objective.text }),
          ],
          tabStops: [{ type: TabStopType.LEFT, position: 567 }],
        }),
      );
    }
  }
  return out;
}

/** Section V, left out (empty) when every addressee reported: the report says nothing it does not know. */
function notReportedParagraphs(report: ConsolidatedReport): Paragraph[] {
  return report.notReported.map(
    (actor) =>
      new Paragraph({
        numbering: { reference: BULLET_REFERENCE, level: 0 },
        spacing: { after: 40 },
        children: [new TextRun({ text: actor.name })],
      }),
  );
}

/** The numbered parts of the body; a part with nothing to say is left out and the numbers close up. */
function body(report: ConsolidatedReport, context: RichTextContext): Paragraph[] {
  const { labels } = report;
  const parts: [string, Paragraph[]][] = [
    [labels.introduction, textParagraphs(report.introduction, context)],
    [labels.background, textParagraphs(report.background, context)],
    [labels.structure, structureParagraphs(report)],
    [labels.chapters, chaptersParagraphs(report, context)],
    [labels.notReported, notReportedParagraphs(report)],
    [labels.conclusion, textParagraphs(report.conclusion, context)],
  ];
  const out: Paragraph[] = [];
  let number = 0;
  for (const [title, paragraphs] of parts) {
    if (paragraphs.length === 0) continue;
    const prefix = ROMAN[number] ?? String(number + 1);
    number += 1;
    out.push(
      new Paragraph({ text: `${prefix}. ${title}`, heading: HeadingLevel.HEADING_1, pageBreakBefore: number === 1 }),
    );
    for (const paragraph of paragraphs) out.push(paragraph);
  }
  return out;
}

export async function renderReportDocx(report: ConsolidatedReport, options: ReportDocxOptions = {}): Promise<Buffer> {
  // Texts not yet translated are marked in their language, for spelling.
  const context = createRichTextContext(report.original ? languageTag(report.original.language) : undefined);
  const annex: (Paragraph | Table)[] = await annexParagraphs(report, options.rasterize);
  const document = new Document({
    title: report.title,
    subject: report.programme.title,
    creator: 'Enlace',
    description: report.subtitle,
    features: { updateFields: true },
    styles: reportStyles(report.locale),
    numbering: { config: RICH_TEXT_NUMBERING },
    sections: [
      {
        properties: { ...pageProperties('portrait'), titlePage: true },
        ...headersAndFooters(report, 'portrait', true),
        children: [...titlePage(report), ...contents(report), ...body(report, context)],
      },
      {
        properties: pageProperties('landscape'),
        ...headersAndFooters(report, 'landscape', false),
        children: annex,
      },
    ],
  });
  return Packer.toBuffer(document);
}
