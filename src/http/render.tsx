/** Renders a page with the signed-in user available to the layout. */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isSecretariat } from '../domain/authz.ts';
import { type PageUser, SessionContext } from '../web/session-context.ts';
import type { AppEnv } from './env.ts';

export function pageUser(c: Context<AppEnv>): PageUser | null {
  const p = c.var.principal;
  if (!p) return null;
  return {
    name: p.name,
    csrfToken: p.csrfToken,
    isSecretariat: isSecretariat(p),
    reports: p.grants.some((g) => g.role === 'focal_point' || g.role === 'validator' || g.role === 'secretariat'),
  };
}

/** Every page in standards mode: without the doctype browsers lay pages out in quirks mode. */
export function render(c: Context<AppEnv>, page: Child, status: ContentfulStatusCode = 200) {
  return c.html(
    html`<!DOCTYPE html>${<SessionContext.Provider value={pageUser(c)}>{page}</SessionContext.Provider>}`,
    status,
  );
}
