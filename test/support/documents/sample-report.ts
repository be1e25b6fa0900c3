/**
 * A realistic consolidated report for the renderers' tests: organs and
 * Member States reporting on a programme of 12 objectives and 22 activities,
 * with rich texts (paragraphs, lists, links, emphasis, entities), plain texts,
 * a pending and a late chapter, actors that did not report, a two-level
 * matrix and small SVG figures. Deterministic: the same options give the same
 * report.
 */
import type {
  Chapter,
  ConsolidatedReport,
  MatrixSheet,
  ObjectiveProgress,
  ReportEntryBlock,
  StatusCounts,
} from '../../../src/domain/consolidated-report.ts';
import { ITEM_STATUSES, type ItemStatus, rollUpStatus, summarizeStatuses } from '../../../src/domain/status.ts';
import {
  SAMPLE_ACTIVITIES,
  SAMPLE_FRAME,
  SAMPLE_OBJECTIVES,
  SAMPLE_ORGANS,
  SAMPLE_SENTENCES,
  SAMPLE_STATES,
  type SampleActor,
} from './sample-report-data.ts';
import { SAMPLE_LABELS } from './sample-report-labels.ts';

export type SampleReportOptions = {
  /** Member States that report (0–35); 4 by default. */
  states?: number;
  /** Words of each entry's texts (carried out and planned together); 60 by default. */
  wordsPerEntry?: number;
  edition?: 'published' | 'draft';
};

type Locale = 'es' | 'en';

/** Activities (indexes into SAMPLE_ACTIVITIES) the Programme assigns to each organ; States get all of them. */
const ORGAN_ACTIVITIES: Record<string, number[]> = {
  iachr: [0, 10, 11, 21],
  cim: [6, 7],
  ddse: [4, 12, 13],
  paho: [14],
  iin: [8, 9, 15],
  iom: [2, 3, 16, 17, 18],
};

function random(seedText: string): () => number {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function sentences(rng: () => number, locale: Locale, actor: string, words: number): string[] {
  const out: string[] = [];
  let count = 0;
  while (count < words) {
    const sentence = pick(rng, SAMPLE_SENTENCES[locale]).replace('{state}', actor);
    out.push(sentence);
    count += sentence.split(/\s+/).length;
  }
  return out;
}

const LINK_SENTENCE: Record<Locale, string> = {
  es: 'Véase el informe &quot;Migración &amp; derechos humanos&quot; publicado en <a href="https://www.oas.org/es/cidh/migrantes/">el sitio de la Relatoría</a> y el artículo 5 (&lt;&lt;no devolución&gt;&gt;) de la ley.',
  en: 'See the report &quot;Migration &amp; human rights&quot; published on <a href="https://www.oas.org/en/iachr/migrants/">the Rapporteurship&#39;s website</a> and article 5 (&lt;&lt;non-refoulement&gt;&gt;) of the law.',
};

/** A report text of about `words` words: HTML most of the time, plain text with blank lines sometimes. */
function reportText(rng: () => number, locale: Locale, actor: string, words: number): string {
  if (words <= 0) return '';
  const parts = sentences(rng, locale, escapeHtml(actor), words);
  const style = rng();
  if (style < 0.2) {
    // As typed in a plain textarea: paragraphs apart by a blank line, one line break.
    const paragraphs: string[] = [];
    for (let i = 0; i < parts.length; i += 3) paragraphs.push(parts.slice(i, i + 3).join(' '));
    if (paragraphs.length > 1) paragraphs[0] = paragraphs[0]?.replace(/\. /, '.\n') ?? '';
    return paragraphs.join('\n\n');
  }
  const html: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const kind = rng();
    if (kind < 0.15 && parts.length - i >= 3) {
      const tag = rng() < 0.5 ? 'ul' : 'ol';
      html.push(
        `<${tag}>${parts
          .slice(i, i + 3)
          .map((s) => `<li>${s}</li>`)
          .join('')}</${tag}>`,
      );
      i += 3;
    } else {
      const chunk = parts.slice(i, i + 3);
      if (kind > 0.85 && chunk[0]) chunk[0] = `<strong>${chunk[0]}</strong>`;
      else if (kind > 0.7 && chunk[0]) chunk[0] = `<em>${chunk[0]}</em>`;
      html.push(`<p>${chunk.join(' ')}</p>`);
      i += 3;
    }
  }
  if (rng() < 0.3) html.push(`<p>${LINK_SENTENCE[locale]}</p>`);
  return html.join('\n');
}

