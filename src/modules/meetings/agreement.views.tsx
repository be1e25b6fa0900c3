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
}) {
  const { i18n, agreements } = props;
  const { t } = i18n;
  return (
    <section aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.heading}</h2>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
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
    </section>
  );
}
