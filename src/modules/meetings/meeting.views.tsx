/** Calendar pages: the list and month views, a meeting with its agenda and agreements, the new-meeting form. */
import { MEETING_KINDS, MEETING_STATES } from '../../db/schema/index.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { actorLabel, Disclosure, MetaList, Notice, Original, StateBadge, StatusBadge } from '../../web/components.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import { SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Tabs } from '../../web/navigation.tsx';
import type { getMeeting, listMeetings, MeetingRow } from './meeting.service.ts';
import { MonthGrid } from './month-grid.views.tsx';

type ListRow = Awaited<ReturnType<typeof listMeetings>>[number];
type Detail = Awaited<ReturnType<typeof getMeeting>>;
type ActorChoice = { id: string; key: string; name: Record<string, string>; acronym: Record<string, string> };

export function meetingDates(i18n: Translator, m: MeetingRow): string {
  if (m.dateText) return m.dateText;
  if (!m.allDay && m.startsAt) {
    const f = new Intl.DateTimeFormat(i18n.locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: m.timeZone ?? 'UTC',
    });
    // "10 de marzo de 2027, 10:00–12:30 (America/New_York)": the range written as the language writes it.
    const when = m.endsAt ? f.formatRange(m.startsAt, m.endsAt) : f.format(m.startsAt);
    return `${when} (${(m.timeZone ?? 'UTC').replace(/_/g, ' ')})`;
  }
  return m.startsOn === m.endsOn ? i18n.date(m.startsOn) : `${i18n.date(m.startsOn)} – ${i18n.date(m.endsOn)}`;
}

export type CalendarFilter = {
  view: 'list' | 'month';
  month: string;
  when: 'upcoming' | 'past' | 'all';
  body?: string | undefined;
  kind?: string | undefined;
  actor?: string | undefined;
  item?: string | undefined;
};

function MeetingList({ i18n, rows, nested = false }: { i18n: Translator; rows: readonly ListRow[]; nested?: boolean }) {
  const { t } = i18n;
  const title = (meeting: ListRow['meeting']) => (
    <a href={`/meetings/${meeting.id}`}>
      <Original lang="es" i18n={i18n}>
        {meeting.title}
      </Original>
    </a>
  );
  return (
    <ol class="meeting-list">
      {rows.map(({ meeting, body }) => (
        <li>
          <p class="muted">
            {`${meetingDates(i18n, meeting)} · ${actorLabel(i18n, body)} · ${t(`meetingKind.${meeting.kind}`)}`}
            {meeting.visibility === 'members' ? ` · ${t('calendar.membersOnly')}` : ''}
          </p>
          {nested ? <h3>{title(meeting)}</h3> : <h2>{title(meeting)}</h2>}
          <p>
            {meeting.location ? `${meeting.location} ` : ''}
            <StateBadge i18n={i18n} of="meeting" state={meeting.state} />
          </p>
        </li>
      ))}
    </ol>
  );
}

