/** The audit trail page: every change, newest first, with what it was before and after. */
import type { Translator } from '../../web/i18n/i18n.ts';
import type { auditPage } from './admin.service.ts';
import { AdminFrame, Moment, Pager } from './admin.views.tsx';

type AuditPageData = Awaited<ReturnType<typeof auditPage>>;
type AuditRow = AuditPageData['rows'][number];

const json = (value: unknown) => JSON.stringify(value, null, 2);

function Changes({ i18n, event }: { i18n: Translator; event: AuditRow }) {
  const { t } = i18n;
  if (event.before == null && event.after == null) return <span class="muted">—</span>;
  return (
    <details>
      <summary>{t('admin.audit.changes')}</summary>
      {event.before != null ? (
        <>
          <p>{t('admin.audit.before')}</p>
          <pre>{json(event.before)}</pre>
        </>
      ) : null}
      {event.after != null ? (
        <>
          <p>{t('admin.audit.after')}</p>
          <pre>{json(event.after)}</pre>
        </>
      ) : null}
    </details>
  );
}

function EntityFilter({ i18n, types, selected }: { i18n: Translator; types: string[]; selected: string | undefined }) {
  const { t } = i18n;
  return (
    <form class="filters" method="get" action="/admin/audit" role="search" aria-label={t('admin.audit.filter')}>
      <div>
        <label for="audit-entity">{t('admin.audit.entityType')}</label>
        <select id="audit-entity" name="entityType">
          <option value="">{t('filter.all')}</option>
          {types.map((type) => (
            <option value={type} selected={type === selected}>
              {type}
            </option>
          ))}
        </select>
      </div>
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
}) {
  const { i18n, data, entityType } = props;
  const { t } = i18n;
  const href = (page: number) =>
    `/admin/audit?${new URLSearchParams({ ...(entityType ? { entityType } : {}), page: String(page) })}`;
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('admin.audit.title')}>
      <p class="lead">{t('admin.audit.lead')}</p>
      <EntityFilter i18n={i18n} types={props.entityTypes} selected={entityType} />
      {data.rows.length === 0 ? (
        <p class="muted">{t('admin.audit.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.entity')}</th>
                <th scope="col">{t('admin.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((e) => (
                <tr>
                  <td>
                    <Moment i18n={i18n} at={e.at} />
                  </td>
                  <td>{e.user ? e.user.name : <span class="muted">{t('admin.audit.system')}</span>}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType}
                    {e.entityType === 'item' ? (
                      <>
                        {' '}
                        <a href={`/items/${e.entityId}`}>
                          <code>{e.entityId}</code>
                        </a>
                      </>
                    ) : (
                      <>
                        {' '}
                        <code>{e.entityId}</code>
                      </>
                    )}
                  </td>
                  <td>
                    <Changes i18n={i18n} event={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager i18n={i18n} page={data.page} hasNext={data.hasNext} href={href} />
    </AdminFrame>
  );
}
