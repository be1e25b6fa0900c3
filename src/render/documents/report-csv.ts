/**
 * The consolidated report as CSV (RFC 4180): one row per chapter entry, plain
 * text, with a byte order mark and CRLF so Excel opens it as UTF-8, and cells
 * that a spreadsheet would take for a formula defused.
 */
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { htmlToText } from './html-text.ts';

// ReportLabels has no words for these two columns.
const EXTRA_HEADERS: Record<'es' | 'en', { actorKey: string; group: string }> = {
  es: { actorKey: 'Clave del actor', group: 'Grupo' },
  en: { actorKey: 'Actor key', group: 'Group' },
};

/** A cell as RFC 4180 writes it; one starting with = + - @ (or a tab or carriage return) gets a leading quote. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderReportCsv(report: ConsolidatedReport): string {
  const { labels } = report;
  const extra = EXTRA_HEADERS[report.locale];
  const lines = [
    [
      labels.actor,
      extra.actorKey,
      extra.group,
      labels.code,
      labels.text,
      labels.statusAssessment,
      labels.carriedOut,
      labels.planned,
    ],
  ];
  for (const chapter of report.chapters) {
    for (const entry of chapter.entries) {
      lines.push([
        chapter.actor.name,
        chapter.actor.key,
        labels.groups[chapter.group],
        entry.code ?? '',
        entry.itemText ?? '',
        entry.status ? labels.statuses[entry.status] : '',
        htmlToText(entry.carriedOut),
        htmlToText(entry.planned),
      ]);
    }
  }
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
