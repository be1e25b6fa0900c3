/** A report's history: its steps and the comments on its activities, in order, each with its date and time. */
import type { Translator } from '../../web/i18n/i18n.ts';
import type { getReport } from './report.service.ts';
import type { ReportComment } from './report-comments.service.ts';

type ReportEvent = Awaited<ReturnType<typeof getReport>>['events'][number];

type Line = { at: Date; step: ReportEvent; comment?: never } | { at: Date; comment: ReportComment; step?: never };

export function ReportHistory({
  i18n,
  reportId,
  events,
  comments,
  changes,
}: {
  i18n: Translator;
  reportId: string;
  events: readonly ReportEvent[];
  comments: readonly ReportComment[];
  /** Whether to offer the changes between submissions. */
  changes: boolean;
}) {
  const { t } = i18n;
  const lines: Line[] = [
    ...events.map((step) => ({ at: step.event.at, step })),
    ...comments.map((comment) => ({ at: comment.at, comment })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('report.history')}</h2>
      {changes ? (
        <p>
          <a href={`/reports/${reportId}/changes`}>{t('changes.link')}</a>
        </p>
      ) : null}
      <ol class="notes">
        {lines.map((line) => (
          <li>
            <time datetime={line.at.toISOString()}>{i18n.date(line.at, 'dateTime')}</time>{' '}
            {line.step ? (
              <>
                {t('report.event', {
                  from: t(`reportState.${line.step.event.fromState}`),
                  to: t(`reportState.${line.step.event.toState}`),
                  by: line.step.user?.name ?? '—',
                })}
                {line.step.event.comment ? <p class="prose">{line.step.event.comment}</p> : null}
              </>
            ) : (
              <>
                <a href={`#comments-${line.comment.entryId}`}>
                  {t('comments.history', {
                    by: line.comment.author?.name ?? '—',
                    code: line.comment.item?.code ?? t('report.generalEntry'),
                  })}
                </a>
                <p class="prose">{line.comment.body}</p>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
