/** Administration pages of the secretariat: index, users and invitations, audit trail, outbox. */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { canAdminister } from '../../domain/authz.ts';
import { filterUsers } from '../../domain/user-filter.ts';
import { AppError, type FieldError, invalidInput } from '../../errors.ts';
import { UuidParam } from '../../http/api.ts';
import { authorize, baseUrl } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { GrantInput } from '../accounts/account.schema.ts';
import {
  grantRole,
  inviteUser,
  listApiTokens,
  removeGrant,
  resendInvitation,
  revokeApiToken,
  setUserActive,
} from '../accounts/account.service.ts';
import { listActors } from '../actors/actor.service.ts';
import { entityNames } from '../audit/audit-entities.ts';
import { AuditPageQuery, InviteForm, PageQuery, UserGrantParams, UsersQuery, UserTokenParams } from './admin.schema.ts';
import { auditEntityTypes, auditPage, findDirectoryUser, listUserDirectory, outboxPage } from './admin.service.ts';
import { AdminIndexPage } from './admin.views.tsx';
import { AuditPage } from './admin-audit.views.tsx';
import { OutboxPage } from './admin-outbox.views.tsx';
import { UserPage } from './admin-user.views.tsx';
import { type InviteValues, UsersPage } from './admin-users.views.tsx';

type Ctx = Context<AppEnv>;

/** Empty query fields (`?entityType=`) mean "no filter". */
const withoutEmpty = (query: Record<string, string>) => Object.fromEntries(Object.entries(query).filter(([, v]) => v));

const INVITE_LABELS: Record<string, MessageKey> = {
  email: 'login.email',
  name: 'account.name',
  locale: 'admin.invite.locale',
  role: 'admin.invite.role',
  actorId: 'admin.invite.actor',
};

/** Clearer messages than the generic ones for the two mistakes people make most. */
const SPECIFIC_MESSAGES: Record<string, MessageKey> = {
  'email:error.field.invalidValue': 'error.field.email',
  'actorId:error.field.invalid': 'admin.invite.actorRequired',
};

async function usersPage(c: Ctx, form: { values?: InviteValues; fields?: FieldError[] } = {}, status = 200) {
  const { db } = c.var.deps;
  const i18n = c.var.i18n;
  const blank = (name: string) => c.req.query(name) || undefined;
  const query = parseOr400(
    UsersQuery,
    { q: blank('q'), role: blank('role'), actor: blank('actor'), state: blank('state') },
    '',
  );
  const filter = { q: query.q, role: query.role, actorId: query.actor, state: query.state };
  const [users, actors] = await Promise.all([listUserDirectory(db), listActors(db)]);
  // The invitation's grant is `grants.0.…` to the service and one field of the form.
  const fields = (form.fields ?? []).map((f) => {
    const field = f.field.replace(/^grants\.0\./, '');
    const label = INVITE_LABELS[field];
    return {
      field,
      messageKey: SPECIFIC_MESSAGES[`${field}:${f.messageKey}`] ?? f.messageKey,
      params: { ...f.params, field: label ? i18n.t(label) : field },
    };
  });
  const invited = c.req.query('invited');
  return render(
    c,
    <UsersPage
      i18n={i18n}
      currentUrl={currentUrl(c)}
      users={filterUsers(users, filter)}
      total={users.length}
      filter={filter}
      actors={actors}
      invited={invited}
      values={form.values}
      errors={formErrors(i18n, fields)}
    />,
    status as ContentfulStatusCode,
  );
}

type UserPageState = { values?: InviteValues; fields?: FieldError[]; error?: AppError };

async function userPage(c: Ctx, id: string, state: UserPageState = {}, status = 200) {
  const by = authorize(c, canAdminister);
  const { db } = c.var.deps;
  const i18n = c.var.i18n;
  const [user, tokens, actors] = await Promise.all([findDirectoryUser(db, id), listApiTokens(db, id), listActors(db)]);
  const fields = (state.fields ?? []).map((f) => {
    const field = f.field.replace(/^grants\.0\./, '');
    const label = INVITE_LABELS[field];
    return { ...f, field, params: { ...f.params, field: label ? i18n.t(label) : field } };
  });
  return render(
    c,
    <UserPage
      i18n={i18n}
      currentUrl={currentUrl(c)}
      user={user}
      tokens={tokens}
      actors={actors}
      isSelf={by.userId === id}
      done={c.req.query('done')}
      values={state.values}
      errors={formErrors(i18n, fields)}
      error={state.error ? i18n.t(state.error.messageKey as MessageKey) : undefined}
    />,
    status as ContentfulStatusCode,
  );
}