const MANDATE: Record<Locale, string> = {
  es: 'El Programa encomienda a la {actor} apoyar a los Estados Miembros en esta actividad, en coordinación con la Secretaría General y las demás entidades de la OEA, e informar sobre ella a la <em>Comisión de Asuntos Jurídicos y Políticos</em>.',
  en: 'The Program asks {actor} to support the Member States in this activity, in coordination with the General Secretariat and the other OAS entities, and to report on it to the <em>Committee on Juridical and Political Affairs</em>.',
};

const STATUS_WEIGHTS: [ItemStatus | null, number][] = [
  ['in_progress', 0.3],
  ['completed', 0.2],
  ['continuous', 0.15],
  ['not_started', 0.1],
  ['pending_input', 0.08],
  ['cancelled', 0.04],
  [null, 0.13],
];

function randomStatus(rng: () => number): ItemStatus | null {
  let r = rng();
  for (const [status, weight] of STATUS_WEIGHTS) {
    r -= weight;
    if (r < 0) return status;
  }
  return null;
}

const activityCode = (index: number) => {
  const activity = SAMPLE_ACTIVITIES[index];
  const objective = activity?.objective ?? 0;
  const position = SAMPLE_ACTIVITIES.slice(0, index).filter((a) => a.objective === objective).length + 1;
  return `${objective + 1}.${position}`;
};

function letters(index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return index < 26 ? (alphabet[index] as string) : `${alphabet[Math.floor(index / 26) - 1]}${alphabet[index % 26]}`;
}

function buildChapter(actor: SampleActor, index: number, locale: Locale, words: number): Chapter {
  const name = actor.name[locale];
  const assigned = ORGAN_ACTIVITIES[actor.key] ?? SAMPLE_ACTIVITIES.map((_, i) => i);
  const entries: ReportEntryBlock[] = assigned.map((activity) => {
    const rng = random(`${actor.key}/${activity}/${locale}`);
    const status = randomStatus(rng);
    const text = SAMPLE_ACTIVITIES[activity]?.text[locale] ?? '';
    const said = status !== null;
    return {
      code: activityCode(activity),
      itemText: text,
      mandate:
        actor.group === 'states'
          ? null
          : `<p>${MANDATE[locale].replace('{actor}', escapeHtml(actor.acronym ?? name))}</p>`,
      carriedOut: said ? reportText(rng, locale, name, Math.round((words * 2) / 3)) : '',
      planned: said || rng() < 0.5 ? reportText(rng, locale, name, Math.round(words / 3)) : '',
      status,
    };
  });
  if (actor.key === 'cim') {
    const rng = random(`cim/general/${locale}`);
    entries.unshift({
      code: null,
      itemText: null,
      mandate: null,
      carriedOut: reportText(rng, locale, name, words),
      planned: '',
      status: null,
    });
  }
  const rng = random(`${actor.key}/sections/${locale}`);
  const section = (p: number) => (rng() < p ? reportText(rng, locale, name, Math.round(words / 2)) : '');
  const organ = actor.group !== 'states';
  return {
    heading: `${letters(index)}. ${name}${actor.acronym ? ` (${actor.acronym})` : ''}`,
    group: actor.group,
    parent: null,
    actor: { key: actor.key, name, acronym: actor.acronym, iso: actor.iso },
    pending: null,
    late: false,
    entries,
    sections: {
      bestPractices: section(organ ? 0.8 : 0.3),
      newProposals: section(organ ? 0.5 : 0.2),
      calendar: section(organ ? 0.6 : 0.2),
    },
  };
}

const emptyCounts = (): StatusCounts =>
  Object.fromEntries([...ITEM_STATUSES, 'none'].map((s) => [s, 0])) as StatusCounts;

/** Statuses by activity index, across the actors that report on it. */
function statusesByActivity(chapters: Chapter[]): Map<number, { status: ItemStatus | null; said: boolean }[]> {
  const byActivity = new Map<number, { status: ItemStatus | null; said: boolean }[]>();
  for (const chapter of chapters) {
    for (const entry of chapter.entries) {
      if (entry.code === null) continue;
      const index = SAMPLE_ACTIVITIES.findIndex((_, i) => activityCode(i) === entry.code);
      const list = byActivity.get(index) ?? [];
      list.push({ status: entry.status, said: entry.carriedOut.trim() !== '' || entry.planned.trim() !== '' });
      byActivity.set(index, list);
    }
  }
  return byActivity;
}

