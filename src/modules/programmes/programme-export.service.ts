/**
 * A programme's plan for export: its tree with each item's actors named so
 * that an import reads them back to the same actors, the leaves' statuses
 * in the reader's language, the calendar and notes.
 */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { itemNotes } from '../../db/schema/index.ts';
import type { TreeNode } from '../../domain/item-tree.ts';
import { actorIndex, actorsInCell } from '../../domain/plan-import/cell-values.ts';
import type { LayoutItem } from '../../domain/plan-import/plan-layout.ts';
import { today } from '../../domain/zoned-time.ts';
import { type PlanTable, planTable } from '../../render/documents/plan-table.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { knownActors } from '../plan-import/plan-import.service.ts';
import { type AssignedActor, getProgramme, listProgrammeItems, type ProgrammeItem } from './programme.service.ts';

/**
 * The first of the actor's names that reads back as that actor alone: its
 * acronym, else its name, in the reader's language first; its key when every
 * name is shared or would be read as several.
 */
function actorLabel(actor: AssignedActor, locale: string, index: ReadonlyMap<string, string>): string {
  const candidates = [
    actor.acronym[locale],
    actor.name[locale],
    ...Object.values(actor.acronym),
    ...Object.values(actor.name),
  ].filter((name): name is string => Boolean(name));
  const none = new Map<string, string>();
  return (
    candidates.find((name) => {
      const read = actorsInCell(name, index, none);
      return read.unknown.length === 0 && read.keys.length === 1 && read.keys[0] === actor.key;
    }) ?? actor.key
  );
}

export async function programmePlan(db: Db, slug: string, i18n: Translator): Promise<PlanTable> {
  const programme = await getProgramme(db, slug);
  const roots = await listProgrammeItems(db, programme.id);
  const ids: string[] = [];
  const collect = (list: TreeNode<ProgrammeItem>[]) => {
    for (const item of list) {
      ids.push(item.id);
      collect(item.children);
    }
  };
  collect(roots);
  const notes = new Map<string, string[]>();
  if (ids.length > 0) {
    const rows = await db
      .select({ itemId: itemNotes.itemId, text: itemNotes.text })
      .from(itemNotes)
      .where(inArray(itemNotes.itemId, ids))
      .orderBy(asc(itemNotes.notedOn), asc(itemNotes.position));
    for (const row of rows) notes.set(row.itemId, [...(notes.get(row.itemId) ?? []), row.text]);
  }
  const index = actorIndex(await knownActors(db));
  const labels = new Map<string, string>();
  const label = (actor: AssignedActor) => {
    let name = labels.get(actor.key);
    if (name === undefined) {
      name = actorLabel(actor, i18n.locale, index);
      labels.set(actor.key, name);
    }
    return name;
  };
  const layout = (item: TreeNode<ProgrammeItem>): LayoutItem => ({
    code: item.code,
    text: item.text,
    level: item.levelKey,
    actors: item.actors.map(label),
    // A parent's status is its leaves' roll-up: only a leaf's own is the plan's.
    status: item.status && !item.rolledUp ? i18n.t(`status.${item.status}`) : '',
    calendar: item.calendar ?? '',
    notes: notes.get(item.id) ?? [],
    children: item.children.map(layout),
  });
  const title = i18n.pick(programme.title, programme.slug);
  return planTable(
    {
      title: i18n.t('export.title', { programme: title, edition: programme.edition }),
      lines: [
        ...(programme.adoptionReference ? [programme.adoptionReference] : []),
        i18n.t('export.exported', { date: i18n.date(today(), 'long') }),
      ],
      language: i18n.locale,
    },
    programme.levels.map((l) => ({ key: l.key, name: i18n.pick(l.name, l.key) })),
    roots.map(layout),
    {
      codeOf: (level) => i18n.t('export.codeOf', { level }),
      actorsOf: (level) => `${i18n.t('export.actors')}: ${level}`,
      status: i18n.t('export.status'),
      calendar: i18n.t('export.calendar'),
      notes: i18n.t('export.notes'),
    },
  );
}
