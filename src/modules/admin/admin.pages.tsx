/** Administration pages of the secretariat: index, users and invitations, audit trail, outbox. */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { canAdminister } from '../../domain/authz.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { authorize, baseUrl } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { inviteUser } from '../accounts/account.service.ts';
import { listActors } from '../actors/actor.service.ts';
import { AuditPageQuery, InviteForm, PageQuery } from './admin.schema.ts';
import { auditEntityTypes, auditPage, listUserDirectory, outboxPage } from './admin.service.ts';
import { AdminIndexPage } from './admin.views.tsx';
import { AuditPage } from './admin-audit.views.tsx';
import { OutboxPage } from './admin-outbox.views.tsx';
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
      users={users}
      actors={actors}
      invited={invited}
      values={form.values}
      errors={formErrors(i18n, fields)}
    />,
    status as ContentfulStatusCode,
  );
}

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
  .get('/admin/audit', async (c) => {
    authorize(c, canAdminister);
    const { page, entityType } = parseOr400(AuditPageQuery, withoutEmpty(c.req.query()), '');
    const { db } = c.var.deps;
    const [data, entityTypes] = await Promise.all([auditPage(db, page, entityType), auditEntityTypes(db)]);
    return render(
      c,
      <AuditPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        data={data}
        entityTypes={entityTypes}
        entityType={entityType}
      />,
    );
  })
  .get('/admin/outbox', async (c) => {
    authorize(c, canAdminister);
    const { page } = parseOr400(PageQuery, withoutEmpty(c.req.query()), '');
    const data = await outboxPage(c.var.deps.db, page);
    return render(c, <OutboxPage i18n={c.var.i18n} currentUrl={currentUrl(c)} data={data} />);
  });
