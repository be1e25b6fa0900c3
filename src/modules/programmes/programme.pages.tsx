/** Page routes of the programme registry: home, programme (tree and table) and item. */
import { Hono } from 'hono';
import { z } from 'zod';
import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { UuidParam } from '../../http/api.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { sameForPeers } from '../../http/peer-pages.ts';
import { render } from '../../http/render.tsx';
import { actorLabel } from '../../web/components.tsx';
import { HomePage } from '../home/home.views.tsx';
import { listCycles } from '../reporting/cycle.service.ts';
import { ItemFilterSchema, SlugParam } from './programme.schema.ts';
import { findProgrammeItems, getItem, getProgramme, listProgrammes } from './programme.service.ts';
import { ItemPage, ProgrammeTablePage, ProgrammeTreePage } from './programme.views.tsx';
import { editingPanelFor } from './programme-editing.pages.tsx';

const ProgrammeQuery = ItemFilterSchema.extend({ view: z.enum(['tree', 'table']).optional() });

/** Empty form fields (`?level=`) mean "no filter". */
function withoutEmpty(query: Record<string, string>) {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

export const programmePages = new Hono<AppEnv>()
  .get('/', async (c) => {
    const programmes = await listProgrammes(c.var.deps.db);
    const published = await listCycles(c.var.deps.db, null);
    return render(
      c,
      <HomePage i18n={c.var.i18n} programmes={programmes} published={published} currentUrl={currentUrl(c)} />,
    );
  })
  .get('/programmes/:slug', async (c) => {
    // The same for every peer: rights decide what it shows (canEdit), never who the person is.
    sameForPeers(c);
    const { slug } = parseOr400(SlugParam, c.req.param(), '');
    const { view, ...filter } = parseOr400(ProgrammeQuery, withoutEmpty(c.req.query()), '');
    const { db } = c.var.deps;
    const programme = await getProgramme(db, slug);
    const { tree, all, matching } = await findProgrammeItems(db, slug, filter);
    const i18n = c.var.i18n;
    if (view !== 'table' && Object.keys(filter).length === 0) {
      return render(
        c,
        <ProgrammeTreePage
          i18n={i18n}
          programme={programme}
          tree={tree}
          currentUrl={currentUrl(c)}
          canEdit={canEditProgrammes(c.var.principal)}
        />,
      );
    }
    const seen = new Map<string, string>();
    for (const item of all) for (const a of item.actors) seen.set(a.key, actorLabel(i18n, a));
    const actorOptions = [...seen]
      .map(([key, label]) => ({ key, label }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.locale));
    return render(
      c,
      <ProgrammeTablePage
        i18n={i18n}
        programme={programme}
        items={matching}
        total={all.length}
        filter={filter}
        actorOptions={actorOptions}
        currentUrl={currentUrl(c)}
      />,
    );
  })
  .get('/items/:id', async (c) => {
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    const detail = await getItem(c.var.deps.db, id);
    const editing = await editingPanelFor(c, detail);
    return render(c, <ItemPage i18n={c.var.i18n} detail={detail} currentUrl={currentUrl(c)} editing={editing} />);
  });
