/** Page routes of accounts: sign in and out, invitation and reset links, my account and tokens. */
import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { localPathOr } from '../../domain/local-path.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { UuidParam } from '../../http/api.ts';
import {
  baseUrl,
  clearSessionCookie,
  deviceCookie,
  requirePrincipal,
  SESSION_COOKIE,
  setDeviceCookie,
  setSessionCookie,
} from '../../http/auth.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import { actorLabel } from '../../web/components.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { findActor } from '../actors/actor.service.ts';
import { feedUrl } from './account.presenter.ts';
import { CreateTokenInput, Email, ForgotPasswordInput, SetPasswordInput, TokenParam } from './account.schema.ts';
import {
  accountSettingsOf,
  authenticate,
  createApiToken,
  createSession,
  deleteSession,
  listApiTokens,
  passwordLinkState,
  regenerateFeedSecret,
  requestPasswordReset,
  revokeApiToken,
  setMailDigest,
  usePasswordLink,
} from './account.service.ts';
import { AccountPage, ForgotPasswordPage, LoginPage, SetPasswordPage } from './account.views.tsx';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const MailChoice = z.object({ mail: z.enum(['immediate', 'digest']) });

/** Where signing in leads: the page asked for, or the person's own work (from the home page too). */
const landingAfterSignIn = (next: unknown) => {
  const path = localPathOr(next, '/my-work');
  return path === '/' ? '/my-work' : path;
};

export const accountPages = new Hono<AppEnv>()
  .get('/login', (c) => {
    const next = landingAfterSignIn(c.req.query('next'));
    const notice = c.req.query('done') === 'password' ? c.var.i18n.t('password.done') : undefined;
    return render(c, <LoginPage i18n={c.var.i18n} currentUrl={currentUrl(c)} next={next} notice={notice} />);
  })
  .post('/login', async (c) => {
    const body = await c.req.parseBody();
    const next = landingAfterSignIn(body.next);
    const email = Email.safeParse(text(body.email));
    try {
      if (!email.success) throw new AppError('invalid_credentials', 401, 'error.invalidCredentials');
      const { db } = c.var.deps;
      const signedIn = await authenticate(db, email.data, text(body.password), clientAddress(c), deviceCookie(c));
      const session = await createSession(db, signedIn.user.id);
      setSessionCookie(c, session.token);
      setDeviceCookie(c, signedIn.deviceToken);
      return c.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 401 && err.status !== 429)) throw err;
      const page = (
        <LoginPage
          i18n={c.var.i18n}
          currentUrl={currentUrl(c)}
          next={next}
          email={text(body.email)}
          error={c.var.i18n.t(err.messageKey as MessageKey)}
        />
      );
      return render(c, page, err.status === 429 ? 429 : 401);
    }
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.var.deps.db, token);
    clearSessionCookie(c);
    return c.redirect('/', 303);
  })
  .get('/invitations/:token', (c) => passwordForm(c, 'invitation'))
  .post('/invitations/:token', (c) => passwordSubmit(c, 'invitation'))
  .get('/reset-password/:token', (c) => passwordForm(c, 'password_reset'))
  .post('/reset-password/:token', (c) => passwordSubmit(c, 'password_reset'))
  .get('/forgot-password', (c) =>
    render(c, <ForgotPasswordPage i18n={c.var.i18n} currentUrl={currentUrl(c)} sent={false} />),
  )
  .post('/forgot-password', async (c) => {
    const parsed = ForgotPasswordInput.safeParse({ email: text((await c.req.parseBody()).email) });
    if (!parsed.success) {
      const errors = { email: c.var.i18n.t('error.field.email', { field: c.var.i18n.t('login.email') }) };
      return render(
        c,
        <ForgotPasswordPage i18n={c.var.i18n} currentUrl={currentUrl(c)} sent={false} errors={errors} />,
        400,
      );
    }
    try {
      await requestPasswordReset(c.var.deps.db, parsed.data.email, { baseUrl: baseUrl(c) }, clientAddress(c));
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 429) throw err;
      const page = (
        <ForgotPasswordPage
          i18n={c.var.i18n}
          currentUrl={currentUrl(c)}
          sent={false}
          error={c.var.i18n.t(err.messageKey as MessageKey)}
        />
      );
      return render(c, page, 429);
    }
    return render(c, <ForgotPasswordPage i18n={c.var.i18n} currentUrl={currentUrl(c)} sent={true} />);
  })
  .get('/account', async (c) => accountPage(c))
  .post('/account/tokens', async (c) => {
    const p = requirePrincipal(c);
    const body = await c.req.parseBody();
    const input = parseOr400(
      CreateTokenInput,
      {
        name: text(body.name) || undefined,
        scope: text(body.scope) || undefined,
        expiresInDays: /^\d{1,6}$/.test(text(body.expiresInDays))
          ? Number(text(body.expiresInDays))
          : text(body.expiresInDays) || undefined,
      },
      '',
    );
    const created = await createApiToken(c.var.deps.db, p.userId, input);
    return accountPage(c, created.token);
  })
  .post('/account/tokens/:id/revoke', async (c) => {
    const p = requirePrincipal(c);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    await revokeApiToken(c.var.deps.db, p, id);
    return c.redirect('/account', 303);
  })
  .post('/account/mail', async (c) => {
    const p = requirePrincipal(c);
    const { mail } = parseOr400(MailChoice, { mail: text((await c.req.parseBody()).mail) }, '');
    await setMailDigest(c.var.deps.db, p.userId, mail === 'digest');
    return c.redirect('/account?done=mail#mail-heading', 303);
  })
  .post('/account/feed-secret', async (c) => {
    const p = requirePrincipal(c);
    await regenerateFeedSecret(c.var.deps.db, p.userId);
    return c.redirect('/account?done=feed', 303);
  });

