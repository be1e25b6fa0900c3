/** Form pieces: fields with their label, hint and error, the CSRF field, and the error summary. */
import { type Child, useContext } from 'hono/jsx';
import type { FieldError } from '../errors.ts';
import type { MessageKey, Translator } from './i18n/i18n.ts';
import { SessionContext } from './session-context.ts';

export type FormErrors = Record<string, string>;

/**
 * How the forms label the fields they share, for messages that name one: a
 * form whose labels differ passes its own (`labels`), which come first.
 */
const FIELD_LABELS: Record<string, MessageKey> = {
  actor: 'filter.actor',
  actorId: 'filter.actor',
  background: 'consolidated.background',
  body: 'comments.field',
  calendar: 'item.calendar',
  conclusion: 'consolidated.conclusion',
  code: 'item.code',
  comment: 'report.returnComment',
  date: 'item.date',
  decision: 'proposals.decide',
  dueDate: 'agreement.due',
  edition: 'edition.edition',
  email: 'login.email',
  endsOn: 'editing.endsOn',
  entryId: 'proposals.item',
  expiresInDays: 'account.tokenExpires',
  file: 'form.file',
  introduction: 'consolidated.introduction',
  item: 'agreement.itemCodes',
  items: 'agreement.itemCodes',
  kind: 'calendar.kind',
  level: 'item.level',
  locale: 'admin.invite.locale',
  name: 'account.name',
  note: 'editing.note',
  owner: 'agreement.owner',
  password: 'password.new',
  reason: 'cycles.stepBackReason',
  role: 'admin.invite.role',
  scope: 'account.tokenScope',
  startsOn: 'editing.startsOn',
  state: 'meeting.state',
  status: 'item.status',
  text: 'item.text',
  title: 'report.evidenceTitle',
  'title-en': 'cycleEdit.titleEn',
  'title-es': 'cycleEdit.titleEs',
  url: 'report.evidenceUrl',
  version: 'report.version',
};

/**
 * Each field's message, keyed by field; a message that names the field names
 * it as the form labels it (`labels`: field → catalog key, then the shared
 * labels; a numbered field such as `role3` as its kind), never by its name in the code.
 */
export function formErrors(
  i18n: Translator,
  fields: FieldError[],
  labels: Record<string, MessageKey> = {},
): FormErrors {
  return Object.fromEntries(
    fields.map((f) => {
      const kind = f.field.replace(/\d+$/, '');
      const label = labels[f.field] ?? labels[kind] ?? FIELD_LABELS[f.field] ?? FIELD_LABELS[kind];
      return [f.field, i18n.t(f.messageKey as MessageKey, { field: label ? i18n.t(label) : f.field, ...f.params })];
    }),
  );
}

export function CsrfField() {
  const user = useContext(SessionContext);
  return user?.csrfToken ? <input type="hidden" name="_csrf" value={user.csrfToken} /> : null;
}

type FieldProps = {
  id: string;
  name: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
};

export function Field({ id, name, label, type = 'text', value, hint, error, required, autocomplete }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        autocomplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorSummary({
  i18n,
  message,
  errors,
}: {
  i18n: Translator;
  message?: string | undefined;
  errors?: FormErrors;
}) {
  const list = Object.values(errors ?? {});
  if (!message && list.length === 0) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p>{message ?? i18n.t('error.invalidInput')}</p>
      {list.length > 0 ? (
        <ul>
          {list.map((m) => (
            <li>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * One action as a button: a POST form with its CSRF field and the hidden
 * `fields` the action needs. `named` is said to screen readers after the
 * label, where many such buttons in a list would otherwise sound alike.
 */
export function PostButton(props: {
  action: string;
  label: Child;
  look?: 'primary' | 'secondary' | 'link';
  fields?: Record<string, string> | undefined;
  named?: string | undefined;
  ariaLabel?: string | undefined;
  id?: string | undefined;
}) {
  const look = props.look ?? 'primary';
  return (
    <form method="post" action={props.action} class="inline-form" id={props.id}>
      <CsrfField />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button
        class={look === 'link' ? 'link-button' : look === 'secondary' ? 'button secondary' : 'button'}
        type="submit"
        aria-label={props.ariaLabel}
      >
        {props.label}
        {props.named ? <span class="visually-hidden">{props.named}</span> : null}
      </button>
    </form>
  );
}

/** A form that posts: its CSRF field, the fields given as children, and its submit button last. */
export function PostForm(props: {
  action: string;
  submit: string;
  look?: 'primary' | 'secondary';
  /** It sends a file. */
  multipart?: boolean;
  class?: string;
  children?: Child;
}) {
  return (
    <form
      class={props.class ?? 'form'}
      method="post"
      action={props.action}
      enctype={props.multipart ? 'multipart/form-data' : undefined}
    >
      <CsrfField />
      {props.children}
      <button class={props.look === 'secondary' ? 'button secondary' : 'button'} type="submit">
        {props.submit}
      </button>
    </form>
  );
}
