/** Programme rows as the API shows them, in the caller's language. */
import type { TreeNode } from '../../domain/item-tree.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { AssignedActor, getItem, getProgramme, listProgrammes, ProgrammeItem } from './programme.service.ts';

type Summary = Awaited<ReturnType<typeof listProgrammes>>[number];
type Detail = Awaited<ReturnType<typeof getProgramme>>;

const acronymOf = (i18n: Translator, acronym: Record<string, string>) => {
  const value = i18n.pick(acronym);
  return value === '' ? null : value;
};

export function presentActorRef(i18n: Translator, a: AssignedActor) {
  return { id: a.id, key: a.key, acronym: acronymOf(i18n, a.acronym), name: i18n.pick(a.name), role: a.role };
}

function presentCommon(i18n: Translator, p: Omit<Summary, 'levels'>) {
  return {
    id: p.id,
    slug: p.slug,
    kind: p.kind,
    title: i18n.pick(p.title),
    shortTitle: i18n.pick(p.shortTitle),
    summary: i18n.pick(p.summary),
    language: p.language,
    edition: p.edition,
    editionNote: p.editionNote ? i18n.pick(p.editionNote) : null,
    status: p.status,
    adoptionReference: p.adoptionReference,
    adoptionDate: p.adoptionDate,
  };
}

type LevelRow = Detail['levels'][number];

function presentLevels<L extends LevelRow>(i18n: Translator, levels: L[], countOf: (level: L) => number) {
  return levels.map((l) => ({
    key: l.key,
    name: i18n.pick(l.name),
    plural: i18n.pick(l.plural),
    position: l.position,
    itemCount: countOf(l),
  }));
}

export function presentProgrammeSummary(i18n: Translator, p: Summary) {
  return { ...presentCommon(i18n, p), levels: presentLevels(i18n, p.levels, (l) => l.count) };
}

export function presentProgramme(i18n: Translator, p: Detail, counts: Map<string, number>) {
  return {
    ...presentCommon(i18n, p),
    levels: presentLevels(i18n, p.levels, (l) => counts.get(l.key) ?? 0),
    source: p.source,
    issuingBody: p.issuingBody
      ? {
          id: p.issuingBody.id,
          key: p.issuingBody.key,
          name: i18n.pick(p.issuingBody.name),
          acronym: acronymOf(i18n, p.issuingBody.acronym),
        }
      : null,
    mandates: p.mandates.map((m) => ({ reference: m.reference, title: m.title, paragraphs: m.paragraphs })),
    actors: p.actors.map((a) => ({
      ...presentActorRef(i18n, { ...a.actor, role: a.role }),
      description: a.description,
    })),
    sections: p.sections.map((s) => ({ key: s.key, heading: s.heading, body: s.body })),
  };
}

export function presentItem(i18n: Translator, item: TreeNode<ProgrammeItem> | ProgrammeItem) {
  return {
    id: item.id,
    code: item.code,
    codeMade: item.codeMade,
    level: item.levelKey,
    parentId: item.parentId,
    text: item.text,
    status: item.status,
    distribution: item.distribution,
    calendar: item.calendar,
    startsOn: item.startsOn,
    endsOn: item.endsOn,
    actors: item.actors.map((a) => presentActorRef(i18n, a)),
  };
}

export function presentItemDetail(i18n: Translator, d: Awaited<ReturnType<typeof getItem>>) {
  const parent = d.ancestors.at(-1);
  const level = d.levels.find((l) => l.key === d.item.levelKey);
  return {
    ...presentItem(i18n, d.item),
    programme: { id: d.programme.id, slug: d.programme.slug, title: i18n.pick(d.programme.title) },
    levelName: level ? i18n.pick(level.name) : d.item.levelKey,
    parent: parent ? { id: parent.id, code: parent.code, text: parent.text } : null,
    children: d.item.children.map((c) => ({
      id: c.id,
      code: c.code,
      level: c.levelKey,
      text: c.text,
      status: c.status,
    })),
    statusHistory: d.history.map((h) => ({
      status: h.status as ProgrammeItem['status'] & string,
      changedOn: h.changedOn,
      note: h.note,
      sourceReport: h.sourceReportId ?? null,
    })),
    notes: d.notes.map((n) => ({
      date: n.notedOn,
      due: n.dueOn,
      text: n.text,
      status: n.status as ProgrammeItem['status'],
    })),
    /** Actors the notes name without being given the item: not a responsibility. */
    mentions: d.mentions.map((a) => ({
      id: a.id,
      key: a.key,
      acronym: acronymOf(i18n, a.acronym),
      name: i18n.pick(a.name),
    })),
    serves: d.serves.map((s) => ({ id: s.id, code: s.code, text: s.text })),
    servedBy: d.servedBy.map((s) => ({ id: s.id, code: s.code, text: s.text })),
  };
}
