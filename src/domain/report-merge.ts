/**
 * Three-way merge of a report's draft. Two people who start from the same
 * version and change different fields (one activity's text each, or a
 * section and an activity) both keep their change; only a field both
 * changed, to different values, is a conflict, and there the saved text
 * stays until a person chooses.
 */
export const ENTRY_FIELDS = ['carriedOut', 'planned', 'statusAssessment'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export type MergeEntry = { id: string; carriedOut: string; planned: string; statusAssessment: string | null };
export type MergeContent<E extends MergeEntry = MergeEntry, S extends string = string> = {
  entries: E[];
  sections: Record<S, string>;
};

/** A field both sides changed: an activity's field, or a section. */
export type MergeConflict = { entryId: string; field: EntryField } | { section: string };

/** The value a field takes from its base, the saved version and the sender's; when both changed it differently, the saved one, flagged. */
export function mergeField<T>(base: T, saved: T, mine: T): { value: T; conflict: boolean } {
  if (mine === base || mine === saved) return { value: saved, conflict: false };
  if (saved === base) return { value: mine, conflict: false };
  return { value: saved, conflict: true };
}

/**
 * `mine` is the sender's whole content (their patch applied to `base`);
 * `saved` what is saved now. `merged` keeps the saved value of a conflicting
 * field, `yours` the sender's (what the sender would see). Both follow
 * `saved`'s entries: an entry the base lacks is taken as unchanged there.
 */
export function mergeReport<E extends MergeEntry, S extends string>(
  base: MergeContent<E, S>,
  saved: MergeContent<E, S>,
  mine: MergeContent<E, S>,
): { merged: MergeContent<E, S>; yours: MergeContent<E, S>; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [];
  const yours: MergeContent<E, S> = { entries: [], sections: { ...saved.sections } };
  const entries = saved.entries.map((now) => {
    const was = base.entries.find((e) => e.id === now.id) ?? now;
    const wants = mine.entries.find((e) => e.id === now.id) ?? was;
    const next = { ...now };
    const theirs = { ...now };
    for (const field of ENTRY_FIELDS) {
      const { value, conflict } = mergeField(was[field], now[field], wants[field]);
      if (conflict) conflicts.push({ entryId: now.id, field });
      (next as MergeEntry)[field] = value as never;
      (theirs as MergeEntry)[field] = (conflict ? wants[field] : value) as never;
    }
    yours.entries.push(theirs);
    return next;
  });
  const sections = { ...saved.sections };
  for (const key of Object.keys(saved.sections) as S[]) {
    const wants = mine.sections[key] ?? '';
    const { value, conflict } = mergeField(base.sections[key] ?? '', saved.sections[key], wants);
    if (conflict) conflicts.push({ section: key });
    sections[key] = value;
    yours.sections[key] = conflict ? wants : value;
  }
  return { merged: { entries, sections }, yours, conflicts };
}

/** The fields whose values differ between two contents with the same entries. */
export function changedFields(a: MergeContent, b: MergeContent): MergeConflict[] {
  const changed: MergeConflict[] = [];
  for (const before of a.entries) {
    const after = b.entries.find((e) => e.id === before.id);
    for (const field of ENTRY_FIELDS) {
      if (after && after[field] !== before[field]) changed.push({ entryId: before.id, field });
    }
  }
  for (const key of Object.keys(a.sections)) {
    if (a.sections[key] !== b.sections[key]) changed.push({ section: key });
  }
  return changed;
}

/** A save waiting its turn: the version it is based on, and its change applied to any content. */
export type WaitingSave<C> = { baseVersion: number; mine: (base: C) => C };

/** What became of a save in a turn: saved at a version, or refused with both sides and the fields in conflict. */
export type TurnOutcome<C> =
  | { saved: true; version: number; content: C }
  | {
      saved: false;
      current: { version: number; content: C };
      yours: { version: number; content: C };
      conflicts: MergeConflict[];
    };

/**
 * Saves that waited for the same turn, taken one after another as if each
 * had come alone: each is based on its version (the turn's start, one the
 * turn has made, or an older one `savedAt` gives), merged with what is saved
 * by then, and given the next version; a save with a field in conflict, or
 * based on a version no one saved, is refused and the next one goes on.
 */
export function mergeInTurn<E extends MergeEntry, S extends string>(
  start: { version: number; content: MergeContent<E, S> },
  saves: WaitingSave<MergeContent<E, S>>[],
  savedAt: (version: number) => MergeContent<E, S> | undefined,
): TurnOutcome<MergeContent<E, S>>[] {
  const made = new Map([[start.version, start.content]]);
  let { version, content } = start;
  return saves.map((save) => {
    if (save.baseVersion === version) {
      content = save.mine(content);
    } else {
      const base =
        made.get(save.baseVersion) ?? (save.baseVersion < start.version ? savedAt(save.baseVersion) : undefined);
      // Based on a version no one saved (ahead of the report's, say): everything it changes is in conflict.
      const unbased = (mine: MergeContent<E, S>) => ({
        merged: content,
        yours: mine,
        conflicts: changedFields(content, mine),
      });
      const { merged, yours, conflicts } = base
        ? mergeReport(base, content, save.mine(base))
        : unbased(save.mine(content));
      if (!base || conflicts.length > 0) {
        const current = { version, content };
        return { saved: false, current, yours: { version: save.baseVersion, content: yours }, conflicts };
      }
      content = merged;
    }
    version += 1;
    made.set(version, content);
    return { saved: true, version, content };
  });
}
