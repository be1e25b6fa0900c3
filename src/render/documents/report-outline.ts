/**
 * The body of the consolidated report as a list of blocks, in the order and
 * with the numbering both editions print (Word and PDF): I. Introduction …
 * VI. Conclusion, the chapters of part IV with their parts (mandated,
 * carried out, planned, best practices, new proposals, calendar). What is
 * said and in what order is decided here once; each renderer only gives the
 * blocks their look.
 */
import type { Chapter, ConsolidatedReport, ReportEntryBlock } from '../../domain/consolidated-report.ts';
import { parseRichText, type RichBlock } from './rich-text-parse.ts';

export type OutlineBlock =
  /** 1: a numbered part ("IV. Informe anual…"); 2: a chapter or a section of part III; 3: a part of a chapter. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; pageBreak: boolean }
  /** The label above the chapters of one group of actors. */
  | { kind: 'group'; text: string }
  /** Under a chapter heading: pending, late, or written in another language. */
  | { kind: 'chapterNote'; text: string }
  /** The activity an entry is about, in bold, before its text. */
  | { kind: 'entry'; text: string }
  /** Text as its author wrote it (in the original language where the report marks one). */
  | { kind: 'rich'; blocks: RichBlock[] }
  /** A paragraph of the programme's own text. */
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; label: string | null; text: string }
  | { kind: 'objective'; code: string; text: string }
  | { kind: 'noInformation'; text: string }
  | { kind: 'status'; label: string; value: string };

type Labels = ConsolidatedReport['labels'];

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

const heading = (level: 1 | 2 | 3, text: string): OutlineBlock => ({ kind: 'heading', level, text, pageBreak: false });

function richBlocks(texts: string[]): OutlineBlock[] {
  return texts
    .map((text) => parseRichText(text))
    .flatMap((blocks) => (blocks.length ? [{ kind: 'rich', blocks }] : []));
}

function entryHeading(entry: ReportEntryBlock): OutlineBlock[] {
  if (entry.code === null) return [];
  return [{ kind: 'entry', text: entry.itemText ? `${entry.code} — ${entry.itemText}` : entry.code }];
}

/** Section III: the programme's own words on its objectives and structure; without them, its levels and objectives. */
function structureBlocks(report: ConsolidatedReport): OutlineBlock[] {
  const { structure, labels } = report;
  if (structure.texts.length > 0) {
    return structure.texts.flatMap((text) => [
      heading(2, text.heading),
      ...text.paragraphs.map((paragraph): OutlineBlock => ({ kind: 'paragraph', text: paragraph })),
    ]);
  }
  const out: OutlineBlock[] = structure.levels.map((level) => ({
    kind: 'bullet',
    label: level.name,
    text: String(level.count),
  }));
  if (structure.objectives.length > 0) {
    out.push(heading(2, labels.objectives));
    for (const objective of structure.objectives)
      out.push({ kind: 'objective', code: objective.code, text: objective.text });
  }
  return out;
}

function chapterNote(chapter: Chapter, labels: Labels, original: string | undefined): OutlineBlock[] {
  const notes: string[] = original ? [original] : [];
  if (chapter.pending) notes.push(`${labels.pending}: ${chapter.pending}`);
  if (chapter.late) notes.push(labels.late);
  return notes.length ? [{ kind: 'chapterNote', text: notes.join(' · ') }] : [];
}

type ParsedEntry = { entry: ReportEntryBlock; mandate: RichBlock[]; carriedOut: RichBlock[]; planned: RichBlock[] };

const rich = (blocks: RichBlock[]): OutlineBlock => ({ kind: 'rich', blocks });

/**
 * One chapter: its heading, its note when pending, late or in another
 * language than the report's (`original`), and the parts that say something.
 */
