/**
 * A step that cannot be taken back lightly asks first, on its own page that
 * works without JavaScript: what will happen, in sentences and an optional
 * list, a button that takes the step (the same address, with confirm=yes)
 * and a way back.
 */
import type { Child } from 'hono/jsx';
import { CsrfField } from './forms.tsx';
import type { Translator } from './i18n/i18n.ts';
import { type Crumb, Layout } from './layout.tsx';

export function ConfirmPage(props: {
  i18n: Translator;
  currentUrl: string;
  title: string;
  breadcrumbs?: Crumb[];
  section?: 'reporting' | 'admin';
  lines: string[];
  list?: { heading: string; items: Child[] } | undefined;
  action: string;
  confirm: string;
  cancel: { href: string; label: string };
}) {
  return (
    <Layout
      i18n={props.i18n}
      title={props.title}
      currentUrl={props.currentUrl}
      section={props.section}
      breadcrumbs={props.breadcrumbs}
    >
      <h1>{props.title}</h1>
      <div class="alert alert-warning" role="note">
        {props.lines.map((line) => (
          <p>{line}</p>
        ))}
      </div>
      {props.list && props.list.items.length > 0 ? (
        <section aria-labelledby="confirm-list">
          <h2 id="confirm-list">{props.list.heading}</h2>
          <ul>
            {props.list.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <form method="post" action={props.action} class="actions">
        <CsrfField />
        <input type="hidden" name="confirm" value="yes" />
        <button class="button" type="submit">
          {props.confirm}
        </button>
        <a href={props.cancel.href}>{props.cancel.label}</a>
      </form>
    </Layout>
  );
}
