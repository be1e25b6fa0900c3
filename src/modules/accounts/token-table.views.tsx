/** A table of API tokens (without their secrets) with a revoke button each: on my account, and on a user's page for the secretariat. */
import { DataTable } from '../../web/data-table.tsx';
import { PostButton } from '../../web/forms.tsx';
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
  const { i18n } = props;
  const { t } = i18n;
  const now = props.now ?? new Date();
  const date = (d: Date) => i18n.date(d, 'medium');
  return (
    <DataTable
      caption={props.caption}
      captionHidden
      rows={props.tokens}
      empty={<p class="muted">{t('account.noTokens')}</p>}
      columns={[
        { header: t('account.tokenName'), cell: (tk) => tk.name },
        { header: t('account.tokenPrefix'), cell: (tk) => <code>{`${tk.prefix}…`}</code> },
        { header: t('account.tokenScope'), cell: (tk) => t(`account.scope.${tk.scope}`) },
        { header: t('account.tokenCreated'), cell: (tk) => date(tk.createdAt) },
        {
          header: t('account.tokenExpires'),
          cell: (tk) => (tk.expiresAt ? date(tk.expiresAt) : t('account.tokenNeverExpires')),
        },
        { header: t('account.tokenLastUsed'), cell: (tk) => (tk.lastUsedAt ? date(tk.lastUsedAt) : '—') },
        {
          header: t('account.tokenState'),
          cell: (tk) =>
            tokenState(i18n, tk, now) ?? (
              <PostButton
                action={props.revokeAction(tk.id)}
                look="secondary"
                label={t('account.revoke')}
                named={` ${tk.name}`}
              />
            ),
        },
      ]}
    />
  );
}
