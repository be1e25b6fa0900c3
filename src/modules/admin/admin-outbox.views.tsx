/** The outbox page: every e-mail Enlace wrote, newest first, whether it went out, and its text. */
import { DataTable } from '../../web/data-table.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Pager } from '../../web/navigation.tsx';
import type { outboxPage } from './admin.service.ts';
import { AdminFrame, Moment } from './admin.views.tsx';

type OutboxPageData = Awaited<ReturnType<typeof outboxPage>>;
type Message = OutboxPageData['rows'][number];

function Delivery({ i18n, message }: { i18n: Translator; message: Message }) {
  const { t } = i18n;
  switch (message.status) {
    case 'sent':
      return (
        <>
          {t('admin.outbox.sent')} {message.sentAt ? <Moment i18n={i18n} at={message.sentAt} /> : null}
          {message.smtpResponse ? (
            <p class="muted">{t('admin.outbox.smtpResponse', { response: message.smtpResponse })}</p>
          ) : null}
        </>
      );
    case 'failed':
      return (
        <>
          {t('admin.outbox.failed', { attempts: message.attempts })}
          {message.lastError ? (
            <p class="field-error">{t('admin.outbox.lastError', { error: message.lastError })}</p>
          ) : null}
        </>
      );
    case 'not_configured':
      return <>{t('admin.outbox.notConfigured')}</>;
    case 'held':
      return <>{t('admin.outbox.held')}</>;
    case 'digested':
      return <>{t('admin.outbox.digested')}</>;
    default:
      return <>{t('admin.outbox.notSent')}</>;
  }
}

export function OutboxPage(props: { i18n: Translator; currentUrl: string; data: OutboxPageData }) {
  const { i18n, data } = props;
  const { t } = i18n;
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('admin.outbox.title')}>
      <p class="lead">{t('admin.outbox.lead')}</p>
      <DataTable
        caption={t('admin.outbox.title')}
        captionHidden
        rows={data.rows}
        empty={<p class="muted">{t('admin.outbox.none')}</p>}
        columns={[
          { header: t('admin.outbox.to'), cell: (m) => m.to },
          {
            header: t('admin.outbox.subject'),
            cell: (m) => (
              <details>
                <summary>{m.subject}</summary>
                <div class="prose">
                  <p>{m.text}</p>
                </div>
              </details>
            ),
          },
          { header: t('admin.outbox.created'), cell: (m) => <Moment i18n={i18n} at={m.createdAt} /> },
          { header: t('admin.outbox.delivery'), cell: (m) => <Delivery i18n={i18n} message={m} /> },
        ]}
      />
      <Pager i18n={i18n} page={data.page} hasNext={data.hasNext} href={(page) => `/admin/outbox?page=${page}`} />
    </AdminFrame>
  );
}
