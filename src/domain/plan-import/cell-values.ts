/**
 * Reading the values of one cell of a plan: the items it holds, a code
 * printed before an item's text, the actors it names, the status it states.
 */
import { foldText } from '../item-filter.ts';
import type { ItemStatus } from '../status.ts';

export type Split = 'lines' | 'cell';

/** Lines of a cell, trimmed, with runs of spaces made one. */
const cleanLines = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim());

/** The text of a cell as written: its lines kept, each trimmed, without blank lines around. */
export function cellText(text: string): string {
  return cleanLines(text).join('\n').trim();
}

/**
 * The items a cell holds. As one item, its lines are joined. As one item per
 * line, a cell with blank lines between paragraphs holds one item per
 * paragraph (a long item keeps its broken lines); without blank lines, one
 * item per line.
 */
export function cellItems(text: string, split: Split): string[] {
  const all = cleanLines(text);
  const from = all.findIndex(Boolean);
  const lines = from === -1 ? [] : all.slice(from, all.findLastIndex(Boolean) + 1);
  if (split === 'cell') {
    const joined = lines.filter(Boolean).join(' ');
    return joined ? [joined] : [];
  }
  const paragraphs = lines.includes('');
  if (!paragraphs) return lines.filter(Boolean);
  const items: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, '']) {
    if (line) current.push(line);
    else if (current.length > 0) {
      items.push(current.join(' '));
      current = [];
    }
  }
  return items;
}

const ROMAN = '[IVXLCDM]+';
const PART = `(?:${ROMAN}|\\d{1,3}|[A-Za-z])`;
/** `1.`, `1)`, `a)`, `IV.` — one part ended by a point or a parenthesis. */
const SIMPLE = new RegExp(`^(${PART})[.)]\\s+(?=\\S)`);
/** `IV.B.3`, `PGM-1.2`, `DH-2` — parts joined by points or hyphens, followed by a space. */
const COMPOUND = new RegExp(`^((?:[A-Z]{1,4}|${PART})(?:[.-](?:${PART}|[A-Z]{1,4}))+)\\.?\\s+(?=\\S)`);

export type PrintedCode = { code: string; text: string; relative: boolean };

/**
 * A code printed before the text: `IV.B.3 Text` (whole, as printed) or
 * `1. Text`, `a) Text` (one part, numbered within its parent).
 */
export function splitPrintedCode(text: string): PrintedCode | null {
  const compound = COMPOUND.exec(text);
  if (compound?.[1]) return { code: compound[1], text: text.slice(compound[0].length).trim(), relative: false };
  const simple = SIMPLE.exec(text);
  if (simple?.[1]) return { code: simple[1], text: text.slice(simple[0].length).trim(), relative: true };
  return null;
}

/** What the code pattern of a level means, e.g. `{parent}.{n}`: the parent's code, then the item's number. */
export function codeFromPattern(pattern: string, parentCode: string | null, number: string): string {
  return pattern
    .replace('{parent}', parentCode ?? '')
    .replace('{n}', number)
    .replace(/^[.\-\s]+/, '');
}

export const defaultCodePattern = (depth: number): string => (depth === 0 ? '{n}' : '{parent}.{n}');

/** A known actor and every way a plan may name it: names and acronyms in each language, ISO code, key. */
export type KnownActor = { key: string; names: string[] };

/** A name as actors are matched by it: folded, spaces made one, without a final point. */
export const actorName = (name: string) =>
  foldText(name)
    .replace(/[.\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function actorIndex(actors: readonly KnownActor[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const actor of actors) {
    for (const name of [actor.key, ...actor.names]) {
      const k = actorName(name);
      if (k && !index.has(k)) index.set(k, actor.key);
    }
  }
  return index;
}

export type ActorsInCell = { keys: string[]; unknown: string[] };

/**
 * The actors a cell names, one per line or separated by commas or
 * semicolons; "OIM y ACNUR" is two actors when both are known, and one name
 * ("Trinidad y Tobago") when it is known whole. `chosen` maps names the user
 * matched by hand (folded) to an actor key, or to `ignore`.
 */
export function actorsInCell(text: string, index: ReadonlyMap<string, string>, chosen: ReadonlyMap<string, string>) {
  const result: ActorsInCell = { keys: [], unknown: [] };
  const add = (key: string) => {
    if (key !== 'ignore' && !result.keys.includes(key)) result.keys.push(key);
  };
  const find = (name: string) => chosen.get(actorName(name)) ?? index.get(actorName(name));
  for (const part of text.split(/[\n;,]+/)) {
    const name = part.trim();
    if (!name) continue;
    const whole = find(name);
    if (whole) {
      add(whole);
      continue;
    }
    const pieces = name.split(/\s+(?:y|e|and|et|&)\s+/i).map((p) => p.trim());
    const found = pieces.map(find);
    if (pieces.length > 1 && found.every(Boolean)) for (const key of found) add(key as string);
    else result.unknown.push(name);
  }
  return result;
}

/** How plans write statuses, folded, by the first words of the cell; the catalogs' labels are added by the caller. */
const STATUS_WORDS: [string, ItemStatus][] = [
  ['no iniciad', 'not_started'],
  ['sin iniciar', 'not_started'],
  ['not started', 'not_started'],
  ['non commence', 'not_started'],
  ['nao iniciad', 'not_started'],
  ['en curso', 'in_progress'],
  ['en proceso', 'in_progress'],
  ['en progreso', 'in_progress'],
  ['en ejecucion', 'in_progress'],
  ['in progress', 'in_progress'],
  ['ongoing', 'in_progress'],
  ['en cours', 'in_progress'],
  ['em andamento', 'in_progress'],
  ['continu', 'continuous'],
  ['permanente', 'continuous'],
  ['complet', 'completed'],
  ['conclu', 'completed'],
  ['realizad', 'completed'],
  ['finalizad', 'completed'],
  ['cumplid', 'completed'],
  ['done', 'completed'],
  ['achev', 'completed'],
  ['pendiente', 'pending_input'],
  ['pending', 'pending_input'],
  ['en attente', 'pending_input'],
  ['pendente', 'pending_input'],
  ['cancel', 'cancelled'],
  ['anulad', 'cancelled'],
  ['annul', 'cancelled'],
];

/**
 * The status a cell states, from the catalogs' labels (whole cell) or the
 * words plans use (at its start: "CONTINUO -- …"); undefined when it states
 * none that is known, null when the cell is empty.
 */
export function statusInCell(text: string, labels: ReadonlyMap<string, ItemStatus>): ItemStatus | null | undefined {
  const folded = foldText(text).replace(/\s+/g, ' ').trim();
  if (!folded) return null;
  const label = labels.get(folded);
  if (label) return label;
  return STATUS_WORDS.find(([words]) => folded === words || folded.startsWith(words))?.[1];
}
