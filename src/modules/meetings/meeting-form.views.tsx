/**
 * The form of a new meeting and of a meeting's changes: the body (those that
 * hold meetings first), kind, title, description, days and — if it has them
 * — times in a time zone, place, visibility, the actors invited, ticked by
 * type, and other people invited by e-mail address.
 */
import { MEETING_KINDS } from '../../db/schema/index.ts';
import { actorLabel } from '../../web/components.tsx';
import { type ActorOption, actorGroups, SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { MEETING_TIME_ZONES, type MeetingFormValues } from './meeting-form.ts';

type ActorChoice = ActorOption & { key: string };

function InvitedActors({ i18n, actors, chosen }: { i18n: Translator; actors: ActorChoice[]; chosen: string[] }) {
  const { t } = i18n;
  const keyOf = new Map(actors.map((a) => [a.id, a.key]));
  return (
    <fieldset>
      <legend>{t('meeting.invited')}</legend>
      <p class="hint">{t('meeting.invitedHint')}</p>
      {actorGroups(i18n, actors).map((group) => {
        const ticked = group.options.filter((o) => chosen.includes(keyOf.get(o.value) ?? o.value)).length;
        return (
          <details class="choices" open={ticked > 0}>
            <summary>{`${group.label}${ticked > 0 ? ` (${i18n.number(ticked)})` : ''}`}</summary>
            {group.options.map((o) => {
              const key = keyOf.get(o.value) ?? o.value;
              return (
                <div class="field check">
                  <input
                    type="checkbox"
                    id={`invited-${key}`}
                    name="invited"
                    value={key}
                    checked={chosen.includes(key)}
                  />
                  <label for={`invited-${key}`}>{o.label}</label>
                </div>
              );
            })}
          </details>
        );
      })}
    </fieldset>
  );
}

export function MeetingFormPage(props: {
  i18n: Translator;
  currentUrl: string;
  /** A new meeting, or the changes of the meeting `id` titled `title`. */
  editing?: { id: string; title: string } | undefined;
  /** The bodies that already hold meetings, offered first; every actor, for the rest and the invitations. */
  bodies: ActorChoice[];
  actors: ActorChoice[];
  values?: Partial<MeetingFormValues> | undefined;
  errors?: FormErrors | undefined;
}) {
  const { i18n, editing } = props;
  const { t } = i18n;
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const heading = editing ? t('meeting.edit') : t('meeting.new');
  const held = new Set(props.bodies.map((b) => b.id));
  /** A day and, beside it, its time (empty for a meeting of whole days). */
  const dayAndTime = (
    day: 'startsAt' | 'endsAt',
    time: 'startTime' | 'endTime',
    dayLabel: string,
    timeLabel: string,
  ) => (
    <div class="field-row">
      <Field id={day} name={day} type="date" label={dayLabel} value={v[day]} required error={e[day]} />
      <Field id={time} name={time} type="time" label={timeLabel} value={v[time]} error={e[time]} />
    </div>
  );
  return (
    <Layout
      i18n={i18n}
      title={heading}
      currentUrl={props.currentUrl}
      section="calendar"
      breadcrumbs={[
        { href: '/calendar', label: t('calendar.title') },
        ...(editing ? [{ href: `/meetings/${editing.id}`, label: editing.title }] : []),
        { label: heading },
      ]}
    >
      <h1>{heading}</h1>
      <ErrorSummary i18n={i18n} errors={props.errors} />
      <PostForm
        action={editing ? `/meetings/${editing.id}/edit` : '/meetings'}
        submit={editing ? t('meeting.saveChanges') : t('meeting.create')}
      >
        {editing ? null : (
          <SelectField
            id="body"
            name="body"
            label={t('meeting.body')}
            value={v.body}
            error={e.body}
            groups={[
              {
                label: t('meeting.bodiesThatMeet'),
                options: props.bodies.map((b) => ({ value: b.key, label: actorLabel(i18n, b) })),
              },
              ...actorGroups(
                i18n,
                props.actors.filter((a) => !held.has(a.id)),
              ).map((g) => ({
                ...g,
                options: g.options.map((o) => ({
                  ...o,
                  value: props.actors.find((a) => a.id === o.value)?.key ?? o.value,
                })),
              })),
            ]}
          />
        )}
        <SelectField
          id="kind"
          name="kind"
          label={t('calendar.kind')}
          value={v.kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`meetingKind.${k}`) }))}
          error={e.kind}
        />
        <Field id="title" name="title" label={t('meeting.title')} value={v.title} required error={e.title} />
        <TextAreaField
          id="description"
          name="description"
          label={t('meeting.description')}
          value={v.description}
          error={e.description}
        />
        {dayAndTime('startsAt', 'startTime', t('meeting.startsOn'), t('meeting.startTime'))}
        {dayAndTime('endsAt', 'endTime', t('meeting.endsOn'), t('meeting.endTime'))}
        <SelectField
          id="timeZone"
          name="timeZone"
          label={t('meeting.timeZone')}
          hint={t('meeting.timeZoneHint')}
          value={v.timeZone || 'America/New_York'}
          options={MEETING_TIME_ZONES.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          error={e.timeZone}
        />
        <Field id="location" name="location" label={t('meeting.location')} value={v.location} error={e.location} />
        <SelectField
          id="visibility"
          name="visibility"
          label={t('meeting.visibility')}
          value={v.visibility}
          options={[
            { value: 'public', label: t('meeting.public') },
            { value: 'members', label: t('calendar.membersOnly') },
          ]}
        />
        <InvitedActors i18n={i18n} actors={props.actors} chosen={v.invited ?? []} />
        <TextAreaField
          id="guests"
          name="guests"
          label={t('meeting.guests')}
          hint={t('meeting.guestsHint')}
          value={v.guests}
          error={e.guests}
          rows={3}
        />
      </PostForm>
    </Layout>
  );
}
