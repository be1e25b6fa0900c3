/** Builds the item page's editing panel for the secretariat; nobody else gets one. */
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { listActors, today } from '../actors/actor.service.ts';
import type { getItem } from './programme.service.ts';
import { canEditProgrammes } from './programme-editing.policy.ts';
import { EditingPanel, type EditingState } from './programme-editing.views.tsx';

type ItemDetail = Awaited<ReturnType<typeof getItem>>;

export async function editingPanelFor(c: Context<AppEnv>, detail: ItemDetail, state?: EditingState) {
  if (!canEditProgrammes(c.var.principal)) return undefined;
  const { item } = detail;
  const actors = await listActors(c.var.deps.db);
  return (
    <EditingPanel
      i18n={c.var.i18n}
      item={{ ...item, hasChildren: item.children.length > 0 }}
      levels={detail.levels}
      actors={actors}
      today={today()}
      saved={c.req.query('saved') === '1'}
      state={state}
    />
  );
}
