/** The search page. */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { actors } from '../../db/schema/index.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import { presentSearch } from './search.presenter.ts';
import { SearchParams } from './search.schema.ts';
import { RESULTS_PER_PAGE, search } from './search.service.ts';
import { SearchPage } from './search.views.tsx';

export const searchPages = new Hono<AppEnv>().get('/search', async (c) => {
  // Empty fields are not filters: the form sends them when nothing is chosen.
  const query = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ''));
  const asked = query.q !== undefined;
  const filters = asked ? parseOr400(SearchParams, query, '') : {};
  const results = asked ? await search(c.var.deps.db, c.var.principal, filters as SearchParams) : null;
  const states = await c.var.deps.db
    .select({ key: actors.key, name: actors.name })
    .from(actors)
    .where(eq(actors.type, 'member_state'));
  const countryNames = new Map(states.map((s) => [s.key, c.var.i18n.pick(s.name)]));
  return render(
    c,
    <SearchPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      filters={filters}
      results={
        results ? presentSearch(c.var.i18n, results, (filters as SearchParams).page, (filters as SearchParams).q) : null
      }
      countryNames={countryNames}
      perPage={RESULTS_PER_PAGE}
    />,
  );
});
