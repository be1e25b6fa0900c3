/** Pages of accounts: sign in, set a password from a link, forgot password, my account, users. */
import type { Child } from 'hono/jsx';
import { TOKEN_SCOPES } from '../../db/schema/index.ts';
import { MetaList, Notice } from '../../web/components.tsx';
import { SelectField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { TOKEN_LIFETIMES } from './account.schema.ts';
import { TOKEN_DAYS, type TokenRow } from './account.service.ts';
import { TokenTable } from './token-table.views.tsx';

type Base = { i18n: Translator; currentUrl: string };

function SimplePage({
  i18n,
  currentUrl,
  title,
  children,
  section,
}: Base & { title: string; children: Child; section?: 'account' | 'admin' }) {
  return (
    <Layout i18n={i18n} title={title} currentUrl={currentUrl} section={section}>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function LoginPage(
  props: Base & { next: string; email?: string; error?: string | undefined; notice?: string | undefined },
) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <SimplePage {...props} title={t('login.title')}>
      <Notice>{props.notice}</Notice>
      <ErrorSummary i18n={i18n} message={props.error} />
      <form class="form" method="post" action="/login">
        <input type="hidden" name="next" value={props.next} />
        <Field
          id="email"
          name="email"
          type="email"
          label={t('login.email')}
          value={props.email}
          required
          autocomplete="username"
        />
        <Field
          id="password"
          name="password"
          type="password"
          label={t('login.password')}
          required
          autocomplete="current-password"
        />
        <div class="actions">
          <button class="button" type="submit">
            {t('login.submit')}
          </button>
          <a href="/forgot-password">{t('login.forgot')}</a>
        </div>
      </form>
    </SimplePage>
  );
}

export function SetPasswordPage(
  props: Base & {
    action: string;
    title: string;
    intro: string;
    errors?: FormErrors;
    error?: string | undefined;
    /** The link cannot be used: why, and what to do instead. */
    unusable?: { problem: string; next: string };
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  if (props.unusable) {
    return (
      <SimplePage {...props} title={props.title}>
        <Notice kind="error">
          <p>{props.unusable.problem}</p>
        </Notice>
        <p>{props.unusable.next}</p>
        <p class="actions">
          <a class="button" href="/login">
            {t('nav.login')}
          </a>
          <a href="/forgot-password">{t('login.forgot')}</a>
        </p>
      </SimplePage>
    );
  }
  return (
    <SimplePage {...props} title={props.title}>
      <p>{props.intro}</p>
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      <form class="form" method="post" action={props.action}>
        <Field
          id="password"
          name="password"
          type="password"
          label={t('password.new')}
          hint={t('password.rule')}
          error={props.errors?.password}
          required
          autocomplete="new-password"
        />
        <button class="button" type="submit">
          {t('password.save')}
        </button>
      </form>
    </SimplePage>
  );
}

export function ForgotPasswordPage(props: Base & { sent: boolean; errors?: FormErrors; error?: string | undefined }) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <SimplePage {...props} title={t('forgot.title')}>
      {props.sent ? (
        <Notice>{t('forgot.sent')}</Notice>
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
          <form class="form" method="post" action="/forgot-password">
            <Field
              id="email"
              name="email"
              type="email"
              label={t('login.email')}
              error={props.errors?.email}
              required
              autocomplete="username"
            />
            <button class="button" type="submit">
              {t('forgot.submit')}
            </button>
          </form>
        </>
      )}
    </SimplePage>
  );
}

export function AccountPage(
  props: Base & {
    name: string;
    email: string;
    grants: { role: string; actor: string | null }[];
    tokens: TokenRow[];
    newToken?: string | undefined;
    feedUrl: string;
    feedRenewed: boolean;
    mailDigest: boolean;
    mailSaved: boolean;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <SimplePage {...props} title={t('account.title')} section="account">
      <MetaList
        items={[
          [t('account.name'), props.name],
          [t('login.email'), props.email],
          [
            t('account.grants'),
            props.grants.length === 0 ? (
              t('account.noGrants')
            ) : (
              <ul>
                {props.grants.map((g) => (
                  <li>
                    {g.actor ? `${t(`role.${g.role as 'member'}`)} — ${g.actor}` : t(`role.${g.role as 'member'}`)}
                  </li>
                ))}
              </ul>
            ),
          ],
        ]}
      />
      <h2 id="mail-heading">{t('account.mail')}</h2>
      {props.mailSaved ? <Notice>{t('account.mailSaved')}</Notice> : null}
      <PostForm action="/account/mail" submit={t('account.mailSave')} look="secondary">
        <fieldset>
          <legend>{t('account.mailLegend')}</legend>
          <div class="field check">
            <input type="radio" id="mail-immediate" name="mail" value="immediate" checked={!props.mailDigest} />
            <label for="mail-immediate">{t('account.mailImmediate')}</label>
          </div>
          <div class="field check">
            <input type="radio" id="mail-digest" name="mail" value="digest" checked={props.mailDigest} />
            <label for="mail-digest">{t('account.mailDigest')}</label>
          </div>
          <p class="hint">{t('account.mailHint')}</p>
        </fieldset>
      </PostForm>
      <h2 id="feed-heading">{t('account.feed')}</h2>
      <p>{t('account.feedIntro')}</p>
      {props.feedRenewed ? <Notice>{t('account.feedRenewed')}</Notice> : null}
      <p class="token-value">{props.feedUrl}</p>
      <PostButton action="/account/feed-secret" look="secondary" label={t('account.feedRenew')} />
      <h2>{t('account.tokens')}</h2>
      <p>{t('account.tokensIntro')}</p>
      {props.newToken ? (
        <Notice>
          <p>{t('account.tokenShownOnce')}</p>
          <p class="token-value">{props.newToken}</p>
        </Notice>
      ) : null}
      <TokenTable
        i18n={i18n}
        tokens={props.tokens}
        caption={t('account.tokens')}
        revokeAction={(id) => `/account/tokens/${id}/revoke`}
      />
      <PostForm action="/account/tokens" submit={t('account.createToken')}>
        <Field id="token-name" name="name" label={t('account.tokenName')} value="" required />
        <SelectField
          id="token-scope"
          name="scope"
          label={t('account.tokenScope')}
          value="read_write"
          options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`account.scope.${s}`) }))}
        />
        <SelectField
          id="token-expiry"
          name="expiresInDays"
          label={t('account.tokenExpires')}
          value={String(TOKEN_DAYS)}
          options={TOKEN_LIFETIMES.map((days) => ({ value: String(days), label: t('account.tokenDays', { days }) }))}
        />
      </PostForm>
    </SimplePage>
  );
}
