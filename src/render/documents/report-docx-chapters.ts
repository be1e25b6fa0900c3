/**
 * Section IV of the consolidated report in Word, as in the 2008 report: a
 * Heading 2 per actor chapter and inside it a Heading 3 per part (mandated,
 * carried out, planned, best practices, new proposals, calendar), each
 * entry's activity in bold before its text.
 */
import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { Chapter, ConsolidatedReport, ReportEntryBlock } from '../../domain/consolidated-report.ts';
import { blocksToParagraphs, type RichTextContext } from './rich-text-docx.ts';
import { parseRichText, type RichBlock } from './rich-text-parse.ts';

type Labels = ConsolidatedReport['labels'];

const heading3 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const noInformation = (labels: Labels) => new Paragraph({ text: labels.noInformation, style: 'NoInformation' });

function entryHeading(entry: ReportEntryBlock): Paragraph | null {
  if (entry.code === null) return null;
  const text = entry.itemText ? `${entry.code} — ${entry.itemText}` : entry.code;
  return new Paragraph({ text, style: 'EntryHeading' });
}

function statusLine(entry: ReportEntryBlock, labels: Labels): Paragraph | null {
  if (entry.status === null) return null;
  return new Paragraph({
    style: 'StatusLine',
    children: [
      new TextRun({ text: `${labels.statusAssessment}: ` }),
      new TextRun({ text: labels.statuses[entry.status], bold: true }),
    ],
  });
}

type ParsedEntry = { entry: ReportEntryBlock; mandate: RichBlock[]; carriedOut: RichBlock[]; planned: RichBlock[] };

function chapterNote(chapter: Chapter, labels: Labels, original: string | undefined): Paragraph | null {
  const notes: string[] = original ? [original] : [];
  if (chapter.pending) notes.push(`${labels.pending}: ${chapter.pending}`);
  if (chapter.late) notes.push(labels.late);
  if (notes.length === 0) return null;
  return new Paragraph({ text: notes.join(' · '), style: 'ChapterNote' });
}

/**
 * One chapter: its heading, its note when pending, late or in another
 * language than the report's (`original`), and the parts that say something.
 */
export function chapterParagraphs(
  chapter: Chapter,
  labels: Labels,
  context: RichTextContext,
  original?: string,
): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ text: chapter.heading, heading: HeadingLevel.HEADING_2 })];
  const note = chapterNote(chapter, labels, original);
  if (note) out.push(note);

  const entries: ParsedEntry[] = chapter.entries.map((entry) => ({
    entry,
    mandate: parseRichText(entry.mandate),
    carriedOut: parseRichText(entry.carriedOut),
    planned: parseRichText(entry.planned),
  }));
  const sections: [string, RichBlock[]][] = [
    [labels.bestPractices, parseRichText(chapter.sections.bestPractices)],
    [labels.newProposals, parseRichText(chapter.sections.newProposals)],
    [labels.calendar, parseRichText(chapter.sections.calendar)],
  ];
  const saysSomething =
    entries.some((e) => e.mandate.length + e.carriedOut.length + e.planned.length > 0 || e.entry.status !== null) ||
    sections.some(([, blocks]) => blocks.length > 0);
  if (!saysSomething) {
    out.push(noInformation(labels));
    return out;
  }

  const withMandate = entries.filter((e) => e.mandate.length > 0);
  if (withMandate.length > 0) {
    out.push(heading3(labels.mandate));
    for (const e of withMandate) {
      const heading = entryHeading(e.entry);
      if (heading) out.push(heading);
      out.push(...blocksToParagraphs(e.mandate, context));
    }
  }

  // Every activity of the chapter is listed here, so a reader sees what was not reported on.
  if (entries.length > 0) {
    out.push(heading3(labels.carriedOut));
    for (const e of entries) {
      const heading = entryHeading(e.entry);
      if (!heading && e.carriedOut.length === 0 && entries.length > 1) continue;
      if (heading) out.push(heading);
      if (e.carriedOut.length > 0) out.push(...blocksToParagraphs(e.carriedOut, context));
      else out.push(noInformation(labels));
      const status = statusLine(e.entry, labels);
      if (status) out.push(status);
    }
  }

  const withPlans = entries.filter((e) => e.planned.length > 0);
  if (withPlans.length > 0) {
    out.push(heading3(labels.planned));
    for (const e of withPlans) {
      const heading = entryHeading(e.entry);
      if (heading) out.push(heading);
      out.push(...blocksToParagraphs(e.planned, context));
    }
  }

  for (const [title, blocks] of sections) {
    if (blocks.length === 0) continue;
    out.push(heading3(title));
    out.push(...blocksToParagraphs(blocks, context));
  }
  return out;
}

/** Section IV: the chapters in their order, a divider where the group of actors changes. */
export function chaptersParagraphs(report: ConsolidatedReport, context: RichTextContext): Paragraph[] {
  const out: Paragraph[] = [];
  const grouped = new Set(report.chapters.map((c) => c.group)).size > 1;
  let group: Chapter['group'] | null = null;
  for (const chapter of report.chapters) {
    if (grouped && chapter.group !== group) {
      out.push(new Paragraph({ text: report.labels.groups[chapter.group], style: 'GroupLabel' }));
      group = chapter.group;
    }
    for (const paragraph of chapterParagraphs(chapter, report.labels, context, report.original?.note))
      out.push(paragraph);
  }
  return out;
}
