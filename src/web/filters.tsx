/** The filter bar above a list: a GET form of labelled selects and its "apply" button. */
import type { Child } from 'hono/jsx';
import type { Option } from './form-controls.tsx';
import type { Translator } from './i18n/i18n.ts';

/** `search`: the bar searches a list by its text; `clear` links back to the list unfiltered. */
export function FilterBar(props: {
  i18n: Translator;
  action: string;
  search?: boolean;
  clear?: string | undefined;
  children: Child;
}) {
  const { t } = props.i18n;
  return (
    <form
      class="filters"
      method="get"
      action={props.action}
      role={props.search ? 'search' : undefined}
      aria-label={t('filter.label')}
    >
      {props.children}
      <div>
        <button class="button" type="submit">
          {t('filter.apply')}
        </button>
        {props.clear ? (
          <>
            {' '}
            <a class="button secondary" href={props.clear}>
              {t('filter.clear')}
            </a>
          </>
        ) : null}
      </div>
    </form>
  );
}

/** One filter: the chosen `value` selected, and first an option for "all" when `all` names it. */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  options: readonly Option[];
  all?: string | undefined;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.all === undefined ? null : <option value="">{props.all}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={props.value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
