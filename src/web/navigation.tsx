/** Moving between views of one thing (tabs) and between pages of a long list (pager). */
import type { Child } from 'hono/jsx';
import type { Translator } from './i18n/i18n.ts';

export type Tab = { href: string; label: Child; current?: boolean };

/** A strip of links to the views of one thing; the view shown is marked as the current page. */
export function Tabs({ label, tabs }: { label: string; tabs: readonly Tab[] }) {
  return (
    <nav aria-label={label}>
      <ul class="tabs">
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Previous / next links of a newest-first list; `href` builds the link to a page. */
export function Pager({
  i18n,
  page,
  hasNext,
  href,
}: {
  i18n: Translator;
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
}) {
  const { t } = i18n;
  if (page === 1 && !hasNext) return null;
  return (
    <nav class="actions" aria-label={t('admin.pager.label')}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {t('admin.pager.newer')}
        </a>
      ) : null}
      <span aria-current="page">{t('admin.pager.page', { page })}</span>
      {hasNext ? (
        <a href={href(page + 1)} rel="next">
          {t('admin.pager.older')}
        </a>
      ) : null}
    </nav>
  );
}
