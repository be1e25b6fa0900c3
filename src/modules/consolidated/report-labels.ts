/** The consolidated report's headings and labels, from the catalogs, in the report's language. */
import { nextPeriod, type ReportLabels } from '../../domain/consolidated-report.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';
import type { Translator } from '../../web/i18n/i18n.ts';

/** `period` names the parts of a chapter: "Actividades realizadas en 2008", "… programadas para 2009". */
export function reportLabels(i18n: Translator, period: string): ReportLabels {
  const { t } = i18n;
  const next = nextPeriod(period);
  return {
    titlePage: t('consolidated.titlePage'),
    adoption: t('consolidated.adoption'),
    period: t('consolidated.period'),
    generatedOn: t('consolidated.generatedOn'),
    draftNotice: t('consolidated.draftNotice'),
    contents: t('consolidated.contents'),
    introduction: t('consolidated.introduction'),
    background: t('consolidated.background'),
    structure: t('consolidated.structure'),
    objectives: t('consolidated.objectives'),
    chapters: t('consolidated.chapters'),
    groups: {
      oas: t('consolidated.group.oas'),
      specialized: t('consolidated.group.specialized'),
      states: t('consolidated.group.states'),
      others: t('consolidated.group.others'),
    },
    mandate: t('report.mandate'),
    carriedOut: next ? t('consolidated.carriedOutIn', { period }) : t('report.carriedOut'),
    planned: next ? t('consolidated.plannedFor', { period: next }) : t('report.planned'),
    statusAssessment: t('report.statusAssessment'),
    bestPractices: t('report.section.best_practices'),
    newProposals: t('report.section.new_proposals'),
    calendar: t('report.section.calendar'),
    pending: t('consolidated.pending'),
    late: t('report.late'),
    noInformation: t('report.empty'),
    annex: t('consolidated.annex', { rows: 'objectives' }),
    annexIntro: t('consolidated.annexIntro', { rows: 'objectives', statuses: 'known' }),
    objective: t('consolidated.objective', { rows: 'objectives' }),
    activities: t('consolidated.activities'),
    coverage: t('consolidated.coverage'),
    progress: t('consolidated.progress'),
    total: t('consolidated.total'),
    statuses: Object.fromEntries(
      [...ITEM_STATUSES, 'none'].map((s) => [s, t(`status.${s as 'none'}`)]),
    ) as ReportLabels['statuses'],
    figureChart: t('consolidated.figureChart', { number: 1 }),
    figureMap: t('consolidated.figureMap', { number: 2 }),
    notReported: t('consolidated.notReported'),
    conclusion: t('consolidated.conclusion'),
    matrix: t('consolidated.matrix'),
    actor: t('board.actor'),
    code: t('item.code'),
    text: t('item.text'),
    workbook: {
      summary: t('consolidated.workbook.summary'),
      keyFigures: t('consolidated.workbook.keyFigures'),
      sheets: t('consolidated.workbook.sheets'),
      legend: t('consolidated.workbook.legend'),
      notAssigned: t('consolidated.workbook.notAssigned'),
      part: t('consolidated.workbook.part'),
      reportText: t('consolidated.workbook.reportText'),
      document: t('consolidated.workbook.document'),
      chapterCount: t('consolidated.workbook.chapterCount'),
      reportedActivities: t('consolidated.workbook.reportedActivities'),
      continued: t('consolidated.workbook.continued'),
      matrixAbout: t('consolidated.workbook.matrixAbout'),
      textsAbout: t('consolidated.workbook.textsAbout'),
    },
  };
}
