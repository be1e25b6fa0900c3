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
