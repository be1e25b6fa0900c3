/**
 * The consolidated annual report as data: what the secretariat used to paste
 * together by hand (seed 002), composed once and rendered to Word, Excel,
 * HTML and CSV. Texts are final (in the requested language); rich texts are
 * sanitized HTML (p, br, strong/b, em/i, u, ul/ol/li, a, blockquote, h3, h4).
 */
import type { ItemStatus } from './status.ts';

export type ChapterGroup = 'oas' | 'specialized' | 'states' | 'others';

export type ReportEntryBlock = {
  /** The activity's code, or null where the chapter is all about one item (its own section): no heading then. */
  code: string | null;
  itemText: string | null;
  mandate: string | null;
  carriedOut: string;
  planned: string;
  status: ItemStatus | null;
};

export type Chapter = {
  /** Heading as it will print: "A. Comisión Interamericana de Derechos Humanos (CIDH)". */
  heading: string;
  group: ChapterGroup;
  /**
   * The group the secretariat printed the chapter under, with its heading
   * ("E. Secretaría Ejecutiva para el Desarrollo Integral"); null for a chapter on its own.
   */
  parent: { key: string; heading: string } | null;
  actor: { key: string; name: string; acronym: string | null; iso: string | null };
  /** In a draft edition: the report is not accepted yet (its state, translated), so it is marked. */
  pending: string | null;
  late: boolean;
  entries: ReportEntryBlock[];
  sections: { bestPractices: string; newProposals: string; calendar: string };
};

export type StatusCounts = Record<ItemStatus | 'none', number>;

export type ObjectiveProgress = {
  code: string;
  text: string;
  level: string;
  /** Statuses of the activities serving the objective (leaf items), as assessed in this cycle. */
  counts: StatusCounts;
  activities: number;
  /** Assigned activity × actor pairs with an entry that says something, of all such pairs. */
  covered: number;
  assigned: number;
  /** Share (0–1) of live activities completed or continuous. */
  progress: number;
};

export type MatrixRow = { actor: string; actorKey: string; cells: Record<string, ItemStatus | 'none' | null> };
export type MatrixSheet = {
  level: string;
  levelName: string;
  codes: { code: string; text: string }[];
  rows: MatrixRow[];
};

export type ConsolidatedReport = {
  locale: 'es' | 'en';
  edition: 'published' | 'draft';
  title: string;
  subtitle: string;
  programme: {
    title: string;
    shortTitle: string;
    adoptionReference: string | null;
    adoptionDate: string | null;
    edition: string;
  };
  period: string;
  generatedOn: string;
  /**
   * The document block the secretariat set for the cycle, printed at the top
   * right of the title page (the symbol a line each, its date), and the paper.
   */
  document: { symbol: string[]; date: string | null; paper: 'letter' | 'a4' };
  /**
   * Where the texts (introduction, chapters…) are in another language than
   * the report's, as until a translation is entered: that language (BCP 47)
   * and the note that says so ("Original: Spanish").
   */
  original: { language: string; note: string } | null;
  introduction: string[];
  background: string[];
  conclusion: string[];
  structure: {
    /** The programme's own text on its objectives and structure, as it wrote it; when there is none, what follows. */
    texts: { heading: string; paragraphs: string[] }[];
    levels: { name: string; count: number }[];
    objectives: { code: string; text: string; level: string }[];
  };
  chapters: Chapter[];
  /** The addressees without an accepted report (in a draft, without a submitted one); empty, the part is left out. */
  notReported: { name: string; type: string }[];
  annex: {
    /** What the rows are: the programme's objectives, or its sections where it has no objectives. */
    rows: 'objectives' | 'sections';
    /** The columns of statuses to print, in order; none where no activity's status is known. */
    statuses: (ItemStatus | 'none')[];
    objectives: ObjectiveProgress[];
    totals: StatusCounts;
    covered: number;
    assigned: number;
  };
  /** The actor × item matrix, one sheet per programme level. */
  matrix: MatrixSheet[];
  /** Every heading and label the renderers print, in the report's language. */
  labels: ReportLabels;
  /** Accessible SVG, drawn on the server; empty where a figure would say nothing. */
  figures: { statusChart: string; map: string };
};