/** Runs a secretariat action on a user; a refusal is shown on the user's page, else back to it. */
async function onUser(c: Ctx, id: string, action: () => Promise<void>, values?: InviteValues, done = 'saved') {
  try {
    await action();
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
    return userPage(c, id, { values, fields: err.fields, error: err.fields.length ? undefined : err }, err.status);
  }
  return c.redirect(`/admin/users/${id}?done=${done}`, 303);
}

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export const adminPages = new Hono<AppEnv>()
  .get('/admin', (c) => {
    authorize(c, canAdminister);
    return render(c, <AdminIndexPage i18n={c.var.i18n} currentUrl={currentUrl(c)} />);
  })
  .get('/admin/users', (c) => {
    authorize(c, canAdminister);
    return usersPage(c);
  })
  .post('/admin/users', async (c) => {
    const by = authorize(c, canAdminister);
    const body = await c.req.parseBody();
    const values: InviteValues = Object.fromEntries(
      (['email', 'name', 'locale', 'role', 'actorId'] as const).map((k) => [k, String(body[k] ?? '')]),
    );
    const parsed = InviteForm.safeParse(values);
    if (!parsed.success) return usersPage(c, { values, fields: fieldErrorsFromZod(parsed.error, '') }, 400);
    try {
      await inviteUser(c.var.deps.db, parsed.data, by, { baseUrl: baseUrl(c) });
    } catch (err) {
      if (!(err instanceof AppError) || err.fields.length === 0) throw err;
      return usersPage(c, { values, fields: err.fields }, err.status);
    }
    return c.redirect(`/admin/users?invited=${encodeURIComponent(parsed.data.email)}`, 303);
  })
  .get('/admin/users/:id', (c) => {
    authorize(c, canAdminister);
    return userPage(c, parseOr400(UuidParam, c.req.param(), '').id);
  })
  .post('/admin/users/:id/active', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    const active = (await c.req.parseBody()).active;
    if (active !== 'true' && active !== 'false')
      throw invalidInput([{ field: 'active', messageKey: 'error.field.invalidValue' }]);
    return onUser(c, id, () => setUserActive(c.var.deps.db, id, active === 'true', by));
  })
  .post('/admin/users/:id/invitation', (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    const resend = async () => void (await resendInvitation(c.var.deps.db, id, by, { baseUrl: baseUrl(c) }));
    return onUser(c, id, resend, undefined, 'reinvited');
  })
  .post('/admin/users/:id/grants', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    const body = await c.req.parseBody();
    const values: InviteValues = { role: String(body.role ?? ''), actorId: String(body.actorId ?? '') };
    const parsed = GrantInput.safeParse({ role: values.role, actorId: blankAsUndefined(values.actorId) });
    if (!parsed.success) return userPage(c, id, { values, fields: fieldErrorsFromZod(parsed.error, '') }, 400);
    return onUser(c, id, async () => void (await grantRole(c.var.deps.db, id, parsed.data, by)), values);
  })
  .post('/admin/users/:id/grants/:grantId/remove', (c) => {
    const by = authorize(c, canAdminister);
    const { id, grantId } = parseOr400(UserGrantParams, c.req.param(), '');
    return onUser(c, id, () => removeGrant(c.var.deps.db, id, grantId, by));
  })
  .post('/admin/users/:id/tokens/:tokenId/revoke', (c) => {
    const by = authorize(c, canAdminister);
    const { id, tokenId } = parseOr400(UserTokenParams, c.req.param(), '');
    return onUser(c, id, () => revokeApiToken(c.var.deps.db, by, tokenId, true));
  })
  .get('/admin/audit', async (c) => {
    authorize(c, canAdminister);
    const { page, entityType } = parseOr400(AuditPageQuery, withoutEmpty(c.req.query()), '');
    const { db } = c.var.deps;
    const [data, entityTypes] = await Promise.all([auditPage(db, page, entityType), auditEntityTypes(db)]);
    const names = await entityNames(db, data.rows, c.var.i18n);
    return render(
      c,
      <AuditPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        data={data}
        entityTypes={entityTypes}
        entityType={entityType}
        names={names}
      />,
    );
  })
  .get('/admin/outbox', async (c) => {
    authorize(c, canAdminister);
    const { page } = parseOr400(PageQuery, withoutEmpty(c.req.query()), '');
    const data = await outboxPage(c.var.deps.db, page);
    return render(c, <OutboxPage i18n={c.var.i18n} currentUrl={currentUrl(c)} data={data} />);
  });
