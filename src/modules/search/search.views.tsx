/** The search page: the box, the results with their snippets, and the facets that narrow them. */
import { raw } from 'hono/html';
import { DOCUMENT_TYPES } from '../../domain/vocabulary.ts';
import type { MessageKey, Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Pager } from '../../web/navigation.tsx';
import { languageName } from '../library/library.views.tsx';
import type { presentSearch } from './search.presenter.ts';
import type { SearchParams } from './search.schema.ts';

type Results = ReturnType<typeof presentSearch>;
type Filters = Partial<SearchParams>;

const FILTERS = ['type', 'country', 'lang', 'year'] as const;

/** The address of this search with `change` applied (a filter set or removed), back on its first page. */
function searchHref(filters: Filters, change: Partial<Record<keyof Filters, string | number | undefined>>): string {
  const merged: Record<string, string | number | undefined> = { ...filters, ...change, page: change.page };
  const query = new URLSearchParams();
  for (const key of ['q', ...FILTERS, 'page']) {
    const value = merged[key];
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1)) query.set(key, String(value));
  }
  return `/search?${query.toString()}`;
}

/** A facet's type: a document type (a law and a best practice are counted with documents of their type) or a kind of record. */
function typeLabel(i18n: Translator, value: string): string {
  return (DOCUMENT_TYPES as readonly string[]).includes(value)
    ? i18n.t(`library.type.${value}` as MessageKey)
    : i18n.t(`search.type.${value}` as MessageKey);
}

/** What a result is: a document's type, or the kind of record. */
const resultLabel = (i18n: Translator, r: Results['results'][number]) =>
  r.documentType
    ? i18n.t(`library.type.${r.documentType}` as MessageKey)
    : i18n.t(`search.type.${r.type}` as MessageKey);

function FacetList(props: {
  i18n: Translator;
  title: string;
  name: (typeof FILTERS)[number];
  values: { value: string; count: number }[];
  label: (value: string) => string;
  filters: Filters;
}) {
  const { i18n } = props;
  const chosen = props.filters[props.name];
  if (props.values.length === 0 && chosen === undefined) return null;
  return (
    <section class="facet" aria-labelledby={`facet-${props.name}`}>
      <h3 id={`facet-${props.name}`}>{props.title}</h3>
      <ul>
        {chosen !== undefined ? (
          <li>
            <a href={searchHref(props.filters, { [props.name]: undefined })}>{i18n.t('search.anyValue')}</a>
          </li>
        ) : null}
        {props.values.map((v) => (
          <li>
            {String(chosen) === v.value ? (
              <strong aria-current="true">{`${props.label(v.value)} (${i18n.number(v.count)})`}</strong>
            ) : (
              <a href={searchHref(props.filters, { [props.name]: v.value })}>
                {`${props.label(v.value)} (${i18n.number(v.count)})`}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SearchPage(props: {
  i18n: Translator;
  currentUrl: string;
  filters: Filters;
  results: Results | null;
  countryNames: Map<string, string>;
  perPage: number;
}) {
  const { i18n, filters, results } = props;
  const { t } = i18n;
  return (
    <Layout
      i18n={i18n}
      title={filters.q ? t('search.titleFor', { q: filters.q }) : t('search.title')}
      currentUrl={props.currentUrl}
    >
      <h1>{t('search.title')}</h1>
      <form class="search-form" method="get" action="/search" role="search" aria-label={t('search.title')}>
        <label for="search-q">{t('search.label')}</label>
        <div class="search-row">
          <input id="search-q" type="search" name="q" value={filters.q ?? ''} aria-describedby="search-hint" />
          {FILTERS.map((name) =>
            filters[name] !== undefined ? <input type="hidden" name={name} value={String(filters[name])} /> : null,
          )}
          <button class="button" type="submit">
            {t('search.submit')}
          </button>
        </div>
        <p class="hint" id="search-hint">
          {t('search.hint')}
        </p>
      </form>
      {results ? (
        <div class="search-layout">
          <div class="search-results">
            <h2 aria-live="polite">{t('search.count', { count: results.total })}</h2>
            {results.results.length === 0 ? <p>{t('search.none')}</p> : null}
            <ol class="results" start={(results.page - 1) * props.perPage + 1}>
              {results.results.map((r) => (
                <li>
                  <h3>
                    <a href={r.url}>{r.title}</a>
                  </h3>
                  <p class="result-type">{resultLabel(i18n, r)}</p>
                  {r.snippet ? <p class="snippet">{raw(r.snippet)}</p> : null}
                </li>
              ))}
            </ol>
            <Pager
              i18n={i18n}
              page={results.page}
              hasNext={results.page * props.perPage < results.total}
              href={(page) => searchHref(filters, { page })}
            />
          </div>
          <aside class="facets" aria-label={t('search.narrow')}>
            <h2>{t('search.narrow')}</h2>
            <FacetList
              i18n={i18n}
              title={t('search.facet.type')}
              name="type"
              values={results.facets.type}
              label={(v) => typeLabel(i18n, v)}
              filters={filters}
            />
            <FacetList
              i18n={i18n}
              title={t('search.facet.country')}
              name="country"
              values={results.facets.country}
              label={(v) => props.countryNames.get(v) ?? v}
              filters={filters}
            />
            <FacetList
              i18n={i18n}
              title={t('search.facet.language')}
              name="lang"
              values={results.facets.language}
              label={(v) => languageName(i18n, v)}
              filters={filters}
            />
            <FacetList
              i18n={i18n}
              title={t('search.facet.year')}
              name="year"
              values={results.facets.year}
              label={(v) => v}
              filters={filters}
            />
          </aside>
        </div>
      ) : null}
    </Layout>
  );
}
