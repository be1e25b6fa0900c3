/** Renders a page with the signed-in user available to the layout. */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isSecretariat } from '../domain/authz.ts';
import { type PageUser, SessionContext } from '../web/session-context.ts';
import type { AppEnv } from './env.ts';
import { fillPeerPage, markedUser, rendersForPeers } from './peer-pages.ts';

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
const document = (user: PageUser | null, page: Child) =>
  html`<!DOCTYPE html>${<SessionContext.Provider value={user}>{page}</SessionContext.Provider>}`;

/**
 * The page as an HTML answer. A page the route marked the same for the
 * person's peers (`sameForPeers`) is drawn with markers for their name and
 * form token, kept in parts, and filled in (see `peer-pages.ts`).
 */
export async function render(c: Context<AppEnv>, page: Child, status: ContentfulStatusCode = 200) {
  const user = pageUser(c);
  if (!user || !rendersForPeers(c)) return c.html(document(user, page), status);
  const marked = String(await document(markedUser(user), page));
  return c.html(fillPeerPage(c, marked), status);
}
