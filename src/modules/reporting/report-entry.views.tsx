/** A report's activity as readers see it: its code and text as the programme words them, and what was reported. */
import type { Child } from 'hono/jsx';
import { Original, RichText, StatusBadge } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { getReport } from './report.service.ts';

export type ReportDetail = Awaited<ReturnType<typeof getReport>>;
export type ReportEntry = ReportDetail['entries'][number];

export function EntryView({
  i18n,
  entry,
  lang,
}: {
  i18n: Translator;
  entry: ReportDetail['entries'][number];
  lang: string | undefined;
}) {
  const { t } = i18n;
  return (
    <>
      {entry.mandate ? (
        <>
          <h4>{t('report.mandate')}</h4>
          <RichText html={entry.mandate} lang={lang} />
        </>
      ) : null}
      <h4>{t('report.carriedOut')}</h4>
      {entry.carriedOut ? <RichText html={entry.carriedOut} lang={lang} /> : <p class="muted">{t('report.empty')}</p>}
      <h4>{t('report.planned')}</h4>
      {entry.planned ? <RichText html={entry.planned} lang={lang} /> : <p class="muted">{t('report.empty')}</p>}
      {entry.statusAssessment ? (
        <p>
          {`${t('report.statusAssessment')}: `}
          <StatusBadge i18n={i18n} status={entry.statusAssessment} />
        </p>
      ) : null}
    </>
  );
}

/** An activity's code (`code`: a link, or bold in the form) and its text, as the programme words it. */
export function EntryTitle({
  i18n,
  entry,
  lang,
  code,
}: {
  i18n: Translator;
  entry: ReportEntry;
  lang: string | undefined;
  code: Child;
}) {
  if (!entry.item) return <>{i18n.t('report.generalEntry')}</>;
  return (
    <>
      {code}{' '}
      <Original lang={lang ?? 'es'} i18n={i18n}>
        {entry.item.text}
      </Original>
    </>
  );
}