export function CalendarPage(props: {
  i18n: Translator;
  currentUrl: string;
  rows: ListRow[];
  filter: CalendarFilter;
  bodies: ActorChoice[];
  actors: ActorChoice[];
  canCreate: boolean;
  today: string;
  /** The latest past meetings, shown when none is upcoming. */
  recent: ListRow[];
}) {
  const { i18n, rows, filter } = props;
  const { t } = i18n;
  const query = (over: Partial<CalendarFilter>) => {
    const q = new URLSearchParams(
      Object.entries({ ...filter, ...over }).filter(([, v]) => v !== undefined && v !== '') as [string, string][],
    );
    return `/calendar?${q.toString()}`;
  };
  const [year, month] = filter.month.split('-').map(Number) as [number, number];
  const shift = (n: number) => {
    const d = new Date(Date.UTC(year, month - 1 + n, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return (
    <Layout i18n={i18n} title={t('calendar.title')} currentUrl={props.currentUrl} section="calendar">
      <h1>{t('calendar.title')}</h1>
      <p class="lead">{t('calendar.lead')}</p>
      <Tabs
        label={t('calendar.views')}
        tabs={[
          { href: query({ view: 'list' }), label: t('calendar.list'), current: filter.view === 'list' },
          { href: query({ view: 'month' }), label: t('calendar.month'), current: filter.view === 'month' },
        ]}
      />
      <FilterBar i18n={i18n} action="/calendar">
        <input type="hidden" name="view" value={filter.view} />
        {filter.view === 'month' ? <input type="hidden" name="month" value={filter.month} /> : null}
        {filter.view === 'list' ? (
          <FilterSelect
            id="c-when"
            name="when"
            label={t('calendar.when')}
            value={filter.when}
            options={(['upcoming', 'past', 'all'] as const).map((w) => ({ value: w, label: t(`calendar.when.${w}`) }))}
          />
        ) : null}
        <FilterSelect
          id="c-body"
          name="body"
          label={t('calendar.body')}
          value={filter.body}
          all={t('filter.all')}
          options={props.bodies.map((b) => ({ value: b.key, label: actorLabel(i18n, b) }))}
        />
        <FilterSelect
          id="c-kind"
          name="kind"
          label={t('calendar.kind')}
          value={filter.kind}
          all={t('filter.all')}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetingKind.${k}`) }))}
        />
        <FilterSelect
          id="c-actor"
          name="actor"
          label={t('calendar.actor')}
          value={filter.actor}
          all={t('filter.all')}
          options={props.actors.map((a) => ({ value: a.key, label: actorLabel(i18n, a) }))}
        />
        <div>
          <label for="c-item">{t('calendar.item')}</label>
          <input id="c-item" name="item" type="text" value={filter.item ?? ''} aria-describedby="c-item-hint" />
          <p class="hint" id="c-item-hint">
            {t('calendar.itemHint')}
          </p>
        </div>
      </FilterBar>
      {filter.view === 'month' ? (
        <nav class="actions" aria-label={t('calendar.monthNav')}>
          <a href={query({ month: shift(-1) })}>{`← ${i18n.date(`${shift(-1)}-01`, 'month')}`}</a>
          <strong>{i18n.date(`${filter.month}-01`, 'month')}</strong>
          <a href={query({ month: shift(1) })}>{`${i18n.date(`${shift(1)}-01`, 'month')} →`}</a>
        </nav>
      ) : null}
      <p class="result-count" role="status">
        {t('calendar.count', { count: rows.length })}
      </p>
      {filter.view === 'month' ? (
        <MonthGrid i18n={i18n} month={filter.month} rows={rows} today={props.today} />
      ) : (
        <MeetingList i18n={i18n} rows={rows} />
      )}
      {filter.view === 'list' && rows.length === 0 && props.recent.length > 0 ? (
        <section aria-labelledby="recent-meetings">
          <h2 id="recent-meetings">{t('calendar.recent')}</h2>
          <p>{t('calendar.noneUpcoming')}</p>
          <MeetingList i18n={i18n} rows={props.recent} nested />
          <p>
            <a href={query({ when: 'past' })}>{t('calendar.allPast')}</a>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="feeds">
        <h2 id="feeds">{t('calendar.feeds')}</h2>
        <p>{t('calendar.feedsIntro')}</p>
        <ul>
          <li>
            <a href="/calendar.ics">{t('calendar.feedAll')}</a>
          </li>
          {props.bodies.map((b) => (
            <li>
              <a href={`/calendar/${b.key}.ics`}>{t('calendar.feedBody', { body: actorLabel(i18n, b) })}</a>
            </li>
          ))}
        </ul>
      </section>
      {props.canCreate ? (
        <p>
          <a class="button" href="/meetings/new">
            {t('meeting.new')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export function MeetingPage(props: {
  i18n: Translator;
  currentUrl: string;
  detail: Detail;
  manage: boolean;
  actors: ActorChoice[];
  errors?: FormErrors;
  notice?: string | undefined;
}) {
  const { i18n, detail, manage } = props;
  const { t } = i18n;
  const { meeting, body } = detail;
  const invited = detail.people.filter((p) => p.role === 'invited');
  const participants = detail.people.filter((p) => p.role === 'participant');
  const actorOptions = props.actors.map((a) => ({ value: a.key, label: actorLabel(i18n, a) }));
  return (
    <Layout
      i18n={i18n}
      title={meeting.title}
      currentUrl={props.currentUrl}
      section="calendar"
      breadcrumbs={[{ href: '/calendar', label: t('calendar.title') }, { label: meetingDates(i18n, meeting) }]}
    >
      <p class="muted">{`${t(`meetingKind.${meeting.kind}`)} · ${actorLabel(i18n, body)}`}</p>
      <h1>
        <Original lang="es" i18n={i18n}>
          {meeting.title}
        </Original>
      </h1>
      <Notice>{props.notice}</Notice>
      <ErrorSummary i18n={i18n} errors={props.errors} />
      <MetaList
        items={[
          [t('meeting.dates'), meetingDates(i18n, meeting)],
          [t('meeting.state'), <StateBadge i18n={i18n} of="meeting" state={meeting.state} />],
          [t('meeting.location'), meeting.location],
          [t('meeting.body'), <a href={`/actors/${body.key}`}>{actorLabel(i18n, body)}</a>],
          [t('meeting.invited'), invited.map((p) => actorLabel(i18n, p.actor)).join(', ')],
          [t('meeting.guestsList'), detail.guests?.join(', ')],
          [
            t('meeting.participants'),
            participants.length > 0 && (
              <ul>
                {participants.map((p) => (
                  <li>{`${actorLabel(i18n, p.actor)}${p.people ? `: ${p.people}` : ''}`}</li>
                ))}
              </ul>
            ),
          ],
        ]}
      />
      {meeting.description ? (
        <div class="prose" lang="es">
          {meeting.description.split(/\n\s*\n/).map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </div>
      ) : null}
      <p>
        <a href={`/meetings/${meeting.id}.ics`}>{t('meeting.addToCalendar')}</a>
      </p>
      {detail.agenda.length > 0 ? (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t('meeting.agenda')}</h2>
          <ol>
            {detail.agenda.map((a) => (
              <li>
                {a.agenda.title}
                {a.item?.id ? (
                  <>
                    {' — '}
                    <a href={`/items/${a.item.id}`}>{a.item.code}</a>
                  </>
                ) : null}
                {manage ? (
                  <>
                    {' '}
                    <PostButton
                      action={`/meetings/${meeting.id}/agenda/${a.agenda.id}/remove`}
                      look="secondary"
                      label={t('meeting.agendaRemove')}
                      ariaLabel={t('meeting.agendaRemoveOne', { title: a.agenda.title })}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {detail.documents.length > 0 ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('meeting.documents')}</h2>
          <ul>
            {detail.documents.map((d) => (
              <li>
                <a href={d.url ?? `/meeting-documents/${d.id}`} rel={d.url ? 'noopener noreferrer' : undefined}>
                  {d.title}
                </a>
                {` (${t(`meetingDocument.${d.kind}`)})`}
                {manage ? (
                  <>
                    {' '}
                    <PostButton
                      action={`/meetings/${meeting.id}/documents/${d.id}/remove`}
                      look="secondary"
                      label={t('meeting.documentRemove')}
                      ariaLabel={t('meeting.documentRemoveOne', { title: d.title })}
                    />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="agreements">
        <h2 id="agreements">{t('meeting.agreements')}</h2>
        {detail.agreements.length === 0 ? <p class="muted">{t('meeting.noAgreements')}</p> : null}
        {detail.agreements.map((a) => (
          <article class="entry-view agreement" id={`agreement-${a.agreement.id}`}>
            <p>
              <Original lang="es" i18n={i18n}>
                {a.agreement.text}
              </Original>
            </p>
            <p>
              <StatusBadge i18n={i18n} status={a.agreement.status} />
              {` ${t('agreement.owners')}: ${a.owners.map((o) => actorLabel(i18n, o)).join(', ')}`}
              {a.agreement.dueDate ? ` · ${t('agreement.due')}: ${i18n.date(a.agreement.dueDate)}` : ''}
            </p>
            {a.items.length > 0 ? (
              <p>
                {`${t('agreement.items')}: `}
                {a.items.map((it, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <a href={`/items/${it.id}`}>{it.code}</a>
                  </>
                ))}
              </p>
            ) : null}
            {a.notes.length > 0 ? (
              <ul class="notes">
                {a.notes.map((n) => (
                  <li>
                    <time datetime={n.notedOn}>{i18n.date(n.notedOn)}</time>
                    {n.text}
                  </li>
                ))}
              </ul>
            ) : null}
            {manage ? (
              <Disclosure summary={t('agreement.changeStatus')}>
                <PostForm action={`/agreements/${a.agreement.id}/status`} submit={t('cycleEdit.save')}>
                  <SelectField
                    id={`st-${a.agreement.id}`}
                    name="status"
                    label={t('item.status')}
                    value={a.agreement.status}
                    options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  />
                  <Field id={`dt-${a.agreement.id}`} name="date" type="date" label={t('item.date')} />
                  <TextAreaField id={`nt-${a.agreement.id}`} name="note" label={t('agreement.note')} required />
                </PostForm>
              </Disclosure>
            ) : null}
          </article>
        ))}
      </section>
      {manage ? (
        <section aria-labelledby="manage">
          <h2 id="manage">{t('meeting.manage')}</h2>
          <p>
            <a class="button secondary" href={`/meetings/${meeting.id}/edit`}>
              {t('meeting.edit')}
            </a>
          </p>
          <Disclosure summary={t('meeting.addAgreement')}>
            <PostForm action={`/meetings/${meeting.id}/agreements`} submit={t('meeting.addAgreement')}>
              <TextAreaField id="ag-text" name="text" label={t('agreement.text')} required error={props.errors?.text} />
              <SelectField
                id="ag-owner"
                name="owner"
                label={t('agreement.owner')}
                options={actorOptions}
                error={props.errors?.ownerActorIds}
              />
              <Field id="ag-due" name="dueDate" type="date" label={t('agreement.due')} error={props.errors?.dueDate} />
              <Field
                id="ag-items"
                name="items"
                label={t('agreement.itemCodes')}
                hint={t('agreement.itemCodesHint')}
                error={props.errors?.itemIds}
              />
            </PostForm>
          </Disclosure>
          <Disclosure summary={t('meeting.addAgenda')}>
            <PostForm action={`/meetings/${meeting.id}/agenda`} submit={t('meeting.addAgenda')}>
              <Field id="ai-title" name="title" label={t('meeting.agendaTitle')} required />
              <Field id="ai-item" name="item" label={t('agreement.itemCodes')} hint={t('agreement.itemCodesHint')} />
            </PostForm>
          </Disclosure>
          <Disclosure summary={t('meeting.addDocument')}>
            <PostForm action={`/meetings/${meeting.id}/documents`} submit={t('meeting.addDocument')} multipart>
              <SelectField
                id="doc-kind"
                name="kind"
                label={t('calendar.kind')}
                options={(['agenda', 'presentation', 'minutes', 'other'] as const).map((k) => ({
                  value: k,
                  label: t(`meetingDocument.${k}`),
                }))}
              />
              <Field id="doc-title" name="title" label={t('report.evidenceTitle')} />
              <div class="field">
                <label for="doc-file">{t('report.evidenceFile')}</label>
                <input id="doc-file" type="file" name="file" aria-describedby="doc-file-hint" />
                <p class="hint" id="doc-file-hint">
                  {t('meeting.documentHint')}
                </p>
              </div>
              <Field id="doc-url" name="url" type="url" label={t('report.evidenceUrl')} />
            </PostForm>
          </Disclosure>
          <Disclosure summary={t('meeting.changeState')}>
            <PostForm action={`/meetings/${meeting.id}/state`} submit={t('cycleEdit.save')}>
              <SelectField
                id="m-state"
                name="state"
                label={t('meeting.state')}
                value={meeting.state}
                options={MEETING_STATES.map((s) => ({ value: s, label: t(`meetingState.${s}`) }))}
              />
            </PostForm>
          </Disclosure>
        </section>
      ) : null}
    </Layout>
  );
}
