/** The page frame: header with navigation and language switch, main content, footer. */
import { type Child, useContext } from 'hono/jsx';
import { assets } from './assets.ts';
import { LOCALES, type Translator } from './i18n/i18n.ts';
import { SessionContext } from './session-context.ts';

export type Crumb = { href?: string; label: string };

export type LayoutProps = {
  i18n: Translator;
  title: string;
  /** Path and query of this page, for the language switch to come back to. */
  currentUrl: string;
  section?: 'home' | 'work' | 'programmes' | 'actors' | 'calendar' | 'library' | 'reporting' | 'admin' | 'account';
  breadcrumbs?: Crumb[];
  description?: string;
  children: Child;
};

export function Layout({ i18n, title, currentUrl, section, breadcrumbs, description, children }: LayoutProps) {
  const { t } = i18n;
  const user = useContext(SessionContext);
  const nav = [
    { key: 'home', href: '/', label: t('nav.home') },
    ...(user ? [{ key: 'work', href: '/my-work', label: t('nav.work') }] : []),
    { key: 'programmes', href: '/#programmes', label: t('nav.programmes') },
    { key: 'actors', href: '/actors', label: t('nav.actors') },
    { key: 'calendar', href: '/calendar', label: t('nav.calendar') },
    { key: 'library', href: '/library', label: t('nav.library') },
    { key: 'reporting', href: '/cycles', label: t('nav.reporting') },
    ...(user?.isSecretariat ? [{ key: 'admin', href: '/admin', label: t('nav.admin') }] : []),
  ];
  return (
    <html lang={i18n.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Enlace`}</title>
        <meta name="description" content={description ?? t('meta.description')} />
        <link rel="icon" href={assets.faviconPath} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.cssPath} />
        <script src={assets.jsPath} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">
              Enlace
            </a>
            <nav class="site-nav" aria-label={t('nav.label')}>
              <ul>
                {nav.map((n) => (
                  <li>
                    <a href={n.href} aria-current={section === n.key ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="user-menu">
              {user ? (
                <>
                  <a href="/account" aria-current={section === 'account' ? 'page' : undefined}>
                    {user.name}
                  </a>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="_csrf" value={user.csrfToken ?? ''} />
                    <button type="submit" class="link-button">
                      {t('nav.logout')}
                    </button>
                  </form>
                </>
              ) : (
                <a href={`/login?next=${encodeURIComponent(currentUrl)}`}>{t('nav.login')}</a>
              )}
            </div>
            <form class="site-search" method="get" action="/search" role="search" aria-label={t('nav.search')}>
              <label class="visually-hidden" for="site-search-q">
                {t('nav.search')}
              </label>
              <input id="site-search-q" type="search" name="q" placeholder={t('nav.search')} />
              <button type="submit">{t('nav.searchSubmit')}</button>
            </form>
            <nav class="lang-switch" aria-label={t('nav.language')}>
              <ul>
                {LOCALES.map((locale) => (
                  <li>
                    <a
                      href={`/lang/${locale}?next=${encodeURIComponent(currentUrl)}`}
                      hreflang={locale}
                      lang={locale}
                      aria-current={locale === i18n.locale ? 'true' : undefined}
                    >
                      {t(`language.${locale}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {breadcrumbs && breadcrumbs.length > 0 ? (
            <nav class="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
              <ol>
                {breadcrumbs.map((b) => (
                  <li>{b.href ? <a href={b.href}>{b.label}</a> : <span aria-current="page">{b.label}</span>}</li>
                ))}
              </ol>
            </nav>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="bar">
            <p>{t('footer.about')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
