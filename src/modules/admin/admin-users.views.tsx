/** The users page: who has an account, with what permissions, and the form to invite someone. */
import { GRANT_ROLES } from '../../db/schema/index.ts';
import { stateOf, USER_STATES, type UserFilter } from '../../domain/user-filter.ts';
import { actorLabel, Notice } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { actorGroups, SelectField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { ActorChoice, DirectoryUser } from './admin.service.ts';
import { AdminFrame } from './admin.views.tsx';

export type InviteValues = Partial<Record<'email' | 'name' | 'locale' | 'role' | 'actorId', string>>;

type UsersPageProps = {
  i18n: Translator;
  currentUrl: string;
  /** The users the filter keeps, of `total`. */
  users: DirectoryUser[];
  total: number;
  filter: UserFilter;
  actors: ActorChoice[];
  invited?: string | undefined;
  values?: InviteValues;
  errors?: FormErrors;
};

export function GrantList({ i18n, grants }: { i18n: Translator; grants: DirectoryUser['grants'] }) {
  const { t } = i18n;
  if (grants.length === 0) return <span class="muted">{t('account.noGrants')}</span>;
  return (
    <ul>
      {grants.map((g) => (
        <li>{g.actor ? `${t(`role.${g.role}`)} — ${actorLabel(i18n, g.actor)}` : t(`role.${g.role}`)}</li>
      ))}
    </ul>
  );
}

/** The role and actor of a grant: in the invitation and on a user's page. */
export function GrantFields({
  i18n,
  actors,
  idPrefix,
  legend,
  values = {},
  errors = {},
}: {
  i18n: Translator;
  actors: ActorChoice[];
  idPrefix: string;
  legend?: string;
  values?: InviteValues;
  errors?: FormErrors;
}) {
  const { t } = i18n;
  return (
    <fieldset>
      <legend>{legend ?? t('account.grants')}</legend>
      <SelectField
        id={`${idPrefix}-role`}
        name="role"
        label={t('admin.invite.role')}
        value={values.role ?? 'focal_point'}
        error={errors.role}
        options={GRANT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        required
      />
      <SelectField
        id={`${idPrefix}-actor`}
        name="actorId"
        label={t('admin.invite.actor')}
        hint={t('admin.invite.actorHint')}
        value={values.actorId}
        error={errors.actorId}
        placeholder={t('admin.invite.noActor')}
        groups={actorGroups(i18n, actors)}
        searchLabel={t('form.searchList', { label: t('admin.invite.actor') })}
      />
    </fieldset>
  );
}

export const userState = (i18n: Translator, u: Pick<DirectoryUser, 'active' | 'invited'>): string =>
  i18n.t(`admin.users.${stateOf(u)}`);

function UserFilters({ i18n, actors, filter }: { i18n: Translator; actors: ActorChoice[]; filter: UserFilter }) {
  const { t } = i18n;
  return (
    <form class="filters" method="get" action="/admin/users" role="search" aria-label={t('admin.users.filter')}>
      <div>
        <label for="users-q">{t('admin.users.search')}</label>
        <input id="users-q" name="q" type="search" value={filter.q ?? ''} maxlength={200} />
      </div>
      <SelectField
        id="users-role"
        name="role"
        label={t('admin.invite.role')}
        value={filter.role}
        placeholder={t('filter.all')}
        options={GRANT_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
      />
      <SelectField
        id="users-actor"
        name="actor"
        label={t('admin.invite.actor')}
        value={filter.actorId}
        placeholder={t('filter.all')}
        groups={actorGroups(i18n, actors)}
        searchLabel={t('form.searchList', { label: t('admin.invite.actor') })}
      />
      <SelectField
        id="users-state"
        name="state"
        label={t('admin.users.state')}
        value={filter.state}
        placeholder={t('filter.all')}
        options={USER_STATES.map((s) => ({ value: s, label: t(`admin.users.${s}`) }))}
      />
      <div>
        <button class="button" type="submit">
          {t('filter.apply')}
        </button>
      </div>
    </form>
  );
}

function InviteForm({
  i18n,
  actors,
  values = {},
  errors = {},
}: Omit<UsersPageProps, 'users' | 'currentUrl' | 'total' | 'filter'>) {
  const { t } = i18n;
  return (
    <section aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.invite.title')}</h2>
      <p>{t('admin.invite.lead')}</p>
      <ErrorSummary i18n={i18n} errors={errors} />
      <PostForm action="/admin/users" submit={t('admin.invite.submit')}>
        <Field
          id="invite-email"
          name="email"
          type="email"
          label={t('login.email')}
          value={values.email}
          error={errors.email}
          required
          autocomplete="off"
        />
        <Field
          id="invite-name"
          name="name"
          label={t('account.name')}
          value={values.name}
          error={errors.name}
          required
          autocomplete="off"
        />
        <SelectField
          id="invite-locale"
          name="locale"
          label={t('admin.invite.locale')}
          hint={t('admin.invite.localeHint')}
          value={values.locale ?? i18n.locale}
          error={errors.locale}
          options={[
            { value: 'es', label: t('language.es') },
            { value: 'en', label: t('language.en') },
          ]}
          required
        />
        <GrantFields i18n={i18n} actors={actors} idPrefix="invite" values={values} errors={errors} />
      </PostForm>
    </section>
  );
}

export function UsersPage(props: UsersPageProps) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('admin.users.title')}>
      {props.invited ? <Notice>{t('admin.invite.sent', { email: props.invited })}</Notice> : null}
      <UserFilters i18n={i18n} actors={props.actors} filter={props.filter} />
      <p role="status">{t('admin.users.count', { shown: props.users.length, total: props.total })}</p>
      <DataTable
        caption={t('admin.users.title')}
        captionHidden
        rows={props.users}
        empty={null}
        columns={[
          { header: t('account.name'), cell: (u) => <a href={`/admin/users/${u.id}`}>{u.name}</a> },
          { header: t('login.email'), cell: (u) => u.email },
          { header: t('admin.users.state'), cell: (u) => userState(i18n, u) },
          { header: t('account.grants'), cell: (u) => <GrantList i18n={i18n} grants={u.grants} /> },
        ]}
      />
      <InviteForm i18n={i18n} actors={props.actors} values={props.values} errors={props.errors} />
    </AdminFrame>
  );
}
