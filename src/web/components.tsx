/** Small shared pieces of pages: status badges, actor chips, text in its original language. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { WordChange } from '../domain/edition-diff.ts';
import type { ItemStatus, StatusTally } from '../domain/status.ts';
import type { MessageKey, Translator } from './i18n/i18n.ts';
import { withFootnotes } from './rich-text-notes.ts';

export function StatusBadge({
  i18n,
  status,
  rolledUp,
}: {
  i18n: Translator;
  status: ItemStatus | null;
  rolledUp?: boolean;
}) {
  const label = status ? i18n.t(`status.${status}`) : i18n.t('status.none');
  return (
    <span
      class={`badge status-${status ?? 'none'}${rolledUp ? ' rolled-up' : ''}`}
      title={rolledUp ? i18n.t('status.rolledUpHint') : undefined}
    >
      {rolledUp ? i18n.t('status.rolledUp', { status: label }) : label}
    </span>
  );
}

/** An item's status: for a parent whose leaves differ, how many have each status; its one status otherwise. */
export function ItemStatusView({
  i18n,
  item,
}: {
  i18n: Translator;
  item: { status: ItemStatus | null; rolledUp: boolean; distribution: StatusTally[] | null };
}) {
  const { distribution } = item;
  if (!distribution) return <StatusBadge i18n={i18n} status={item.status} rolledUp={item.rolledUp} />;
  const count = distribution.reduce((n, tally) => n + tally.count, 0);
  return (
    <ul class="status-distribution" aria-label={i18n.t('status.distribution', { count })}>
      {distribution.map((tally) => (
        <li class={`badge status-${tally.status}`}>
          {i18n.t('status.tally', { status: i18n.t(`status.${tally.status}`), count: tally.count })}
        </li>
      ))}
    </ul>
  );
}

export type ChipActor = { id: string; key: string; name: Record<string, string>; acronym: Record<string, string> };

export function actorLabel(i18n: Translator, a: Pick<ChipActor, 'name' | 'acronym'>): string {
  return i18n.pick(a.acronym) || i18n.pick(a.name);
}

export function ActorChips({ i18n, actors, label }: { i18n: Translator; actors: ChipActor[]; label?: string }) {
  if (actors.length === 0) return null;
  return (
    <ul class="actor-chips" aria-label={label ?? i18n.t('item.actors')}>
      {actors.map((a) => (
        <li>
          <a href={`/actors/${a.key}`} title={i18n.pick(a.name)}>
            {actorLabel(i18n, a)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Text kept as printed in `lang`; marked so screen readers pronounce it right. */
export function Original({ lang, i18n, children }: { lang: string; i18n: Translator; children: Child }) {
  return <span lang={lang === i18n.locale ? undefined : lang}>{children}</span>;
}

export function DateText({ i18n, iso, style }: { i18n: Translator; iso: string; style?: 'long' | 'medium' | 'month' }) {
  return <time datetime={iso}>{i18n.date(iso, style)}</time>;
}

/** Stored rich text, already sanitized: shown as it is, its footnotes numbered and listed under it. */
export function RichText({ html, lang }: { html: string; lang?: string | undefined }) {
  if (!html) return null;
  return (
    <div class="rich-text" lang={lang}>
      {raw(withFootnotes(html))}
    </div>
  );
}

/** One side of a rewording: the words kept as they are, the removed (`del`) or the added (`ins`) ones marked. */
export function WordDiff({ changes, show }: { changes: readonly WordChange[]; show: 'removed' | 'added' }) {
  return (
    <>
      {changes.map((part) => {
        if (part.change === 'same') return part.text;
        if (part.change !== show) return null;
        return show === 'removed' ? <del>{part.text}</del> : <ins>{part.text}</ins>;
      })}
    </>
  );
}

/**
 * A message about the page: `success` says what was just done (announced
 * politely), `error` what went wrong (announced at once), `warning` and
 * `info` what to know before acting. Nothing is drawn without a message.
 */
export function Notice({
  kind = 'success',
  children,
}: {
  kind?: 'success' | 'error' | 'warning' | 'info';
  children?: Child;
}) {
  if (children === undefined || children === null || children === '' || children === false) return null;
  const role = kind === 'success' ? 'status' : kind === 'error' ? 'alert' : 'note';
  return (
    <div class={`alert alert-${kind}`} role={role}>
      {children}
    </div>
  );
}

/** A fact: its label, its value, and the class of the value (`prose` for a paragraph). */
export type MetaItem = readonly [label: string, value: Child | null | undefined | false, valueClass?: string];

/** A thing's facts as label–value pairs; a fact without a value is left out, label and all. */
export function MetaList({ items }: { items: readonly MetaItem[] }) {
  return (
    <dl class="meta">
      {items
        .filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '')
        .map(([label, value, valueClass]) => (
          <>
            <dt>{label}</dt>
            <dd class={valueClass}>{value}</dd>
          </>
        ))}
    </dl>
  );
}

const STATE_MESSAGES = { report: 'reportState', cycle: 'cycleState', meeting: 'meetingState' } as const;
type StateOf = {
  report: 'draft' | 'submitted' | 'approved' | 'returned' | 'accepted';
  cycle: 'draft' | 'open' | 'closed' | 'published';
  meeting: MessageKey extends `meetingState.${infer S}` ? S : never;
};

/** Where a report, cycle or meeting stands in its workflow, coloured by state. */
export function StateBadge<K extends keyof StateOf>({ i18n, of, state }: { i18n: Translator; of: K; state: string }) {
  return (
    <span class={`badge ${of}-${state}`}>{i18n.t(`${STATE_MESSAGES[of]}.${state as StateOf[K]}` as MessageKey)}</span>
  );
}

/** A part of the page folded under its summary, opened on demand. */
export function Disclosure({ summary, children }: { summary: Child; children?: Child }) {
  return (
    <details class="section">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