export type ReportLabels = {
  titlePage: string;
  adoption: string;
  period: string;
  generatedOn: string;
  draftNotice: string;
  contents: string;
  introduction: string;
  background: string;
  structure: string;
  objectives: string;
  chapters: string;
  groups: Record<ChapterGroup, string>;
  mandate: string;
  carriedOut: string;
  planned: string;
  statusAssessment: string;
  bestPractices: string;
  newProposals: string;
  calendar: string;
  pending: string;
  late: string;
  noInformation: string;
  annex: string;
  annexIntro: string;
  objective: string;
  activities: string;
  coverage: string;
  progress: string;
  total: string;
  statuses: Record<ItemStatus | 'none', string>;
  figureChart: string;
  figureMap: string;
  notReported: string;
  conclusion: string;
  matrix: string;
  actor: string;
  code: string;
  text: string;
  /** What only the Excel workbook prints: its summary sheet, the matrix's legend, the texts sheet. */
  workbook: {
    summary: string;
    keyFigures: string;
    sheets: string;
    legend: string;
    notAssigned: string;
    part: string;
    reportText: string;
    document: string;
    chapterCount: string;
    reportedActivities: string;
    continued: string;
    matrixAbout: string;
    textsAbout: string;
  };
};

/** The period after a one-year period ("2008" → "2009"), as the report's "planned for" heading names it; null otherwise. */
export function nextPeriod(period: string): string | null {
  return /^\d{4}$/.test(period) ? String(Number(period) + 1) : null;
}

/** A, B, … Z, AA, AB…: chapter letters as the annual reports print them. */
export function chapterLetter(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

/** The group of chapters of actors that are not the organization's own ("H. Actores adicionales del Programa"). */
export const ADDITIONAL_ACTORS = 'additional';

export type ChapterNumber = {
  /** "C." for a chapter on its own, "E.2" for the second of a group. */
  number: string;
  /** The group it is printed under, with the group's letter ("E"), or null. */
  group: { key: string; letter: string } | null;
  /** Whether the group's heading goes before this chapter (its first). */
  opensGroup: boolean;
};

/**
 * The numbers of the chapters, as the 2008 report numbers them: chapters on
 * their own and groups take letters in turn (A–D, then E for a group), and
 * the chapters of a group the group's letter and their place in it (E.1,
 * E.2). A group is a run of consecutive chapters with the same key.
 */
export function chapterNumbers(groups: (string | null)[]): ChapterNumber[] {
  let letters = 0;
  let inGroup = 0;
  let current: { key: string; letter: string } | null = null;
  return groups.map((key) => {
    if (key === null) {
      current = null;
      return { number: `${chapterLetter(letters++)}.`, group: null, opensGroup: false };
    }
    const opensGroup = current?.key !== key;
    if (opensGroup) {
      current = { key, letter: chapterLetter(letters++) };
      inGroup = 0;
    }
    inGroup += 1;
    const group = current as { key: string; letter: string };
    return { number: `${group.letter}.${inGroup}`, group, opensGroup };
  });
}

/** The number a written chapter heading starts with: "A.", "E.1", "H.2.". */
const HEADING_NUMBER = /^([A-Z]{1,2}(?:\.\d+)*\.?)\s/;

/**
 * A chapter's heading in the report's language: the one written for it
 * when written in that language; otherwise the written one's number (or the
 * chapter's letter) and the actor's name there, never a heading in another
 * language.
 */
export function chapterHeading(chapter: {
  written: string | null;
  writtenInReportLanguage: boolean;
  /** The chapter's number where no heading was written ("C.", "E.2"). */
  number: string;
  name: string;
  acronym: string | null;
}): string {
  const { written, name, acronym } = chapter;
  if (written && chapter.writtenInReportLanguage) return written;
  const number = (written && HEADING_NUMBER.exec(written)?.[1]) || chapter.number;
  return `${number} ${name}${acronym && acronym !== name ? ` (${acronym})` : ''}`;
}
