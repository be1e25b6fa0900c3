/** One user's page for the secretariat: state, grants (remove, add), API tokens (revoke), deactivate or restore. */
import { actorLabel, MetaList, Notice } from '../../web/components.tsx';
import { ErrorSummary, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { TokenRow } from '../accounts/account.service.ts';
import { TokenTable } from '../accounts/token-table.views.tsx';
import type { ActorChoice, DirectoryUser } from './admin.service.ts';
import { AdminFrame } from './admin.views.tsx';
import { GrantFields, type InviteValues, userState } from './admin-users.views.tsx';

type UserPageProps = {
  i18n: Translator;
  currentUrl: string;
  user: DirectoryUser;
  tokens: TokenRow[];
  actors: ActorChoice[];
  isSelf: boolean;
  done?: string | undefined;
  values?: InviteValues;
  errors?: FormErrors;
  error?: string | undefined;
};

function Grants({ i18n, user, isSelf }: Pick<UserPageProps, 'i18n' | 'user' | 'isSelf'>) {
  const { t } = i18n;
  if (user.grants.length === 0) return <p class="muted">{t('account.noGrants')}</p>;
  return (
    <ul class="plain-list">
      {user.grants.map((g) => {
        const label = g.actor ? `${t(`role.${g.role}`)} — ${actorLabel(i18n, g.actor)}` : t(`role.${g.role}`);
        const own = isSelf && g.role === 'secretariat';
        return (
          <li>
            {label}{' '}
            {own ? null : (
              <PostButton
                action={`/admin/users/${user.id}/grants/${g.id}/remove`}
                look="secondary"
                label={t('admin.user.removeGrant', { grant: label })}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function UserPage(props: UserPageProps) {
  const { i18n, user } = props;
  const { t } = i18n;
  return (
    <AdminFrame
      i18n={i18n}
      currentUrl={props.currentUrl}
      title={user.name}
      parent={{ href: '/admin/users', label: t('admin.users.title') }}
    >
      {props.done ? (
        <Notice>
          {props.done === 'reinvited' ? t('admin.user.reinvited', { email: user.email }) : t('admin.user.saved')}
        </Notice>
      ) : null}
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      <MetaList
        items={[
          [t('login.email'), user.email],
          [t('admin.users.state'), userState(i18n, user)],
        ]}
      />
      {user.invited && user.active ? (
        <section aria-labelledby="invitation-heading">
          <h2 id="invitation-heading">{t('admin.user.invitation')}</h2>
          <p>{t('admin.user.invitationLead')}</p>
          <PostButton action={`/admin/users/${user.id}/invitation`} look="secondary" label={t('admin.user.resend')} />
        </section>
      ) : null}
      {props.isSelf ? null : (
        <section aria-labelledby="access-heading">
          <h2 id="access-heading">{t('admin.user.access')}</h2>
          <p>{user.active ? t('admin.user.deactivateLead') : t('admin.user.activateLead')}</p>
          <PostButton
            action={`/admin/users/${user.id}/active`}
            look="secondary"
            label={user.active ? t('admin.user.deactivate') : t('admin.user.activate')}
            fields={{ active: String(!user.active) }}
          />
        </section>
      )}
      <section aria-labelledby="grants-heading">
        <h2 id="grants-heading">{t('account.grants')}</h2>
        <Grants i18n={i18n} user={user} isSelf={props.isSelf} />
        <PostForm action={`/admin/users/${user.id}/grants`} submit={t('admin.user.addGrant')}>
          <GrantFields i18n={i18n} actors={props.actors} idPrefix="grant" values={props.values} errors={props.errors} />
        </PostForm>
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('account.tokens')}</h2>
        <TokenTable
          i18n={i18n}
          tokens={props.tokens}
          caption={t('account.tokens')}
          revokeAction={(id) => `/admin/users/${user.id}/tokens/${id}/revoke`}
        />
      </section>
    </AdminFrame>
  );
}
