/** The outbox page: every e-mail Enlace wrote, newest first, whether it went out, and its text. */
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
      {data.rows.length === 0 ? (
        <p class="muted">{t('admin.outbox.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('admin.outbox.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.outbox.to')}</th>
                <th scope="col">{t('admin.outbox.subject')}</th>
                <th scope="col">{t('admin.outbox.created')}</th>
                <th scope="col">{t('admin.outbox.delivery')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((m) => (
                <tr>
                  <td>{m.to}</td>
                  <td>
                    <details>
                      <summary>{m.subject}</summary>
                      <div class="prose">
                        <p>{m.text}</p>
                      </div>
                    </details>
                  </td>
                  <td>
                    <Moment i18n={i18n} at={m.createdAt} />
                  </td>
                  <td>
                    <Delivery i18n={i18n} message={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager i18n={i18n} page={data.page} hasNext={data.hasNext} href={(page) => `/admin/outbox?page=${page}`} />
    </AdminFrame>
  );
}
