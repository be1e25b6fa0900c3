/** Editions of a programme: the form that derives the next one, and what changed between two, item by item. */
import { wordChanges } from '../../domain/edition-diff.ts';
import { WordDiff } from '../../web/components.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { EditionComparison } from './programme-editions.service.ts';

type Base = { i18n: Translator; currentUrl: string };
type ProgrammeRef = { slug: string; shortTitle: Record<string, string>; edition: string };

const crumbs = (i18n: Translator, programme: ProgrammeRef, label: string) => [
  { href: '/', label: i18n.t('nav.home') },
  { href: `/programmes/${programme.slug}`, label: i18n.pick(programme.shortTitle, programme.slug) },
  { label },
];

export function NewEditionPage(
  props: Base & { programme: ProgrammeRef; values: Record<string, string>; errors?: FormErrors | undefined },
) {
  const { i18n, programme, values, errors } = props;
  const { t } = i18n;
  const title = t('edition.title', { programme: i18n.pick(programme.shortTitle, programme.slug) });
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="programmes"
      breadcrumbs={crumbs(i18n, programme, t('edition.new'))}
    >
      <h1>{title}</h1>
      <p class="lead">{t('edition.lead')}</p>
      <ErrorSummary i18n={i18n} errors={errors} />
      <form class="form" method="post" action={`/programmes/${programme.slug}/editions/new`}>
        <CsrfField />
        <Field
          id="slug"
          name="slug"
          label={t('edition.slug')}
          hint={t('import.slugHint')}
          value={values.slug}
          error={errors?.slug}
          required
        />
        <Field
          id="edition"
          name="edition"
          label={t('edition.edition')}
          value={values.edition}
          error={errors?.edition}
          required
        />
        <div class="field check">
          <input type="checkbox" id="copyItems" name="copyItems" value="1" checked={values.copyItems !== '0'} />
          <label for="copyItems">{t('edition.copyItems')}</label>
        </div>
        <p class="actions">
          <button type="submit" class="button">
            {t('edition.create')}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export function EditionDiffPage(props: Base & { comparison: EditionComparison }) {
  const { i18n } = props;
  const { t } = i18n;
  const { programme, against, levels, diff } = props.comparison;
  const levelName = (key: string) => i18n.pick(levels.find((l) => l.key === key)?.name, key);
  const title = t('diff.title', { against: against.edition, programme: programme.edition });
  const none = <p class="muted">{t('diff.none')}</p>;
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="programmes"
      breadcrumbs={crumbs(i18n, programme, title)}
    >
      <h1>{title}</h1>
      <p class="lead">
        {t('diff.summary', {
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
          moved: diff.moved.length,
        })}
      </p>
      <p>
        <a href={`/programmes/${against.slug}`}>{i18n.pick(against.shortTitle, against.slug)}</a>
        {' → '}
        <a href={`/programmes/${programme.slug}`}>{i18n.pick(programme.shortTitle, programme.slug)}</a>
      </p>

      <h2>{t('diff.changed')}</h2>
      {diff.changed.length === 0 ? (
        none
      ) : (
        <div class="table-wrap">
          <table class="diff">
            <caption class="visually-hidden">{t('diff.changed')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('diff.code')}</th>
                <th scope="col">{t('diff.before')}</th>
                <th scope="col">{t('diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.changed.map((change) => {
                const words = wordChanges(change.before, change.after);
                return (
                  <tr id={`c-${change.code}`}>
                    <th scope="row">
                      {change.code}
                      <span class="muted"> · {levelName(change.level)}</span>
                    </th>
                    <td lang={programme.language} data-label={t('diff.before')}>
                      <WordDiff changes={words} show="removed" />
                    </td>
                    <td lang={programme.language} data-label={t('diff.after')}>
                      <WordDiff changes={words} show="added" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {(['added', 'removed'] as const).map((kind) => (
        <>
          <h2>{t(`diff.${kind}`)}</h2>
          {diff[kind].length === 0 ? (
            none
          ) : (
            <ul class="diff-list">
              {diff[kind].map((item) => (
                <li>
                  <strong>{item.code}</strong> <span class="muted">· {levelName(item.level)}</span>{' '}
                  <span lang={programme.language}>{item.text}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      ))}

      <h2>{t('diff.moved')}</h2>
      {diff.moved.length === 0 ? (
        none
      ) : (
        <ul class="diff-list">
          {diff.moved.map((item) => (
            <li>
              <strong>{item.code}</strong> <span lang={programme.language}>{item.text}</span>
              <br />
              <span class="muted">
                {t('diff.from')}: {item.from ?? t('diff.top')} · {t('diff.to')}: {item.to ?? t('diff.top')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
