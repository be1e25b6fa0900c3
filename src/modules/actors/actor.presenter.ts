/** Actor rows as the API shows them, in the caller's language. */
import { isMembershipCurrent } from '../../domain/membership.ts';
import type { ActorType } from '../../domain/vocabulary.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { ActorRow, getActor } from './actor.service.ts';

export function presentActor(i18n: Translator, a: ActorRow) {
  const acronym = i18n.pick(a.acronym);
  return {
    id: a.id,
    key: a.key,
    type: a.type as ActorType,
    name: i18n.pick(a.name),
    acronym: acronym === '' ? null : acronym,
    iso: a.iso,
    parentId: a.parentId,
  };
}

export function presentActorDetail(i18n: Translator, d: Awaited<ReturnType<typeof getActor>>, onDate: string) {
  const membership = (m: {
    role: string;
    startsOn: string | null;
    endsOn: string | null;
    note: Record<string, string> | null;
  }) => ({
    role: m.role,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    current: isMembershipCurrent(m, onDate),
    note: m.note ? i18n.pick(m.note) : null,
  });
  return {
    ...presentActor(i18n, d.actor),
    parent: d.parent ? presentActor(i18n, d.parent) : null,
    children: d.children.map((c) => presentActor(i18n, c)),
    memberOf: d.memberOf.flatMap((m) => (m.group ? [{ ...membership(m), group: presentActor(i18n, m.group) }] : [])),
    members: d.members.flatMap((m) => (m.member ? [{ ...membership(m), member: presentActor(i18n, m.member) }] : [])),
    assignments: d.assignments.map((a) => ({
      role: a.role,
      via: a.via ? { id: a.via.id, key: a.via.key, name: i18n.pick(a.via.name) } : null,
      programme: { id: a.programme.id, slug: a.programme.slug, title: i18n.pick(a.programme.title) },
      item: {
        id: a.item.id,
        code: a.item.code,
        level: a.item.levelKey,
        levelName: i18n.pick(a.level.name),
        text: a.item.text,
        status: a.item.status,
      },
    })),
    mentions: d.mentions.map((m) => ({
      programme: { id: m.programme.id, slug: m.programme.slug, title: i18n.pick(m.programme.title) },
      item: { id: m.item.id, code: m.item.code, text: m.item.text },
    })),
  };
}
