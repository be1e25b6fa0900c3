/** On an accepted report, for the secretariat: the status assessments to apply to the items or dismiss. */
import { StatusBadge } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { PostButton } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { listStatusProposals } from './status-proposals.service.ts';

export type StatusProposals = Awaited<ReturnType<typeof listStatusProposals>>;

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
      <DataTable
        caption={t('proposals.title')}
        captionHidden
        rows={proposals}
        columns={[
          { header: t('proposals.item'), rowHeader: true, cell: (p) => <a href={`/items/${p.itemId}`}>{p.code}</a> },
          {
            header: t('proposals.current'),
            cell: (p) => (p.itemStatus ? <StatusBadge i18n={i18n} status={p.itemStatus} /> : '—'),
          },
          {
            header: t('proposals.proposed'),
            cell: (p) => (p.assessment ? <StatusBadge i18n={i18n} status={p.assessment} /> : null),
          },
          {
            header: t('proposals.decide'),
            cell: (p) => (
              <>
                <PostButton
                  action={action}
                  look="secondary"
                  fields={{ decision: 'apply', entryId: p.entryId }}
                  label={t('proposals.apply')}
                  named={`: ${p.code ?? ''}`}
                />{' '}
                <PostButton
                  action={action}
                  look="link"
                  fields={{ decision: 'dismiss', entryId: p.entryId }}
                  label={t('proposals.dismiss')}
                  named={`: ${p.code ?? ''}`}
                />
              </>
            ),
          },
        ]}
      />
      <PostButton
        action={action}
        look="secondary"
        fields={{ decision: 'apply' }}
        label={t('proposals.applyAll', { count: proposals.length })}
      />
    </section>
  );
}
