/** The administration index, the frame its pages share, and the moments (date and time) its lists show. */
import type { Child } from 'hono/jsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';

type Base = { i18n: Translator; currentUrl: string };

/** An administration page: its title as heading, under Home › Administration. */
export function AdminFrame({
  i18n,
  currentUrl,
  title,
  parent,
  children,
}: Base & { title: string; parent?: { href: string; label: string }; children: Child }) {
  const { t } = i18n;
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={currentUrl}
      section="admin"
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: '/admin', label: t('nav.admin') },
        ...(parent ? [parent] : []),
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function AdminIndexPage({ i18n, currentUrl }: Base) {
  const { t } = i18n;
  const links = [
    { href: '/admin/users', title: t('admin.users.title'), lead: t('admin.users.lead') },
    { href: '/admin/audit', title: t('admin.audit.title'), lead: t('admin.audit.lead') },
    { href: '/admin/outbox', title: t('admin.outbox.title'), lead: t('admin.outbox.lead') },
    { href: '/programmes/new', title: t('import.newProgramme'), lead: t('import.adminLead') },
  ];
  return (
    <Layout
      i18n={i18n}
      title={t('nav.admin')}
      currentUrl={currentUrl}
      section="admin"
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('nav.admin') }]}
    >
      <h1>{t('nav.admin')}</h1>
      <p class="lead">{t('admin.lead')}</p>
      <ul class="cards">
        {links.map((l) => (
          <li class="card">
            <h2>
              <a href={l.href}>{l.title}</a>
            </h2>
            <p>{l.lead}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** A moment with date and time (UTC), machine-readable too. */
export function Moment({ i18n, at }: { i18n: Translator; at: Date }) {
  return <time datetime={at.toISOString()}>{i18n.date(at, 'dateTime')}</time>;
}