export function chapterBlocks(chapter: Chapter, labels: Labels, original?: string): OutlineBlock[] {
  const out: OutlineBlock[] = [heading(2, chapter.heading), ...chapterNote(chapter, labels, original)];
  const noInformation: OutlineBlock = { kind: 'noInformation', text: labels.noInformation };
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
  if (!saysSomething) return [...out, noInformation];

  const withMandate = entries.filter((e) => e.mandate.length > 0);
  if (withMandate.length > 0) {
    out.push(heading(3, labels.mandate));
    for (const e of withMandate) out.push(...entryHeading(e.entry), rich(e.mandate));
  }

  // Every activity of the chapter is listed here, so a reader sees what was not reported on.
  if (entries.length > 0) {
    out.push(heading(3, labels.carriedOut));
    for (const e of entries) {
      const entryLine = entryHeading(e.entry);
      if (entryLine.length === 0 && e.carriedOut.length === 0 && entries.length > 1) continue;
      out.push(...entryLine, e.carriedOut.length > 0 ? rich(e.carriedOut) : noInformation);
      if (e.entry.status !== null)
        out.push({ kind: 'status', label: labels.statusAssessment, value: labels.statuses[e.entry.status] });
    }
  }

  const withPlans = entries.filter((e) => e.planned.length > 0);
  if (withPlans.length > 0) {
    out.push(heading(3, labels.planned));
    for (const e of withPlans) out.push(...entryHeading(e.entry), rich(e.planned));
  }

  for (const [title, blocks] of sections) {
    if (blocks.length > 0) out.push(heading(3, title), rich(blocks));
  }
  return out;
}

/**
 * Whether to label the chapters by the type of their actors: only where the
 * secretariat grouped none and each type's chapters come together, so a
 * label is never printed twice.
 */
function labelledByType(chapters: Chapter[]): boolean {
  if (chapters.some((c) => c.parent !== null)) return false;
  const runs = chapters.filter((c, i) => c.group !== chapters[i - 1]?.group).map((c) => c.group);
  return runs.length > 1 && new Set(runs).size === runs.length;
}

/**
 * Section IV: the chapters in their order; the heading of a group the
 * secretariat set before its first chapter ("E. Secretaría Ejecutiva para el
 * Desarrollo Integral"), or else a label where the type of actors changes.
 */
function chaptersBlocks(report: ConsolidatedReport): OutlineBlock[] {
  const out: OutlineBlock[] = [];
  const byType = labelledByType(report.chapters);
  for (const [i, chapter] of report.chapters.entries()) {
    const previous = report.chapters[i - 1];
    if (byType && chapter.group !== previous?.group)
      out.push({ kind: 'group', text: report.labels.groups[chapter.group] });
    if (chapter.parent && chapter.parent.heading !== previous?.parent?.heading)
      out.push(heading(2, chapter.parent.heading));
    out.push(...chapterBlocks(chapter, report.labels, report.original?.note));
  }
  return out;
}

/** The numbered parts of the body; a part with nothing to say is left out and the numbers close up. */
export function reportOutline(report: ConsolidatedReport): OutlineBlock[] {
  const { labels } = report;
  const parts: [string, OutlineBlock[]][] = [
    [labels.introduction, richBlocks(report.introduction)],
    [labels.background, richBlocks(report.background)],
    [labels.structure, structureBlocks(report)],
    [labels.chapters, chaptersBlocks(report)],
    [labels.notReported, report.notReported.map((actor) => ({ kind: 'bullet', label: null, text: actor.name }))],
    [labels.conclusion, richBlocks(report.conclusion)],
  ];
  const out: OutlineBlock[] = [];
  let number = 0;
  for (const [title, blocks] of parts) {
    if (blocks.length === 0) continue;
    const prefix = ROMAN[number] ?? String(number + 1);
    number += 1;
    out.push({ kind: 'heading', level: 1, text: `${prefix}. ${title}`, pageBreak: number === 1 }, ...blocks);
  }
  return out;
}

/** The characters of text in the blocks: how long the document is, before it is laid out. */
export function outlineLength(blocks: OutlineBlock[]): number {
  let length = 0;
  for (const block of blocks) {
    if (block.kind === 'rich') {
      for (const rich of block.blocks)
        for (const inline of rich.inlines) if ('text' in inline) length += inline.text.length;
    } else if ('text' in block) length += block.text.length;
  }
  return length;
}