function annexOf(chapters: Chapter[], locale: Locale): ConsolidatedReport['annex'] {
  const byActivity = statusesByActivity(chapters);
  const totals = emptyCounts();
  let covered = 0;
  let assigned = 0;
  const objectives: ObjectiveProgress[] = SAMPLE_OBJECTIVES.map((objective, o) => {
    const counts = emptyCounts();
    const statuses: (ItemStatus | null)[] = [];
    let objectiveCovered = 0;
    let objectiveAssigned = 0;
    SAMPLE_ACTIVITIES.forEach((activity, a) => {
      if (activity.objective !== o) return;
      const reports = byActivity.get(a) ?? [];
      // The secretariat's assessment of the activity in this cycle.
      const status = reports.length === 0 ? null : randomStatus(random(`assessment/${a}`));
      statuses.push(status);
      counts[status ?? 'none'] += 1;
      totals[status ?? 'none'] += 1;
      objectiveAssigned += reports.length;
      objectiveCovered += reports.filter((r) => r.said).length;
    });
    covered += objectiveCovered;
    assigned += objectiveAssigned;
    return {
      code: String(o + 1),
      text: objective[locale],
      level: 'objective',
      counts,
      activities: statuses.length,
      covered: objectiveCovered,
      assigned: objectiveAssigned,
      progress: summarizeStatuses(statuses).progress,
    };
  });
  return { rows: 'objectives', statuses: [...ITEM_STATUSES, 'none'], objectives, totals, covered, assigned };
}

