/**
 * The consolidated report's downloads, on the cycle, progress and matrix
 * pages. A published cycle offers its published edition to everyone; the
 * secretariat also gets the working edition (with what is still missing)
 * one click away, and before publication that edition only.
 */
import { Disclosure } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';

export function ReportDownloads({
  i18n,
  cycleId,
  published,
  secretariat,
}: {
  i18n: Translator;
  cycleId: string;
  published: boolean;
  secretariat: boolean;
}) {
  const { t } = i18n;
  if (!published && !secretariat) return null;
  const base = `/api/v1/cycles/${cycleId}`;
  const links = (draft: boolean) => {
    const q = `?lang=${i18n.locale}${draft ? '&edition=draft' : ''}`;
    return [
      { href: `${base}/report.pdf${q}`, label: t('progress.pdf') },
      { href: `${base}/report.docx${q}`, label: t('progress.docx') },
      { href: `${base}/report.xlsx${q}`, label: t('progress.xlsx') },
      { href: `${base}/report.html${q}`, label: t('progress.html') },
      { href: `${base}/report.csv${q}`, label: t('progress.csv') },
    ];
  };
  const list = (draft: boolean) => (
    <ul class="counts">
      {links(draft).map((l) => (
        <li>
          <a href={l.href}>{l.label}</a>
        </li>
      ))}
      {draft ? null : (
        <li>
          <a href={`${base}/map.svg?lang=${i18n.locale}`}>{t('progress.mapSvg')}</a>
        </li>
      )}
    </ul>
  );
  return (
    <section aria-labelledby="downloads">
      <h2 id="downloads">{t('progress.downloads')}</h2>
      {published ? (
        <>
          <p class="hint">{t('progress.publishedEdition')}</p>
          {list(false)}
        </>
      ) : null}
      {secretariat && published ? (
        <Disclosure summary={t('progress.draftEditionLink')}>
          <p class="hint">{t('progress.draftEdition')}</p>
          {list(true)}
        </Disclosure>
      ) : null}
      {secretariat && !published ? (
        <>
          <p class="hint">{t('progress.draftEdition')}</p>
          {list(true)}
        </>
      ) : null}
    </section>
  );
}
