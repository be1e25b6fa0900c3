/**
 * Form controls beside forms.tsx's Field: a select, a text area, and
 * an actor select grouped by actor type. Each has its label, hint and error
 * tied to the control by aria-describedby, like `Field`.
 */
import { ACTOR_TYPES } from '../domain/vocabulary.ts';
import { assets } from './assets.ts';
import type { Translator } from './i18n/i18n.ts';

type Common = {
  id: string;
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
};

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

const describedBy = ({ id, hint, error }: Common) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function Messages({ id, hint, error }: Common) {
  return (
    <>
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
    </>
  );
}

export function SelectField(
  props: Common & {
    value?: string | undefined;
    options?: Option[];
    groups?: OptionGroup[];
    placeholder?: string;
    /** A long list: with JavaScript, a search box above it narrows the options (its label given here). */
    searchLabel?: string | undefined;
  },
) {
  const { id, name, label, value, required } = props;
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === value}>
      {o.label}
    </option>
  );
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        data-search-label={props.searchLabel}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {(props.options ?? []).map(option)}
        {(props.groups ?? []).map((g) => (
          <optgroup label={g.label}>{g.options.map(option)}</optgroup>
        ))}
      </select>
      <Messages {...props} />
    </div>
  );
}

/**
 * A text area; `rich` makes it a rich-text editor where JavaScript runs (the page then renders
 * `RichToolbar` once). Its value is HTML either way.
 */
export function TextAreaField(props: Common & { value?: string | undefined; rows?: number; rich?: boolean }) {
  const { id, name, label, value, required } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 4}
        required={required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
        data-rich={props.rich ? assets.editorPath : undefined}
      >
        {value ?? ''}
      </textarea>
      <Messages {...props} />
    </div>
  );
}

export type ActorOption = {
  id: string;
  type: string;
  name: Record<string, string>;
  acronym: Record<string, string>;
};

/** Actors grouped by type in the vocabulary's order, each group sorted by name in the reader's language. */
export function actorGroups(i18n: Translator, actors: ActorOption[]): OptionGroup[] {
  return ACTOR_TYPES.flatMap((type) => {
    const options = actors
      .filter((a) => a.type === type)
      .map((a) => {
        const name = i18n.pick(a.name);
        const acronym = i18n.pick(a.acronym);
        return { value: a.id, label: acronym && acronym !== name ? `${name} (${acronym})` : name };
      })
      .sort((a, b) => a.label.localeCompare(b.label, i18n.locale));
    return options.length > 0 ? [{ label: i18n.t(`actorType.${type}`), options }] : [];
  });
}

const RICH_COMMANDS = [
  ['bold', 'B'],
  ['italic', 'I'],
  ['h3', 'H'],
  ['h4', 'h'],
  ['ul', '•'],
  ['ol', '1.'],
  ['link', 'link'],
  ['undo', '↶'],
  ['redo', '↷'],
] as const;

/** A chain link, drawn: the emoji has no glyph in many fonts. */
function LinkIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
      />
    </svg>
  );
}

/** The toolbar every rich-text editor of a page copies: rendered once, inert until the editor loads. */
export function RichToolbar({ i18n }: { i18n: Translator }) {
  const { t } = i18n;
  return (
    <template id="rich-toolbar">
      <div class="rich-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        {RICH_COMMANDS.map(([command, glyph]) => (
          <button
            type="button"
            class={`rich-${command}`}
            data-command={command}
            aria-label={t(`editor.${command}`)}
            title={t(`editor.${command}`)}
            data-prompt={command === 'link' ? t('editor.linkPrompt') : undefined}
          >
            {glyph === 'link' ? <LinkIcon /> : <span aria-hidden="true">{glyph}</span>}
          </button>
        ))}
      </div>
    </template>
  );
}

/** A set of checkboxes in a fieldset; `folded`, a long list inside a disclosure that opens when any is ticked. */
export function Checkboxes(props: {
  legend: string;
  hint?: string;
  name: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  error?: string | undefined;
  folded?: boolean;
}) {
  const errorId = `${props.name}-error`;
  const boxes = props.options.map((o) => (
    <div class="field check">
      <input
        type="checkbox"
        id={`${props.name}-${o.value}`}
        name={props.name}
        value={o.value}
        checked={props.chosen.includes(o.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      <label for={`${props.name}-${o.value}`}>{o.label}</label>
    </div>
  ));
  const ticked = props.chosen.length;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      {props.folded ? (
        <details class="choices" open={ticked > 0 || Boolean(props.error)}>
          <summary>{ticked > 0 ? `${props.legend} (${ticked})` : props.legend}</summary>
          {boxes}
        </details>
      ) : (
        boxes
      )}
    </fieldset>
  );
}

/** A list to choose several from (programme items, documents), grouped, with its label, hint and error. */
export function MultiSelectField(props: Common & { values: readonly string[]; groups: OptionGroup[]; size?: number }) {
  const { id, name, label, values } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        multiple
        size={props.size ?? 8}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.groups.map((g) => (
          <optgroup label={g.label}>
            {g.options.map((o) => (
              <option value={o.value} selected={values.includes(o.value)}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Messages {...props} />
    </div>
  );
}