function matrixOf(chapters: Chapter[], locale: Locale): MatrixSheet[] {
  const [objectivesName, activitiesName] = SAMPLE_FRAME[locale].levels;
  const activityCodes = SAMPLE_ACTIVITIES.map((activity, i) => ({
    code: activityCode(i),
    text: activity.text[locale],
  }));
  const activityRows = chapters.map((chapter) => {
    const cells: Record<string, ItemStatus | 'none' | null> = {};
    for (const { code } of activityCodes) cells[code] = null;
    for (const entry of chapter.entries) if (entry.code) cells[entry.code] = entry.status ?? 'none';
    return { actor: chapter.actor.name, actorKey: chapter.actor.key, cells };
  });
  const objectiveRows = activityRows.map((row) => {
    const cells: Record<string, ItemStatus | 'none' | null> = {};
    SAMPLE_OBJECTIVES.forEach((_, o) => {
      const mine = SAMPLE_ACTIVITIES.flatMap((activity, a) =>
        activity.objective === o && row.cells[activityCode(a)] !== null ? [row.cells[activityCode(a)]] : [],
      );
      const statuses = mine.map((s) => (s === 'none' || s === undefined ? null : s));
      cells[String(o + 1)] = mine.length === 0 ? null : (rollUpStatus(statuses) ?? 'none');
    });
    return { ...row, cells };
  });
  return [
    {
      level: 'objective',
      levelName: objectivesName,
      codes: SAMPLE_OBJECTIVES.map((objective, o) => ({ code: String(o + 1), text: objective[locale] })),
      rows: objectiveRows,
    },
    { level: 'activity', levelName: activitiesName, codes: activityCodes, rows: activityRows },
  ];
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const FIGURE_COLORS: Record<ItemStatus | 'none', string> = {
  not_started: '#8a96a3',
  in_progress: '#2f6fb3',
  continuous: '#3f9a5a',
  completed: '#1e6b37',
  pending_input: '#d9a520',
  cancelled: '#b54848',
  none: '#d5dbe3',
};

function statusChartSvg(annex: ConsolidatedReport['annex'], title: string): string {
  const width = 760;
  const rowHeight = 22;
  const height = 20 + annex.objectives.length * rowHeight + 10;
  const max = Math.max(1, ...annex.objectives.map((o) => o.activities));
  const scale = (width - 80) / max;
  const bars = annex.objectives.map((objective, i) => {
    const y = 20 + i * rowHeight;
    let x = 60;
    const rects = [...ITEM_STATUSES, 'none' as const].map((status) => {
      const w = objective.counts[status] * scale;
      const rect = w > 0 ? `<rect x="${x}" y="${y}" width="${w}" height="16" fill="${FIGURE_COLORS[status]}"/>` : '';
      x += w;
      return rect;
    });
    return `<text x="50" y="${y + 12}" text-anchor="end" font-size="12">${escapeXml(objective.code)}</text>${rects.join('')}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="DejaVu Sans, Arial, sans-serif"><title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${bars.join('')}</svg>`;
}

function mapSvg(chapters: Chapter[], title: string): string {
  const reported = new Set(chapters.map((c) => c.actor.iso).filter((iso): iso is string => iso !== null));
  const columns = 9;
  const size = 44;
  const width = 20 + columns * (size + 6) + 10;
  const height = 30 + Math.ceil(SAMPLE_STATES.length / columns) * (size + 6);
  const tiles = SAMPLE_STATES.map((state, i) => {
    const x = 20 + (i % columns) * (size + 6);
    const y = 20 + Math.floor(i / columns) * (size + 6);
    const on = reported.has(state.iso ?? '');
    return `<rect x="${x}" y="${y}" width="${size}" height="${size}" rx="4" fill="${on ? '#2f6fb3' : '#d5dbe3'}"/><text x="${x + size / 2}" y="${y + size / 2 + 5}" text-anchor="middle" font-size="13" fill="${on ? '#ffffff' : '#36404c'}">${state.iso}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="DejaVu Sans, Arial, sans-serif"><title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${tiles.join('')}</svg>`;
}

export function sampleReport(locale: Locale, options: SampleReportOptions = {}): ConsolidatedReport {
  const stateCount = Math.max(0, Math.min(SAMPLE_STATES.length, options.states ?? 4));
  const words = options.wordsPerEntry ?? 60;
  const edition = options.edition ?? 'draft';
  const frame = SAMPLE_FRAME[locale];
  const labels = SAMPLE_LABELS[locale];
  const reporting = SAMPLE_STATES.slice(0, stateCount);
  const actors = [
    ...SAMPLE_ORGANS.filter((a) => a.group === 'oas'),
    ...SAMPLE_ORGANS.filter((a) => a.group === 'specialized'),
    ...reporting,
    ...SAMPLE_ORGANS.filter((a) => a.group === 'others'),
  ];
  const chapters = actors.map((actor, i) => buildChapter(actor, i, locale, words));
  const states = chapters.filter((c) => c.group === 'states');
  const pendingChapter = states[1] ?? chapters[1];
  const lateChapter = states[2] ?? chapters[2];
  if (edition === 'draft' && pendingChapter) pendingChapter.pending = frame.pending;
  if (lateChapter) lateChapter.late = true;

  const annex = annexOf(chapters, locale);
  const notReported = [
    ...SAMPLE_STATES.slice(stateCount, stateCount + 5).map((s) => ({
      name: s.name[locale],
      type: frame.notReportedType,
    })),
  ];
  return {
    locale,
    edition,
    title: frame.title,
    subtitle: frame.subtitle,
    programme: {
      title: frame.programme,
      shortTitle: frame.shortTitle,
      adoptionReference: 'AG/RES. 2141 (XXXV-O/05)',
      adoptionDate: frame.adoptionDate,
      edition: '2005',
    },
    period: '2008',
    generatedOn: frame.generatedOn,
    document: { symbol: ['OEA/Ser.G', 'CP/CAJP-2708/09'], date: '31 de marzo de 2009', paper: 'letter' },
    original: null,
    introduction: frame.introduction,
    background: frame.background,
    conclusion: frame.conclusion,
    structure: {
      texts: [],
      levels: [
        { name: frame.levels[0], count: SAMPLE_OBJECTIVES.length },
        { name: frame.levels[1], count: SAMPLE_ACTIVITIES.length },
      ],
      objectives: SAMPLE_OBJECTIVES.map((objective, o) => ({
        code: String(o + 1),
        text: objective[locale],
        level: 'objective',
      })),
    },
    chapters,
    notReported,
    annex,
    matrix: matrixOf(chapters, locale),
    labels,
    figures: { statusChart: statusChartSvg(annex, labels.figureChart), map: mapSvg(chapters, labels.figureMap) },
  };
}
