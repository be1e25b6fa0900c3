/**
 * The secretariat's editing panel on an item page: change the status with a
 * dated note, edit text, code and calendar, assign and unassign actors, add a
 * contained item. Plain forms in <details>: no JavaScript needed.
 */
import type { Child } from 'hono/jsx';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { ASSIGNMENT_ROLES, type AssignmentRole } from '../../domain/vocabulary.ts';
import { actorLabel, Notice } from '../../web/components.tsx';
import { type ActorOption, actorGroups, SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { MessageKey, Translator } from '../../web/i18n/i18n.ts';
import type { AssignedActor } from './programme.service.ts';

export type EditingForm = 'status' | 'edit' | 'assign' | 'remove' | 'child';
/** A form that failed: which one, what was typed, and the errors by field name. */
export type EditingState = { form: EditingForm; values: Record<string, string>; errors: FormErrors };

type EditableItem = {
  id: string;
  code: string;
  text: string;
  levelKey: string;
  status: string | null;
  calendar: string | null;
  startsOn: string | null;
  endsOn: string | null;
  actors: AssignedActor[];
  hasChildren: boolean;
};
type LevelOption = { key: string; name: Record<string, string> };

type PanelProps = {
  i18n: Translator;
  item: EditableItem;
  levels: LevelOption[];
  actors: ActorOption[];
  today: string;
  saved: boolean;
  state?: EditingState | undefined;
};

type FormProps = PanelProps & { values: Record<string, string | undefined>; errors: FormErrors };

function StatusForm({ i18n, item, today, values, errors }: FormProps) {
  const { t } = i18n;
  return (
    <PostForm action={`/items/${item.id}/status`} submit={t('editing.status.submit')}>
      {item.hasChildren ? <p class="hint">{t('editing.status.parentHint')}</p> : null}
      <SelectField
        id="status-status"
        name="status"
        label={t('editing.status.new')}
        value={values.status ?? item.status ?? undefined}
        error={errors.status}
        options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        required
      />
      <Field
        id="status-date"
        name="date"
        type="date"
        label={t('item.date')}
        hint={t('editing.status.dateHint')}
        value={values.date ?? today}
        error={errors.date}
        required
      />
      <TextAreaField
        id="status-note"
        name="note"
        label={t('editing.note')}
        hint={t('editing.status.noteHint')}
        value={values.note}
        error={errors.note}
        required
      />
    </PostForm>
  );
}

function EditForm({ i18n, item, values, errors }: FormProps) {
  const { t } = i18n;
  const value = (name: 'code' | 'text' | 'calendar' | 'startsOn' | 'endsOn') => values[name] ?? item[name] ?? '';
  return (
    <PostForm action={`/items/${item.id}/edit`} submit={t('editing.edit.submit')}>
      <Field id="edit-code" name="code" label={t('item.code')} value={value('code')} error={errors.code} required />
      <TextAreaField
        id="edit-text"
        name="text"
        label={t('item.text')}
        value={value('text')}
        error={errors.text}
        rows={6}
        required
      />
      <TextAreaField
        id="edit-calendar"
        name="calendar"
        label={t('item.calendar')}
        hint={t('editing.calendarHint')}
        value={value('calendar')}
        error={errors.calendar}
        rows={3}
      />
      <fieldset aria-describedby="edit-dates-hint">
        <legend>{t('item.dates')}</legend>
        <p class="hint" id="edit-dates-hint">
          {t('editing.datesHint')}
        </p>
        <Field
          id="edit-starts"
          name="startsOn"
          type="date"
          label={t('editing.startsOn')}
          value={value('startsOn')}
          error={errors.startsOn}
        />
        <Field
          id="edit-ends"
          name="endsOn"
          type="date"
          label={t('editing.endsOn')}
          value={value('endsOn')}
          error={errors.endsOn}
        />
      </fieldset>
    </PostForm>
  );
}

function AssignForm({ i18n, item, actors, values, errors }: FormProps) {
  const { t } = i18n;
  return (
    <PostForm action={`/items/${item.id}/assignments`} submit={t('editing.assign.submit')}>
      <SelectField
        id="assign-actor"
        name="actorId"
        label={t('filter.actor')}
        value={values.actorId}
        error={errors.actorId}
        placeholder={t('editing.assign.choose')}
        groups={actorGroups(i18n, actors)}
        required
      />
      <SelectField
        id="assign-role"
        name="role"
        label={t('actor.role')}
        value={values.role ?? 'responsible'}
        error={errors.role}
        options={ASSIGNMENT_ROLES.map((r) => ({ value: r, label: t(`assignmentRole.${r}`) }))}
        required
      />
    </PostForm>
  );
}

const isAssignmentRole = (role: string): role is AssignmentRole =>
  (ASSIGNMENT_ROLES as readonly string[]).includes(role);

function RemoveList({ i18n, item }: FormProps) {
  const { t } = i18n;
  if (item.actors.length === 0) return <p class="muted">{t('item.noActors')}</p>;
  return (
    <ul>
      {item.actors.map((a) => {
        const role = isAssignmentRole(a.role) ? t(`assignmentRole.${a.role}`) : a.role;
        const label = `${actorLabel(i18n, a)} — ${role}`;
        return (
          <li>
            {`${label} `}
            <PostButton
              action={`/items/${item.id}/assignments/remove`}
              look="secondary"
              fields={{ actorId: a.id, role: a.role }}
              label={t('editing.remove.submit')}
              ariaLabel={t('editing.remove.one', { assignment: label })}
            />
          </li>
        );
      })}
    </ul>
  );
}

/** The level a contained item most likely has: the one after the item's own, else the same. */
function childLevel(levels: LevelOption[], key: string): string | undefined {
  const index = levels.findIndex((l) => l.key === key);
  return (levels[index + 1] ?? levels[index])?.key;
}

function ChildForm({ i18n, item, levels, values, errors }: FormProps) {
  const { t } = i18n;
  return (
    <PostForm action={`/items/${item.id}/children`} submit={t('editing.child.submit')}>
      <p class="hint">{t('editing.child.hint')}</p>
      <SelectField
        id="child-level"
        name="level"
        label={t('item.level')}
        value={values.level ?? childLevel(levels, item.levelKey)}
        error={errors.level}
        options={levels.map((l) => ({ value: l.key, label: i18n.pick(l.name) }))}
        required
      />
      <Field id="child-code" name="code" label={t('item.code')} value={values.code} error={errors.code} required />
      <TextAreaField
        id="child-text"
        name="text"
        label={t('item.text')}
        value={values.text}
        error={errors.text}
        rows={4}
        required
      />
    </PostForm>
  );
}

const SECTIONS: { form: EditingForm; title: MessageKey; Body: (p: FormProps) => Child }[] = [
  { form: 'status', title: 'editing.status.title', Body: StatusForm },
  { form: 'edit', title: 'editing.edit.title', Body: EditForm },
  { form: 'assign', title: 'editing.assign.title', Body: AssignForm },
  { form: 'remove', title: 'editing.remove.title', Body: RemoveList },
  { form: 'child', title: 'editing.child.title', Body: ChildForm },
];

export function EditingPanel(props: PanelProps) {
  const { i18n, state } = props;
  const { t } = i18n;
  return (
    <section id="edit" class="no-print" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('editing.title')}</h2>
      {props.saved ? <Notice>{t('editing.saved')}</Notice> : null}
      <ErrorSummary i18n={i18n} errors={state?.errors} />
      {SECTIONS.map(({ form, title, Body }) => {
        const failed = state?.form === form;
        const formProps = { ...props, values: failed ? state.values : {}, errors: failed ? state.errors : {} };
        return (
          <details class="section" open={failed}>
            <summary>{t(title)}</summary>
            {Body(formProps)}
          </details>
        );
      })}
    </section>
  );
}
