/**
 * What changed in a report between two of its versions (two submissions, or
 * the last submission and the draft since), field by field: each activity's
 * texts and assessment and each section, with the words kept, removed and
 * added. Texts are compared as read: a change of spacing alone is none.
 */
import { type WordChange, wordChanges } from './edition-diff.ts';
import { changedFields, type MergeConflict, type MergeContent } from './report-merge.ts';

export type FieldChange = { field: MergeConflict; before: string; after: string; words: WordChange[] };

const spacing = (text: string) => text.replace(/\s+/g, ' ').trim();

const fieldValue = (content: MergeContent, field: MergeConflict): string =>
  'section' in field
    ? (content.sections[field.section] ?? '')
    : String(content.entries.find((e) => e.id === field.entryId)?.[field.field] ?? '');

/** The fields that read differently in `after` than in `before`, in the report's order (activities, then sections). */
export function reportChanges(before: MergeContent, after: MergeContent): FieldChange[] {
  return changedFields(before, after).flatMap((field) => {
    const was = fieldValue(before, field);
    const now = fieldValue(after, field);
    if (spacing(was) === spacing(now)) return [];
    const words = 'field' in field && field.field === 'statusAssessment' ? [] : wordChanges(was, now);
    return [{ field, before: was, after: now, words }];
  });
}

/**
 * The two versions compared when none are asked for: the last two
 * submissions; with one submission, it and the draft saved since (if any);
 * else nothing to compare. `submitted` in ascending order; `latest` the
 * version of the last saved content.
 */
export function defaultComparison(
  submitted: readonly number[],
  latest: number | null,
): { from: number; to: number } | null {
  const [before, last] = submitted.slice(-2);
  if (before !== undefined && last !== undefined) return { from: before, to: last };
  // One submission: `before` is it.
  return before !== undefined && (latest ?? 0) > before ? { from: before, to: latest ?? 0 } : null;
}
