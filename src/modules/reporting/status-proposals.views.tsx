/** On an accepted report, for the secretariat: the status assessments to apply to the items or dismiss. */
import { StatusBadge } from '../../web/components.tsx';
import { CsrfField } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { listStatusProposals } from './status-proposals.service.ts';

export type StatusProposals = Awaited<ReturnType<typeof listStatusProposals>>;

function Decide({
  action,
  decision,
  entryId,
  label,
  hidden,
}: {
  action: string;
  decision: 'apply' | 'dismiss';
  entryId?: string;
  label: string;
  hidden?: string;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField />
      <input type="hidden" name="decision" value={decision} />
      {entryId ? <input type="hidden" name="entryId" value={entryId} /> : null}
      <button class={decision === 'apply' ? 'button secondary' : 'link-button'} type="submit">
        {label}
        {hidden ? <span class="visually-hidden">{hidden}</span> : null}
      </button>
    </form>
  );
}

export function StatusProposalsSection({
  i18n,
  reportId,
  proposals,
}: {
  i18n: Translator;
  reportId: string;
  proposals: StatusProposals;
}) {
  const { t } = i18n;
  if (proposals.length === 0) return null;
  const action = `/reports/${reportId}/status-proposals`;
  return (
    <section aria-labelledby="status-proposals" class="proposals">
      <h2 id="status-proposals">{t('proposals.title')}</h2>
      <p class="hint">{t('proposals.intro')}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('proposals.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proposals.item')}</th>
              <th scope="col">{t('proposals.current')}</th>
              <th scope="col">{t('proposals.proposed')}</th>
              <th scope="col">{t('proposals.decide')}</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr>
                <th scope="row">
                  <a href={`/items/${p.itemId}`}>{p.code}</a>
                </th>
                <td>{p.itemStatus ? <StatusBadge i18n={i18n} status={p.itemStatus} /> : '—'}</td>
                <td>{p.assessment ? <StatusBadge i18n={i18n} status={p.assessment} /> : null}</td>
                <td>
                  <Decide
                    action={action}
                    decision="apply"
                    entryId={p.entryId}
                    label={t('proposals.apply')}
                    hidden={`: ${p.code ?? ''}`}
                  />{' '}
                  <Decide
                    action={action}
                    decision="dismiss"
                    entryId={p.entryId}
                    label={t('proposals.dismiss')}
                    hidden={`: ${p.code ?? ''}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Decide action={action} decision="apply" label={t('proposals.applyAll', { count: proposals.length })} />
    </section>
  );
}
