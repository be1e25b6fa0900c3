/** Filtering a programme's items as the table view and the items API do. */
import type { ItemStatus } from './status.ts';

export type FilterableItem = {
  levelKey: string;
  code: string;
  text: string;
  status: ItemStatus | null;
  actors: { id: string }[];
};

export type ItemCriteria = {
  level?: string | undefined;
  status?: ItemStatus | 'none' | undefined;
  /** Ids that count for the chosen actor: itself and the groups it belongs to. */
  actorIds?: ReadonlySet<string> | undefined;
  q?: string | undefined;
};

/** Lower case without accents, so "migracion" finds "MIGRACIÓN". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesCriteria(item: FilterableItem, criteria: ItemCriteria): boolean {
  if (criteria.level && item.levelKey !== criteria.level) return false;
  if (criteria.status) {
    if (criteria.status === 'none' ? item.status !== null : item.status !== criteria.status) return false;
  }
  if (criteria.actorIds && !item.actors.some((a) => criteria.actorIds?.has(a.id))) return false;
  const q = criteria.q?.trim();
  if (q) {
    const needle = foldText(q);
    if (!foldText(`${item.code} ${item.text}`).includes(needle)) return false;
  }
  return true;
}
