/** The audit trail page: every change, newest first, as a sentence naming who did what to which thing, with what changed. */
import { auditChanges } from '../../domain/audit-changes.ts';
import { DataTable } from '../../web/data-table.tsx';
import { FilterSelect } from '../../web/filters.tsx';
import type { MessageKey, Translator } from '../../web/i18n/i18n.ts';
import { Pager } from '../../web/navigation.tsx';
import type { EntityName } from '../audit/audit-entities.ts';
import type { auditPage } from './admin.service.ts';
import { AdminFrame, Moment } from './admin.views.tsx';

type AuditPageData = Awaited<ReturnType<typeof auditPage>>;
type AuditRow = AuditPageData['rows'][number];

/** A catalog text if the catalog has the key, else `fallback` (actions and fields added later read as they are). */
function known(i18n: Translator, key: string, params: Record<string, string>, fallback: () => string): string {
  const text = i18n.t(key as MessageKey, params);
  return text === key ? fallback() : text;
}

function Changes({ i18n, event }: { i18n: Translator; event: AuditRow }) {
  const { t } = i18n;
  const changes = auditChanges(event.before, event.after);
  if (changes.length === 0) return <span class="muted">—</span>;
  return (
    <details>
      <summary>{t('admin.audit.changesCount', { count: changes.length })}</summary>
      <dl class="audit-changes diff">
        {changes.map((c) => (
          <>
            <dt>{known(i18n, `audit.field.${c.field}`, {}, () => c.field)}</dt>
            <dd>
              {c.before ? <del>{c.before}</del> : null}
              {c.before && c.after ? ' → ' : null}
              {c.after ? <ins>{c.after}</ins> : null}
            </dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** "Ana Pérez opened the cycle Programa Interamericano 2025", the thing linked to its page. */
function Sentence({ i18n, event, name }: { i18n: Translator; event: AuditRow; name: EntityName | undefined }) {
  const who = event.user?.name ?? i18n.t('admin.audit.system');
  const thing = name?.label ?? i18n.t('admin.audit.gone');
  const mark = '\u0000';
  const text = known(i18n, `audit.action.${event.action}`, { who, entity: mark }, () =>
    i18n.t('audit.action.other', { who, action: event.action, entity: mark }),
  );
  const [head = '', tail = ''] = text.split(mark);
  return (
    <>
      {head}
      {name?.href ? <a href={name.href}>{thing}</a> : thing}
      {tail}
    </>
  );
}

const entityLabel = (i18n: Translator, type: string) => known(i18n, `audit.entity.${type}`, {}, () => type);

function EntityFilter({ i18n, types, selected }: { i18n: Translator; types: string[]; selected: string | undefined }) {
  const { t } = i18n;
  return (
    <form class="filters" method="get" action="/admin/audit" role="search" aria-label={t('admin.audit.filter')}>
      <FilterSelect
        id="audit-entity"
        name="entityType"
        label={t('admin.audit.entityType')}
        value={selected}
        all={t('filter.all')}
        options={types.map((type) => ({ value: type, label: entityLabel(i18n, type) }))}
      />
      <div>
        <button class="button" type="submit">
          {t('filter.apply')}
        </button>
      </div>
    </form>
  );
}

export function AuditPage(props: {
  i18n: Translator;
  currentUrl: string;
  data: AuditPageData;
  entityTypes: string[];
  entityType: string | undefined;
  names: Map<string, EntityName>;
}) {
  const { i18n, data, entityType } = props;
  const { t } = i18n;
  const href = (page: number) =>
    `/admin/audit?${new URLSearchParams({ ...(entityType ? { entityType } : {}), page: String(page) })}`;
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('admin.audit.title')}>
      <p class="lead">{t('admin.audit.lead')}</p>
      <EntityFilter i18n={i18n} types={props.entityTypes} selected={entityType} />
      <DataTable
        caption={t('admin.audit.title')}
        captionHidden
        rows={data.rows}
        empty={<p class="muted">{t('admin.audit.none')}</p>}
        columns={[
          { header: t('admin.audit.when'), cell: (e) => <Moment i18n={i18n} at={e.at} /> },
          {
            header: t('admin.audit.what'),
            cell: (e) => <Sentence i18n={i18n} event={e} name={props.names.get(`${e.entityType}:${e.entityId}`)} />,
          },
          { header: t('admin.audit.changes'), cell: (e) => <Changes i18n={i18n} event={e} /> },
        ]}
      />
      <Pager i18n={i18n} page={data.page} hasNext={data.hasNext} href={href} />
    </AdminFrame>
  );
}
