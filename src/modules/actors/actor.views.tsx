/** Actor pages: actors by type, and one actor with everything assigned to it. */
import { isMembershipCurrent } from '../../domain/membership.ts';
import { shorten } from '../../domain/shorten.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import { DateText, MetaList, Original, StatusBadge } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import type { reportsOfActor } from '../reporting/report.service.ts';
import { ReportStateBadge } from '../reporting/reporting.views.tsx';
import type { ActorRow, getActor } from './actor.service.ts';

type ActorReportList = Awaited<ReturnType<typeof reportsOfActor>>;

function label(i18n: Translator, a: Pick<ActorRow, 'name' | 'acronym'>) {
  const acronym = i18n.pick(a.acronym);
  return acronym ? `${i18n.pick(a.name)} (${acronym})` : i18n.pick(a.name);
}

export function ActorsPage(props: {
  i18n: Translator;
  actors: ActorRow[];
  type: ActorType | undefined;
  currentUrl: string;
}) {
  const { i18n, actors, type } = props;
  const { t } = i18n;
  const types = ACTOR_TYPES.filter((ty) => actors.some((a) => a.type === ty));
  return (
    <Layout
      i18n={i18n}
      title={t('actors.title')}
      currentUrl={props.currentUrl}
      section="actors"
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: t('actors.title') }]}
    >
      <h1>{t('actors.title')}</h1>
      <p class="lead">{t('actors.lead')}</p>
      <nav aria-label={t('actors.byType')}>
        <ul class="counts">
          <li>
            <a href="/actors" aria-current={type === undefined ? 'page' : undefined}>
              {t('actors.allTypes')}
            </a>
          </li>
          {ACTOR_TYPES.map((ty) => (
            <li>
              <a href={`/actors?type=${ty}`} aria-current={type === ty ? 'page' : undefined}>
                {t(`actorType.${ty}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {types.length === 0 ? <p class="muted">{t('actors.none')}</p> : null}
      {types.map((ty) => {
        const list = actors.filter((a) => a.type === ty);
        return (
          <section aria-labelledby={`type-${ty}`}>
            <h2 id={`type-${ty}`}>{`${t(`actorType.${ty}`)} (${i18n.number(list.length)})`}</h2>
            <ul class="actor-groups">
              {list.map((a) => (
                <li>
                  <a href={`/actors/${a.key}`}>{label(i18n, a)}</a>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}

type ActorDetail = Awaited<ReturnType<typeof getActor>>;

/** Past this many, a group's members fold under a disclosure (the OAS has 35). */
const MEMBERS_SHOWN = 12;

function MemberList({ i18n, members, onDate }: { i18n: Translator; members: ActorDetail['members']; onDate: string }) {
  const { t } = i18n;
  return (
    <ul class="actor-groups">
      {members.map((m) =>
        m.member ? (
          <li>
            <a href={`/actors/${m.member.key}`}>{i18n.pick(m.member.name)}</a>
            {m.role === 'observer' ? ` (${t('membership.role.observer')})` : ''}
            {isMembershipCurrent(m, onDate) ? '' : ` — ${t('membership.former')}`}
          </li>
        ) : null,
      )}
    </ul>
  );
}

/** The actor's reports, newest cycle first, with their state. */
function ActorReports({ i18n, reports }: { i18n: Translator; reports: ActorReportList }) {
  const { t } = i18n;
  if (reports.length === 0) return null;
  return (
    <section aria-labelledby="actor-reports-heading">
      <h2 id="actor-reports-heading">{`${t('actor.reports')} (${i18n.number(reports.length)})`}</h2>
      <ul class="notes">
        {reports.map((r) => (
          <li>
            <a href={`/reports/${r.report.id}`}>{`${i18n.pick(r.programme.shortTitle)} — ${r.cycle.period}`}</a>{' '}
            <ReportStateBadge i18n={i18n} state={r.report.state} />
            {r.report.late ? <span class="badge report-late">{t('report.late')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ActorPage(props: {
  i18n: Translator;
  detail: ActorDetail;
  onDate: string;
  currentUrl: string;
  agreements?: AgreementList;
  reports: ActorReportList;
}) {
  const { i18n, detail, onDate } = props;
  const { t } = i18n;
  const { actor } = detail;
  const byProgramme = new Map<string, ActorDetail['assignments']>();
  for (const a of detail.assignments) {
    const list = byProgramme.get(a.programme.id) ?? [];
    list.push(a);
    byProgramme.set(a.programme.id, list);
  }
  return (
    <Layout
      i18n={i18n}
      title={i18n.pick(actor.name)}
      currentUrl={props.currentUrl}
      section="actors"
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/actors?type=${actor.type}`, label: t(`actorType.${actor.type as ActorType}`) },
        { label: i18n.pick(actor.acronym) || i18n.pick(actor.name) },
      ]}
    >
      <p class="muted">{t(`actorType.${actor.type as ActorType}`)}</p>
      <h1>{label(i18n, actor)}</h1>
      <MetaList
        items={[
          [t('actor.iso'), actor.iso],
          [
            t('actor.parent'),
            detail.parent ? <a href={`/actors/${detail.parent.key}`}>{label(i18n, detail.parent)}</a> : null,
          ],
          [
            t('actor.children'),
            detail.children.length > 0 ? (
              <ul>
                {detail.children.map((c) => (
                  <li>
                    <a href={`/actors/${c.key}`}>{label(i18n, c)}</a>
                  </li>
                ))}
              </ul>
            ) : null,
          ],
        ]}
      />
      <section aria-labelledby="assigned-heading">
        <h2 id="assigned-heading">{t('actor.assigned')}</h2>
        {byProgramme.size === 0 ? <p class="muted">{t('actor.noAssignments')}</p> : null}
        {[...byProgramme.values()].map((list) => {
          const programme = list[0]?.programme;
          if (!programme) return null;
          return (
            <section aria-labelledby={`p-${programme.slug}`}>
              <h3 id={`p-${programme.slug}`}>
                <a href={`/programmes/${programme.slug}`}>{i18n.pick(programme.shortTitle)}</a>
                {` (${i18n.number(list.length)})`}
              </h3>
              <DataTable
                caption={i18n.pick(programme.shortTitle)}
                captionHidden
                rows={list}
                columns={[
                  {
                    header: t('item.code'),
                    class: 'code',
                    cell: (a) => <a href={`/items/${a.item.id}`}>{a.item.code}</a>,
                  },
                  {
                    header: t('item.text'),
                    cell: (a) => (
                      <>
                        <span class="muted">{i18n.pick(a.level.name)}</span>
                        <br />
                        <Original lang={programme.language} i18n={i18n}>
                          {a.item.text}
                        </Original>
                      </>
                    ),
                  },
                  {
                    header: t('actor.role'),
                    cell: (a) => (
                      <>
                        {t(`assignmentRole.${a.role as 'responsible'}`)}
                        {a.via ? (
                          <>
                            <br />
                            <span class="muted">
                              {t('actor.via')}{' '}
                              <a href={`/actors/${a.via.key}`}>{i18n.pick(a.via.acronym) || i18n.pick(a.via.name)}</a>
                            </span>
                          </>
                        ) : null}
                      </>
                    ),
                  },
                  { header: t('item.status'), cell: (a) => <StatusBadge i18n={i18n} status={a.item.status} /> },
                ]}
              />
            </section>
          );
        })}
      </section>
      {detail.mentions.length > 0 ? (
        <section aria-labelledby="mentions-heading">
          <h2 id="mentions-heading">{`${t('actor.mentions')} (${i18n.number(detail.mentions.length)})`}</h2>
          <p class="muted">{t('actor.mentionsLead')}</p>
          <ul class="notes">
            {detail.mentions.map((m) => (
              <li>
                <a href={`/items/${m.item.id}`}>{m.item.code}</a>{' '}
                <Original lang={m.programme.language} i18n={i18n}>
                  {shorten(m.item.text, 160)}
                </Original>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ActorReports i18n={i18n} reports={props.reports} />
      <section aria-labelledby="actor-calendar-heading">
        <h2 id="actor-calendar-heading">{t('actor.calendar')}</h2>
        <p>{t('actor.calendarLead')}</p>
        <ul>
          <li>
            <a href={`/calendar?actor=${actor.key}&when=all`}>{t('actor.calendarLink')}</a>
          </li>
          <li>
            <a href={`/actors/${actor.key}/calendar.ics`}>{t('actor.calendarFeed')}</a>
          </li>
        </ul>
      </section>
      {props.agreements && props.agreements.length > 0 ? (
        <AgreementsSection
          i18n={i18n}
          // Newest meeting first: what is still being followed up, before the rest folds away.
          agreements={[...props.agreements].reverse()}
          headingId="agreements-heading"
          heading={t('actor.agreements')}
          collapseAfter={5}
        />
      ) : null}
      {detail.memberOf.length > 0 ? (
        <section aria-labelledby="memberships-heading">
          <h2 id="memberships-heading">{t('actor.memberships')}</h2>
          <ul>
            {detail.memberOf.map((m) =>
              m.group ? (
                <li>
                  <a href={`/actors/${m.group.key}`}>{label(i18n, m.group)}</a>
                  {` — ${t(`membership.role.${m.role === 'observer' ? 'observer' : 'member'}`)}`}
                  {m.startsOn ? (
                    <>
                      {`, ${t('membership.since')} `}
                      <DateText i18n={i18n} iso={m.startsOn} />
                    </>
                  ) : null}
                  {m.endsOn ? (
                    <>
                      {`, ${t(isMembershipCurrent(m, onDate) ? 'membership.until' : 'membership.ended')} `}
                      <DateText i18n={i18n} iso={m.endsOn} />
                    </>
                  ) : null}
                  {m.note ? <p class="muted">{i18n.pick(m.note)}</p> : null}
                </li>
              ) : null,
            )}
          </ul>
        </section>
      ) : null}
      {detail.members.length > 0 ? (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{`${t('actor.members')} (${i18n.number(detail.members.filter((m) => isMembershipCurrent(m, onDate)).length)})`}</h2>
          {detail.members.length > MEMBERS_SHOWN ? (
            <details>
              <summary>{t('actor.showMembers', { count: detail.members.length })}</summary>
              <MemberList i18n={i18n} members={detail.members} onDate={onDate} />
            </details>
          ) : (
            <MemberList i18n={i18n} members={detail.members} onDate={onDate} />
          )}
        </section>
      ) : null}
    </Layout>
  );
}
