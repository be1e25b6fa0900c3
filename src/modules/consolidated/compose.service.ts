/**
 * Composes the consolidated annual report of a cycle (in the shape of seed
 * 002): title page, introduction and background, the programme's structure,
 * one chapter per actor in the order set, the annex of progress by objective
 * with its chart and map, and the actors that did not report.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  items as itemsTable,
  programmeSections,
  reportEntries,
  reportSections,
} from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import {
  ADDITIONAL_ACTORS,
  type Chapter,
  type ChapterGroup,
  type ChapterNumber,
  type ConsolidatedReport,
  chapterHeading,
  chapterNumbers,
  type MatrixSheet,
} from '../../domain/consolidated-report.ts';
import type { Edition } from '../../domain/cycle.policy.ts';
import { ITEM_STATUSES, type ItemStatus, rollUpStatus } from '../../domain/status.ts';
import { today } from '../../domain/zoned-time.ts';
import { chartLabel, renderStatusChart } from '../../render/charts/status-chart.ts';
import { OAS_MEMBER_ISO, renderAmericasMap } from '../../render/map/americas-map.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { cycleProgress } from '../progress/progress.service.ts';
import { reportLabels } from './report-labels.ts';

export type { Edition };

/** The programme's recorded sections that are part III of the report: its objectives and its structure. */
const STRUCTURE_SECTION_KEYS = ['objectives', 'structure'];

const groupOf = (type: string): ChapterGroup =>
  type === 'oas_organ'
    ? 'oas'
    : type === 'specialized_organization'
      ? 'specialized'
      : type === 'member_state'
        ? 'states'
        : 'others';

const paragraphs = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export const REPORT_STATE_COLORS: Record<string, string> = {
  accepted: '#1e6b37',
  approved: '#3f9a5a',
  submitted: '#2f6fb3',
  returned: '#b54848',
  draft: '#a36b00',
};

/** The member states' report states as a map (SVG), links to their reports when `hrefOf` is given. */
export function reportStateMap(
  i18n: ReturnType<typeof translator>,
  actors: { iso: string | null; name: Record<string, string>; report: { id: string; state: string } | null }[],
  hrefOf?: (reportId: string) => string,
  /** Where the map's shapes are served, for a page; documents carry them. */
  shapesHref?: string,
) {
  const states = ['accepted', 'approved', 'submitted', 'returned', 'draft'] as const;
  return renderAmericasMap({
    ...(shapesHref === undefined ? {} : { shapesHref }),
    title: i18n.t('map.title'),
    description: i18n.t('map.description'),
    lang: i18n.locale,
    noDataLabel: i18n.t('map.notAddressed'),
    legend: states.map((s) => ({
      category: s,
      label: i18n.t(`reportState.${s}`),
      color: REPORT_STATE_COLORS[s] as string,
    })),
    data: actors.flatMap((a) =>
      a.iso && a.report && OAS_MEMBER_ISO.includes(a.iso)
        ? [
            {
              iso: a.iso,
              category: a.report.state,
              label: `${i18n.pick(a.name)}: ${i18n.t(`reportState.${a.report.state as 'draft'}`)}`,
              ...(hrefOf ? { href: hrefOf(a.report.id) } : {}),
            },
          ]
        : [],
    ),
  });
}

