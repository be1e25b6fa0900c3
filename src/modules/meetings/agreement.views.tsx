/** A list of meeting agreements with their status, owners, items and meeting: on actor pages and report forms. */
import { actorLabel, StatusBadge } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { agreementsOwnedBy } from './meeting.service.ts';

export type AgreementList = Awaited<ReturnType<typeof agreementsOwnedBy>>;

export function AgreementsSection(props: {
  i18n: Translator;
  agreements: AgreementList;
  heading: string;
  headingId: string;
  hint?: string;
  /** Past this many, the rest fold under a disclosure (a body's 25 agreements). */
  collapseAfter?: number;
}) {
  const { i18n, agreements } = props;
  const { t } = i18n;
  const limit = props.collapseAfter ?? Number.POSITIVE_INFINITY;
  const shown = agreements.slice(0, limit);
  const folded = agreements.slice(limit);
  return (
    <section aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{`${props.heading} (${i18n.number(agreements.length)})`}</h2>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      <AgreementItems i18n={i18n} agreements={shown} />
      {folded.length > 0 ? (
        <details>
          <summary>{t('agreement.more', { count: folded.length })}</summary>
          <AgreementItems i18n={i18n} agreements={folded} />
        </details>
      ) : null}
    </section>
  );
}

function AgreementItems({ i18n, agreements }: { i18n: Translator; agreements: AgreementList }) {
  const { t } = i18n;
  return (
    <ul class="notes">
      {agreements.map((a) => (
        <li>
          <time datetime={a.meeting.startsOn}>{i18n.date(a.meeting.startsOn)}</time>
          <a href={`/meetings/${a.meeting.id}`}>{a.meeting.title}</a>
          <p lang={i18n.locale === 'es' ? undefined : 'es'}>{a.agreement.text}</p>
          <p>
            <StatusBadge i18n={i18n} status={a.agreement.status} />
            {` ${t('agreement.owners')}: ${a.owners.map((o) => actorLabel(i18n, o)).join(', ')}`}
            {a.agreement.dueDate ? ` · ${t('agreement.due')}: ${i18n.date(a.agreement.dueDate)}` : ''}
            {a.items.length > 0 ? ` · ${a.items.map((it) => it.code).join(', ')}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
