/** Meetings and agreements transcribed from the seeds (data/meetings/*.yaml). */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  agendaItems,
  agreementItems,
  agreementNotes,
  agreementOwners,
  agreements,
  items,
  meetingActors,
  meetings,
} from '../../db/schema/index.ts';
import { stableId } from '../../db/stable-id.ts';
import { AppError } from '../../errors.ts';
import type { MeetingsFile } from './bundled-data.schema.ts';

const invalid = (detail: string) => new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', { detail });

export async function insertMeetings(tx: Db, name: string, file: MeetingsFile): Promise<void> {
  const keys = new Set<string>();
  for (const m of file.meetings) {
    keys.add(m.body);
    for (const k of m.invited ?? []) keys.add(k);
    for (const p of m.participants ?? []) keys.add(p.actor);
    for (const a of m.agreements ?? []) for (const o of a.owners) keys.add(o);
  }
  const found = await tx
    .select({ id: actors.id, key: actors.key })
    .from(actors)
    .where(inArray(actors.key, [...keys]));
  const actorId = new Map(found.map((a) => [a.key, a.id]));
  for (const key of keys) if (!actorId.has(key)) throw invalid(`${name}: unknown actor ${key}`);
  const itemId = async (programme: string, code: string) => {
    const id = stableId('item', programme, code);
    const [row] = await tx.select({ id: items.id }).from(items).where(eq(items.id, id));
    if (!row) throw invalid(`${name}: unknown item ${programme} ${code}`);
    return id;
  };
  for (const m of file.meetings) {
    const id = stableId('meeting', m.key);
    const [existing] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id));
    if (existing) continue;
    await tx.insert(meetings).values({
      id,
      bodyId: actorId.get(m.body) as string,
      kind: m.kind,
      title: m.title,
      description: m.description ?? null,
      allDay: true,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      dateText: m.dateText ?? null,
      location: m.location ?? null,
      languages: m.languages ?? ['es'],
      visibility: m.visibility,
      state: m.state,
      source: file.source,
    });
    const people = [
      ...(m.invited ?? []).map((k) => ({
        meetingId: id,
        actorId: actorId.get(k) as string,
        role: 'invited' as const,
        people: null,
      })),
      ...(m.participants ?? []).map((p) => ({
        meetingId: id,
        actorId: actorId.get(p.actor) as string,
        role: 'participant' as const,
        people: p.people ?? null,
      })),
    ];
    if (people.length) await tx.insert(meetingActors).values(people).onConflictDoNothing();
    for (const [position, a] of (m.agenda ?? []).entries()) {
      await tx.insert(agendaItems).values({
        id: stableId('agenda', m.key, String(position)),
        meetingId: id,
        position,
        title: a.title,
        itemId: a.programme && a.item ? await itemId(a.programme, a.item) : null,
      });
    }
    for (const [position, a] of (m.agreements ?? []).entries()) {
      const agreementId = stableId('agreement', m.key, String(position));
      await tx.insert(agreements).values({
        id: agreementId,
        meetingId: id,
        position,
        text: a.text,
        dueDate: a.dueDate ?? null,
        status: a.status,
      });
      await tx
        .insert(agreementOwners)
        .values([...new Set(a.owners)].map((o) => ({ agreementId, actorId: actorId.get(o) as string })));
      const linked = [];
      for (const ref of a.items ?? []) linked.push(await itemId(ref.programme, ref.item));
      if (linked.length)
        await tx.insert(agreementItems).values([...new Set(linked)].map((i) => ({ agreementId, itemId: i })));
      for (const [n, note] of (a.notes ?? []).entries()) {
        await tx.insert(agreementNotes).values({
          id: stableId('agreement-note', m.key, String(position), String(n)),
          agreementId,
          notedOn: note.date,
          status: note.status ?? null,
          text: note.text,
        });
      }
    }
  }
}
