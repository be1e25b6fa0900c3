/** The signed-in home: GET /my-work. */
import { Hono } from 'hono';
import { requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import { myWork } from './my-work.service.ts';
import { MyWorkPage } from './my-work.views.tsx';

export const myWorkPages = new Hono<AppEnv>().get('/my-work', async (c) => {
  const p = requirePrincipal(c);
  const work = await myWork(c.var.deps.db, p);
  const notice = c.req.query('done') === 'welcome' ? c.var.i18n.t('work.welcome') : undefined;
  return render(
    c,
    <MyWorkPage i18n={c.var.i18n} currentUrl={currentUrl(c)} name={p.name} work={work} notice={notice} />,
  );
});
