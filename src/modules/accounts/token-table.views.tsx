/** A table of API tokens (without their secrets) with a revoke button each: on my account, and on a user's page for the secretariat. */
import { CsrfField } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { TokenRow } from './account.service.ts';

function tokenState(i18n: Translator, tk: TokenRow, now: Date): string | null {
  if (tk.revokedAt) return i18n.t('account.tokenRevoked');
  if (tk.expiresAt && tk.expiresAt <= now) return i18n.t('account.tokenExpired');
  return null;
}

export function TokenTable(props: {
  i18n: Translator;
  tokens: TokenRow[];
  caption: string;
  revokeAction: (id: string) => string;
  now?: Date;
}) {
  const { i18n, tokens } = props;
  const { t } = i18n;
  const now = props.now ?? new Date();
  if (tokens.length === 0) return <p class="muted">{t('account.noTokens')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('account.tokenName')}</th>
            <th scope="col">{t('account.tokenPrefix')}</th>
            <th scope="col">{t('account.tokenScope')}</th>
            <th scope="col">{t('account.tokenCreated')}</th>
            <th scope="col">{t('account.tokenExpires')}</th>
            <th scope="col">{t('account.tokenLastUsed')}</th>
            <th scope="col">{t('account.tokenState')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => {
            const ended = tokenState(i18n, tk, now);
            return (
              <tr>
                <td>{tk.name}</td>
                <td>
                  <code>{`${tk.prefix}…`}</code>
                </td>
                <td>{t(`account.scope.${tk.scope}`)}</td>
                <td>{i18n.date(tk.createdAt, 'medium')}</td>
                <td>{tk.expiresAt ? i18n.date(tk.expiresAt, 'medium') : t('account.tokenNeverExpires')}</td>
                <td>{tk.lastUsedAt ? i18n.date(tk.lastUsedAt, 'medium') : '—'}</td>
                <td>
                  {ended ?? (
                    <form method="post" action={props.revokeAction(tk.id)} class="inline-form">
                      <CsrfField />
                      <button type="submit" class="button secondary">
                        {t('account.revoke')}
                        <span class="visually-hidden"> {tk.name}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