type Ctx = Context<AppEnv>;

async function accountPage(c: Ctx, newToken?: string): Promise<Response> {
  const p = requirePrincipal(c);
  const { db } = c.var.deps;
  const i18n = c.var.i18n;
  const grants = await Promise.all(
    p.grants.map(async (g) => ({
      role: g.role,
      actor: g.actorId ? actorLabel(i18n, await findActor(db, g.actorId)) : null,
    })),
  );
  const [tokens, settings] = await Promise.all([listApiTokens(db, p.userId), accountSettingsOf(db, p.userId)]);
  return render(
    c,
    <AccountPage
      i18n={i18n}
      currentUrl={currentUrl(c)}
      name={p.name}
      email={p.email}
      grants={grants}
      tokens={tokens}
      newToken={newToken}
      feedUrl={feedUrl(baseUrl(c), settings.feedSecret)}
      feedRenewed={c.req.query('done') === 'feed'}
      mailDigest={settings.mailDigest}
      mailSaved={c.req.query('done') === 'mail'}
    />,
  );
}

function passwordPageProps(c: Ctx, purpose: 'invitation' | 'password_reset') {
  const { t } = c.var.i18n;
  const token = TokenParam.safeParse({ token: c.req.param('token') });
  if (!token.success) throw new AppError('link_invalid', 410, 'error.linkInvalid');
  return {
    token: token.data.token,
    action: purpose === 'invitation' ? `/invitations/${token.data.token}` : `/reset-password/${token.data.token}`,
    title: purpose === 'invitation' ? t('invitation.title') : t('reset.title'),
    intro: purpose === 'invitation' ? t('invitation.intro') : t('reset.intro'),
  };
}

/** The form to choose a password; a link already used, expired or unknown says so at once, not after the form is filled. */
async function passwordForm(c: Ctx, purpose: 'invitation' | 'password_reset'): Promise<Response> {
  const props = passwordPageProps(c, purpose);
  const link = await passwordLinkState(c.var.deps.db, props.token, purpose);
  if (link.state !== 'valid') {
    const { t } = c.var.i18n;
    const problem =
      link.state === 'used'
        ? t('link.used')
        : link.state === 'expired' && link.expiresAt
          ? t('link.expired', { date: c.var.i18n.date(link.expiresAt) })
          : t('link.unknown');
    const page = (
      <SetPasswordPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        {...props}
        unusable={{ problem, next: purpose === 'invitation' ? t('link.askInvitation') : t('link.askReset') }}
      />
    );
    return render(c, page, 410);
  }
  return render(c, <SetPasswordPage i18n={c.var.i18n} currentUrl={currentUrl(c)} {...props} />);
}

async function passwordSubmit(c: Ctx, purpose: 'invitation' | 'password_reset'): Promise<Response> {
  const props = passwordPageProps(c, purpose);
  const refuse = (fields: FieldError[]) => {
    const errors = formErrors(c.var.i18n, fields);
    return render(c, <SetPasswordPage i18n={c.var.i18n} currentUrl={currentUrl(c)} {...props} errors={errors} />, 400);
  };
  const parsed = SetPasswordInput.safeParse({ password: text((await c.req.parseBody()).password) });
  if (!parsed.success) return refuse([{ field: 'password', messageKey: 'error.field.passwordRule' }]);
  let userId: string;
  try {
    userId = await usePasswordLink(c.var.deps.db, props.token, parsed.data.password, purpose);
  } catch (err) {
    if (!(err instanceof AppError) || err.fields.length === 0) throw err;
    return refuse(err.fields);
  }
  if (purpose === 'invitation') {
    // A new member is signed in and sees at once what is theirs to do.
    const session = await createSession(c.var.deps.db, userId);
    setSessionCookie(c, session.token);
    return c.redirect('/my-work?done=welcome', 303);
  }
  return c.redirect('/login?done=password', 303);
}
