/**
 * The difference between two editions of a programme, item by item. Items
 * are matched by code, as the editions of a plan keep their numbering: an
 * item found only in the newer edition is added, only in the older one
 * removed; a matched item whose text differs (beyond spacing) is reworded,
 * one under another parent or at another level moved.
 */
import { diffWords } from 'diff';

export type DiffItem = { code: string; level: string; text: string; parent: string | null };

export type EditionDiff = {
  added: DiffItem[];
  removed: DiffItem[];
  changed: { code: string; level: string; before: string; after: string }[];
  moved: { code: string; level: string; text: string; from: string | null; to: string | null }[];
};

const spacing = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `after` against `before`, each in reading order; the lists follow the newer edition's order (removed: the older's). */
export function diffEditions(before: readonly DiffItem[], after: readonly DiffItem[]): EditionDiff {
  const older = new Map(before.map((item) => [item.code, item]));
  const newer = new Set(after.map((item) => item.code));
  const diff: EditionDiff = { added: [], removed: [], changed: [], moved: [] };
  for (const item of after) {
    const was = older.get(item.code);
    if (!was) {
      diff.added.push(item);
      continue;
    }
    if (spacing(was.text) !== spacing(item.text)) {
      diff.changed.push({ code: item.code, level: item.level, before: was.text, after: item.text });
    }
    if (was.parent !== item.parent || was.level !== item.level) {
      diff.moved.push({ code: item.code, level: item.level, text: item.text, from: was.parent, to: item.parent });
    }
  }
  diff.removed = before.filter((item) => !newer.has(item.code));
  return diff;
}

export type WordChange = { text: string; change: 'same' | 'added' | 'removed' };

/** The words of a rewording: kept, removed and added, in order. */
export function wordChanges(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }));
}
