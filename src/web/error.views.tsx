/** The error page, in the user's language, without internals. */
import type { AppError } from '../errors.ts';
import type { MessageKey, Translator } from './i18n/i18n.ts';
import { Layout } from './layout.tsx';

export function ErrorPage({ i18n, error, currentUrl }: { i18n: Translator; error: AppError; currentUrl: string }) {
  const { t } = i18n;
  const title = t(error.messageKey as MessageKey, error.params);
  return (
    <Layout i18n={i18n} title={title} currentUrl={currentUrl}>
      <div class="error-page">
        <p class="muted">{t('error.code', { status: error.status })}</p>
        <h1>{title}</h1>
        {error.fields.length > 0 ? (
          <ul>
            {error.fields.map((f) => (
              <li>{t(f.messageKey as MessageKey, { field: f.field, ...f.params })}</li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </div>
    </Layout>
  );
}
