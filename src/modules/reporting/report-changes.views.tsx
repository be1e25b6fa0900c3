/** The changes in a report between two versions: which to compare, then each changed field, before and after. */
import type { ReportSectionKey } from '../../db/schema/index.ts';
import { isItemStatus } from '../../domain/status.ts';
import { actorLabel, WordDiff } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { ComparableVersion, SubmissionComparison } from './report-changes.service.ts';

export function ReportChangesPage({
  i18n,
  currentUrl,
  comparison: { head, entries, versions, comparison },
}: {
  i18n: Translator;
  currentUrl: string;
  comparison: SubmissionComparison;
}) {
  const { t } = i18n;
  const title = t('changes.title');
  const reportId = head.report.id;
  const versionLabel = (v: ComparableVersion) =>
    v.submittedAt
      ? t('changes.submission', { date: i18n.date(v.submittedAt, 'dateTime'), by: v.by ?? '—', version: v.version })
      : t('changes.draft', { version: v.version });
  const select = (name: 'from' | 'to', chosen: number | undefined) => (
    <div class="field">
      <label for={`changes-${name}`}>{t(`changes.${name}`)}</label>
      <select id={`changes-${name}`} name={name}>
        {versions.map((v) => (
          <option value={String(v.version)} selected={v.version === chosen}>
            {versionLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );
  const fieldName = (field: { entryId: string; field: string } | { section: string }) => {
    if ('section' in field) return t(`report.section.${field.section as ReportSectionKey}`);
    const code = entries.find((e) => e.id === field.entryId)?.code ?? t('report.generalEntry');
    return `${code} — ${t(`report.${field.field as 'carriedOut'}`)}`;
  };
  const statusText = (value: string) => (isItemStatus(value) ? t(`status.${value}`) : t('report.noAssessment'));
  return (
    <Layout
      i18n={i18n}
      title={`${title} · ${actorLabel(i18n, head.actor)} ${head.cycle.period}`}
      currentUrl={currentUrl}
      section="reporting"
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${head.cycle.id}`, label: head.cycle.period },
        { href: `/reports/${reportId}`, label: actorLabel(i18n, head.actor) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead">{t('changes.lead')}</p>
      {versions.length >= 2 ? (
        <form class="form filters" method="get" action={`/reports/${reportId}/changes`}>
          {select('from', comparison?.from)}
          {select('to', comparison?.to)}
          <button class="button secondary" type="submit">
            {t('changes.compare')}
          </button>
        </form>
      ) : null}
      {!comparison ? <p class="muted">{t('changes.nothing')}</p> : null}
      {comparison && comparison.changes.length === 0 ? <p>{t('changes.none')}</p> : null}
      {comparison && comparison.changes.length > 0 ? (
        <>
          <p>{t('changes.count', { count: comparison.changes.length })}</p>
          <div class="table-wrap">
            <table class="diff">
              <caption class="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('changes.field')}</th>
                  <th scope="col">{t('diff.before')}</th>
                  <th scope="col">{t('diff.after')}</th>
                </tr>
              </thead>
              <tbody>
                {comparison.changes.map((change) => (
                  <tr>
                    <th scope="row">{fieldName(change.field)}</th>
                    <td data-label={t('diff.before')}>
                      {change.words.length > 0 ? (
                        <WordDiff changes={change.words} show="removed" />
                      ) : (
                        <del>{statusText(change.before)}</del>
                      )}
                    </td>
                    <td data-label={t('diff.after')}>
                      {change.words.length > 0 ? (
                        <WordDiff changes={change.words} show="added" />
                      ) : (
                        <ins>{statusText(change.after)}</ins>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Layout>
  );
}