export async function composeReport(
  db: Db,
  cycleId: string,
  locale: Locale,
  edition: Edition,
  principal: Principal | null,
): Promise<ConsolidatedReport> {
  const i18n = translator(locale);
  const progress = await cycleProgress(db, cycleId, principal, edition === 'published' ? 'accepted' : 'all');
  const { cycle, programme, levels } = progress;
  const labels = reportLabels(i18n, cycle.period);
  const included = progress.actors.filter((a) => a.report && (edition === 'draft' || a.report.state === 'accepted'));
  const reportIds = included.flatMap((a) => (a.report ? [a.report.id] : []));
  const structureQuery = db
    .select({
      heading: programmeSections.heading,
      headingTranslated: programmeSections.headingTranslated,
      body: programmeSections.body,
    })
    .from(programmeSections)
    .where(and(eq(programmeSections.programmeId, programme.id), inArray(programmeSections.key, STRUCTURE_SECTION_KEYS)))
    .orderBy(asc(programmeSections.position));
  const [structureTexts, [entryRows, sectionRows]] = await Promise.all([
    structureQuery,
    reportIds.length
      ? Promise.all([
          db
            .select({
              entry: reportEntries,
              item: { code: itemsTable.code, text: itemsTable.text, parentId: itemsTable.parentId },
            })
            .from(reportEntries)
            .leftJoin(itemsTable, eq(itemsTable.id, reportEntries.itemId))
            .where(inArray(reportEntries.reportId, reportIds))
            .orderBy(asc(reportEntries.position)),
          db.select().from(reportSections).where(inArray(reportSections.reportId, reportIds)),
        ])
      : ([[], []] as const),
  ]);
  const entriesOf = new Map<string, typeof entryRows>();
  for (const row of entryRows) entriesOf.set(row.entry.reportId, [...(entriesOf.get(row.entry.reportId) ?? []), row]);
  const section = (reportId: string, key: string) =>
    sectionRows.find((s) => s.reportId === reportId && s.key === key)?.body ?? '';

  const numbers = chapterNumbers(included.map((a) => a.chapterGroup ?? null));
  const groupKeys = [...new Set(numbers.flatMap((n) => (n.group ? [n.group.key] : [])))];
  const groupActors = groupKeys.length
    ? await db.select({ key: actors.key, name: actors.name }).from(actors).where(inArray(actors.key, groupKeys))
    : [];
  const groupName = (key: string) =>
    key === ADDITIONAL_ACTORS
      ? i18n.t('consolidated.additionalActors')
      : i18n.pick(groupActors.find((g) => g.key === key)?.name) || key;
  const chapters: Chapter[] = included.map((a, index) => {
    const numbered = numbers[index] as ChapterNumber;
    const report = a.report as NonNullable<typeof a.report>;
    const rows = entriesOf.get(report.id) ?? [];
    // A chapter whose one entry is a section of the programme's first level is that section: no heading repeats it.
    const ownSection = rows.length === 1 && rows[0]?.item !== null && rows[0]?.item.parentId === null;
    const acronym = i18n.pick(a.acronym) || null;
    const name = i18n.pick(a.name);
    return {
      heading: chapterHeading({
        written: report.heading,
        writtenInReportLanguage: programme.language === locale,
        number: numbered.number,
        name,
        acronym,
      }),
      group: groupOf(a.type),
      parent: numbered.group
        ? { key: numbered.group.key, heading: `${numbered.group.letter}. ${groupName(numbered.group.key)}` }
        : null,
      actor: { key: a.key, name, acronym, iso: a.iso },
      pending: report.state === 'accepted' ? null : i18n.t(`reportState.${report.state}`),
      late: report.late,
      entries: rows.map(({ entry, item }) => ({
        code: ownSection ? null : (item?.code ?? null),
        itemText: item?.text ?? null,
        mandate: entry.mandate,
        carriedOut: entry.carriedOut,
        planned: entry.planned,
        status: entry.statusAssessment,
      })),
      sections: {
        bestPractices: section(report.id, 'best_practices'),
        newProposals: section(report.id, 'new_proposals'),
        calendar: section(report.id, 'calendar'),
      },
    };
  });
  const notReported = progress.actors
    .filter(
      (a) =>
        !a.report ||
        (edition === 'published'
          ? a.report.state !== 'accepted'
          : a.report.state === 'draft' || a.report.state === 'returned'),
    )
    .map((a) => ({ name: i18n.pick(a.name), type: i18n.t(`actorType.${a.type}`) }));

  // A programme without objectives is rolled up by its sections, whose codes are the data's own, not the text's.
  const rows = progress.input.rollUp ?? 'objectives';
  const statusesKnown = progress.assessed;
  if (rows === 'sections' || !statusesKnown) {
    const statuses = statusesKnown ? 'known' : 'unknown';
    labels.annex = i18n.t('consolidated.annex', { rows });
    labels.annexIntro = i18n.t('consolidated.annexIntro', { rows, statuses });
    labels.objective = i18n.t('consolidated.objective', { rows });
  }
  // No figure that says nothing: no chart where no status is known, no map where no member state was asked.
  const statesAsked = progress.actors.some((a) => a.type === 'member_state');
  if (!statusesKnown) labels.figureMap = i18n.t('consolidated.figureMap', { number: 1 });
  const objectives = progress.objectives.map((o) => ({
    code: rows === 'sections' ? '' : o.code,
    text: o.text,
    level: levels.find((l) => l.key === o.level) ? i18n.pick(levels.find((l) => l.key === o.level)?.name) : o.level,
    counts: o.counts,
    activities: o.activities,
    covered: o.covered,
    assigned: o.assigned,
    progress: o.progress,
  }));
  const programmeTitle = i18n.pick(programme.title);
  const statusChart = statusesKnown
    ? await renderStatusChart({
        title: labels.figureChart,
        rows: objectives.map((o) => ({ label: chartLabel(o), counts: o.counts })),
        statusLabels: labels.statuses,
      })
    : '';
  return {
    locale,
    edition,
    title: cycle.title
      ? i18n.pick(cycle.title)
      : i18n.t('consolidated.title', { period: cycle.period, programme: programmeTitle }),
    subtitle: i18n.t('consolidated.subtitle'),
    programme: {
      title: programmeTitle,
      shortTitle: i18n.pick(programme.shortTitle),
      adoptionReference: programme.adoptionReference,
      adoptionDate: programme.adoptionDate ? i18n.date(programme.adoptionDate) : null,
      edition: programme.edition,
    },
    period: cycle.period,
    generatedOn: i18n.date(today()),
    document: {
      symbol: (cycle.documentSymbol ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      date: cycle.documentDate ? i18n.date(cycle.documentDate) : null,
      paper: cycle.paper,
    },
    original:
      programme.language === locale
        ? null
        : {
            language: programme.language,
            note: i18n.t('consolidated.original', {
              language:
                new Intl.DisplayNames(locale, { type: 'language' }).of(programme.language) ?? programme.language,
            }),
          },
    introduction: paragraphs(cycle.introduction).length
      ? paragraphs(cycle.introduction)
      : [i18n.t('consolidated.defaultIntroduction', { period: cycle.period })],
    background: paragraphs(cycle.background),
    conclusion: paragraphs(cycle.conclusion),
    structure: {
      texts: structureTexts.map((s) => ({
        heading: s.headingTranslated?.[locale] ?? s.heading,
        paragraphs: paragraphs(s.body),
      })),
      levels: levels.map((l) => ({
        name: i18n.pick(l.plural),
        count: progress.items.filter((it) => it.levelKey === l.key).length,
      })),
      objectives: progress.items
        .filter((it) => objectives.some((o) => o.code === it.code))
        .sort((a, b) => a.ordinal - b.ordinal)
        .map((it) => ({
          code: it.code,
          text: it.text,
          level: i18n.pick(levels.find((l) => l.key === it.levelKey)?.name),
        })),
    },
    chapters,
    notReported,
    annex: {
      rows,
      statuses: statusesKnown ? [...ITEM_STATUSES, 'none'] : [],
      objectives,
      totals: progress.totals.counts,
      covered: progress.totals.covered,
      assigned: progress.totals.assigned,
    },
    matrix: matrixSheets(progress, i18n),
    labels,
    figures: { statusChart, map: statesAsked ? reportStateMap(i18n, progress.actors) : '' },
  };
}

type Progress = Awaited<ReturnType<typeof cycleProgress>>;

/** The actor × item matrix, one sheet per level: an actor's assessment, rolled up for items that contain others. */
export function matrixSheets(progress: Progress, i18n: ReturnType<typeof translator>): MatrixSheet[] {
  const { items, input, levels } = progress;
  const children = new Map<string, string[]>();
  for (const it of items) if (it.parentId) children.set(it.parentId, [...(children.get(it.parentId) ?? []), it.id]);
  const leavesUnder = (id: string): string[] => {
    const kids = children.get(id) ?? [];
    return kids.length === 0 ? [id] : kids.flatMap(leavesUnder);
  };
  const linkedTo = new Map<string, string[]>();
  for (const l of input.links) linkedTo.set(l.to, [...(linkedTo.get(l.to) ?? []), l.from]);
  const assigned = new Set(input.assigned.map((a) => `${a.itemId}|${a.actorId}`));
  const assessment = new Map(input.entries.map((e) => [`${e.itemId}|${e.actorId}`, e.status]));
  const cell = (leafIds: string[], actorId: string): ItemStatus | 'none' | null => {
    const mine = leafIds.filter((id) => assigned.has(`${id}|${actorId}`));
    if (mine.length === 0) return null;
    const statuses = mine.map((id) => assessment.get(`${id}|${actorId}`) ?? null);
    return rollUpStatus(statuses) ?? 'none';
  };
  return levels
    .map((level) => {
      const levelItems = items.filter((it) => it.levelKey === level.key).sort((a, b) => a.ordinal - b.ordinal);
      const leavesOf = (id: string) => [...new Set([...leavesUnder(id), ...(linkedTo.get(id) ?? [])])];
      return {
        level: level.key,
        levelName: i18n.pick(level.plural),
        codes: levelItems.map((it) => ({ code: it.code, text: it.text })),
        rows: progress.actors.map((a) => ({
          actor: i18n.pick(a.acronym) || i18n.pick(a.name),
          actorKey: a.key,
          cells: Object.fromEntries(levelItems.map((it) => [it.code, cell(leavesOf(it.id), a.id)])),
        })),
      };
    })
    .filter((sheet) => sheet.rows.some((r) => Object.values(r.cells).some((c) => c !== null)));
}
