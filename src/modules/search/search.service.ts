/**
 * Search across the library's documents and the programmes' items, in one
 * ranked list with facets. A record is matched in its own language (stemmed,
 * accents and case folded: `enlace_es`, `enlace_en`, `enlace_pt`,
 * `enlace_fr`) and word for word in any language (`enlace_simple`); a plain
 * query (no quotes, no exclusions) also finds titles spelt a little
 * differently (trigrams). What the caller may not see is left out inside the
 * query, so results, counts, facets and snippets never reveal it.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import type { Principal } from '../../domain/authz.ts';
import { visibilitiesFor } from '../../domain/library.policy.ts';
import { DOCUMENT_TYPES } from '../../domain/vocabulary.ts';
import { rowsOf } from '../backup/migration-level.ts';
import { type RecordKind, recordHits } from './search-records.ts';

export const RESULTS_PER_PAGE = 20;
/**
 * Ranking reads each document's vectors, which are stored apart (TOAST) and cost
 * far more to read than the match itself: past this many matching documents only
 * the most likely are ranked (a first cut by title and length, see `search`).
 */
export const RANKED_DOCUMENTS = 200;
/** Snippets are taken from the summary and the start of the text: ts_headline parses all it is given. */
const SNIPPET_SOURCE_CHARS = 2_000;
/** Marks around the words found, made HTML by the presenter (they cannot be typed in a query or a document). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
/** A snippet: up to two passages holding any of the words, marked. */
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type SearchQuery = {
  q: string;
  /** A document type, or a kind of record (`item`, `meeting`…); `legislation` and `best_practice` are both. */
  type?: string | undefined;
  /** A member state's key or ISO code. */
  country?: string | undefined;
  lang?: string | undefined;
  year?: number | undefined;
  page: number;
};

export type SearchHit = {
  kind: 'document' | RecordKind;
  id: string;
  /** The record a hit is shown in: an agreement's meeting, an entry's report; the hit itself otherwise. */
  parent: string;
  title: Record<string, string>;
  snippet: string;
  docType: string | null;
  rank: number;
};
export type FacetCount = { value: string; count: number };
export type SearchFacets = { type: FacetCount[]; country: FacetCount[]; language: FacetCount[]; year: FacetCount[] };
export type SearchResult = { total: number; hits: SearchHit[]; facets: SearchFacets };

/** A query of plain words: no phrase, no exclusion, no OR, so a title spelt a little differently may match. */
const isPlain = (q: string) => !/["-]|\bor\b/i.test(q);

const LANGUAGES = ['es', 'en', 'pt', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];

const matchedIn = (vector: SQL, language: SQL) => sql`(
  (${language} = 'es' and ${vector} @@ q.es) or (${language} = 'en' and ${vector} @@ q.en)
  or (${language} = 'pt' and ${vector} @@ q.pt) or (${language} = 'fr' and ${vector} @@ q.fr))`;
const queryIn = (language: SQL) =>
  sql`(case ${language} when 'es' then q.es when 'en' then q.en when 'pt' then q.pt when 'fr' then q.fr else q.simple end)`;

/** A document's rank: cover density in its language and word for word, and a bonus when its title holds the query. */
const documentRank = (q: string) => sql`ts_rank_cd(d.search_vector, ${queryIn(sql`d.languages->>0`)})
  + 0.5 * ts_rank_cd(d.search_simple, q.simple)
  + case when strpos(d.title_folded, enlace_fold(${q})) > 0 then 1 else 0 end`;

/** A hit of the page (`part` = 'hit'), the total, or a facet's count: one statement answers all. */
type Row = {
  part: 'hit' | 'total' | keyof SearchFacets;
  position: number | null;
  kind: 'document' | RecordKind;
  id: string;
  parent: string;
  title: Record<string, string>;
  doc_type: string | null;
  rank: number;
  snippet: string | null;
  value: string;
  count: number;
};

/**
 * One statement: the matching ids come from the indexes alone (one scan a stemmed query, so no vector is read to
 * filter), the total and the facets from those ids and small columns; only the first cut of documents is ranked
 * (all of them when there are no more than RANKED_DOCUMENTS), and only the page's snippets are made. The first cut
 * takes the titles close to the query (trigram index), then the longest texts, whose unnormalised cover density is
 * highest; the documents past the cut follow in that order.
 */
export async function search(db: Db, principal: Principal | null, query: SearchQuery): Promise<SearchResult> {
  const visible = visibilitiesFor(principal);
  const country = query.country?.toLowerCase();
  // A kind of record that is not a document (`item`, `meeting`…) leaves the documents out.
  const documentsIncluded = !query.type || (DOCUMENT_TYPES as readonly string[]).includes(query.type);
  const documentFilters = sql.join(
    [
      sql`d.visibility in (${sql.join(
        visible.map((v) => sql`${v}`),
        sql`, `,
      )})`,
      documentsIncluded ? sql`` : sql`and false`,
      query.type && documentsIncluded ? sql`and d.type = ${query.type}` : sql``,
      query.lang ? sql`and d.languages ? ${query.lang}` : sql``,
      query.year ? sql`and extract(year from d.issued_on) = ${query.year}` : sql``,
    ],
    sql` `,
  );
  // A country narrows the matches once found: tested per document instead, every vector of the country's documents
  // would be read.
  const inCountry = country
    ? sql`where m.country_ids && (select array_agg(a.id) from actors a where a.key = ${country} or lower(a.iso) = ${country})`
    : sql``;
  const folded = sql`enlace_fold(${query.q})`;
  // What the total, the facets and the first cut need, read with the match: never the vectors themselves.
  const documentColumns = sql`d.id, d.type, d.languages, d.issued_on, d.country_ids, pg_column_size(d.search_vector) as size`;
  // The query as each configuration reads it, first: each index scan then gets a constant (a planner estimates a
  // constant, not a CTE's column), a language whose stemmer made the same query shares its scan (names, international
  // words), and a query left empty (only stop words) has none.
  const [parsed] = await rowsOf<Record<Language | 'simple', string>>(
    db,
    sql`select ${sql.join(
      [...LANGUAGES, 'simple'].map(
        (c) => sql`websearch_to_tsquery(${sql.raw(`'enlace_${c}'`)}, ${query.q})::text as ${sql.raw(c)}`,
      ),
      sql`, `,
    )}`,
  );
  const tsquery = (config: Language | 'simple') => sql`${parsed?.[config] ?? ''}::tsquery`;
  const languagesOf = new Map<string, Language[]>();
  for (const language of LANGUAGES) {
    const text = parsed?.[language] ?? '';
    if (text) languagesOf.set(text, [...(languagesOf.get(text) ?? []), language]);
  }
  const arms = [...languagesOf.values()].map(
    (languages) => sql`select ${documentColumns}, 0::real as similarity from documents d
      where d.search_vector @@ ${tsquery(languages[0] as Language)}
        and d.languages->>0 in (${sql.join(
          languages.map((l) => sql`${l}`),
          sql`, `,
        )}) and ${documentFilters}`,
  );
  // Plain words that a document in its own language holds are found there stemmed as well: word for word, only the
  // documents in the other languages remain to be found (a phrase or an exclusion may differ once stemmed).
  const stemmed = [...languagesOf.values()].flat();
  const inOtherLanguages =
    isPlain(query.q) && stemmed.length > 0
      ? sql`and coalesce(d.languages->>0, '') not in (${sql.join(
          stemmed.map((l) => sql`${l}`),
          sql`, `,
        )})`
      : sql``;
  if (parsed?.simple) {
    arms.push(sql`select ${documentColumns}, 0::real as similarity from documents d
      where d.search_simple @@ ${tsquery('simple')} ${inOtherLanguages} and ${documentFilters}`);
  }
  // Titles spelt a little differently (trigrams), for a query of plain words.
  if (isPlain(query.q))
    arms.push(sql`select ${documentColumns}, word_similarity(${folded}, d.title_folded) as similarity from documents d
      where ${folded} <% d.title_folded and ${documentFilters}`);

  const statement = sql`
    with q as materialized (
      select ${tsquery('es')} as es, ${tsquery('en')} as en, ${tsquery('pt')} as pt, ${tsquery('fr')} as fr,
             ${tsquery('simple')} as simple
    ),
    docs as materialized (
      select distinct on (m.id) m.* from (
        ${arms.length > 0 ? sql.join(arms, sql` union all `) : sql`select ${documentColumns}, 0::real as similarity from documents d where false`}
      ) m ${inCountry}
      order by m.id, m.similarity desc
    ),
    first_cut as materialized (
      select id from docs order by similarity desc, size desc, id limit ${RANKED_DOCUMENTS}
    ),
    -- The total and the documents' facets in one pass: a facet of several values (languages, countries) is counted
    -- per combination, then spread over its values.
    doc_counts as materialized (
      select case when grouping(type) = 0 then 'type' when grouping(languages) = 0 then 'language'
          when grouping(year) = 0 then 'year' when grouping(country_ids) = 0 then 'country' else 'total' end as facet,
        type, languages, year, country_ids, count(*) as n
      from (select type, languages, extract(year from issued_on)::int as year, country_ids from docs) d
      group by grouping sets ((type), (languages), (year), (country_ids), ())
    ),
    record_hits as materialized (
      ${recordHits(principal, { type: query.type, country, lang: query.lang, year: query.year }, query.q, matchedIn, queryIn)}
    ),
    ranked as (
      select 'document' as kind, d.id, 0 as tier, ${documentRank(query.q)} as rank, 0::real as similarity, 0 as size
      from first_cut f join documents d on d.id = f.id, q
      ${
        // The documents past the first cut, in its order: only when the page reaches past it.
        query.page * RESULTS_PER_PAGE > RANKED_DOCUMENTS
          ? sql`union all
      select 'document', docs.id, 1, null, docs.similarity, docs.size from docs
      where not exists (select 1 from first_cut f where f.id = docs.id)`
          : sql``
      }
      union all
      select kind, id, 0, rank, 0, 0 from record_hits
    ),
    page as materialized (
      select kind, id, rank, row_number() over (order by tier, rank desc nulls last, similarity desc, size desc, id) as position
      from (
        select * from ranked order by tier, rank desc nulls last, similarity desc, size desc, id
        limit ${RESULTS_PER_PAGE} offset ${(query.page - 1) * RESULTS_PER_PAGE}
      ) p
    )
    select 'hit' as part, page.position, 'document' as kind, d.id, d.id as parent, d.title, d.type as doc_type,
      coalesce(page.rank, ${documentRank(query.q)}) as rank,
      ts_headline(enlace_search_config(d.languages->>0),
        left(enlace_values_text(d.summary) || E'\n\n' || enlace_array_text(d.pages), ${SNIPPET_SOURCE_CHARS}),
        ${queryIn(sql`d.languages->>0`)} || q.simple,
        ${HEADLINE}) as snippet,
      null as value, null::int as count
    from page join documents d on d.id = page.id, q where page.kind = 'document'
    union all
    select 'hit', page.position, h.kind, h.id, h.parent, h.title, null, page.rank,
      ts_headline(enlace_search_config(h.language), h.body, ${queryIn(sql`h.language`)} || q.simple,
        ${HEADLINE}),
      null, null
    from page join record_hits h on h.kind = page.kind and h.id = page.id, q
    union all
    select 'total', null, null, null, null, null, null, null, null, '',
      ((select n from doc_counts where facet = 'total') + (select count(*) from record_hits))::int
    union all
    select 'type', null, null, null, null, null, null, null, null, t.type, sum(t.n)::int from (
      select type, n from doc_counts where facet = 'type'
      union all select type, count(*) from record_hits group by type
    ) t group by t.type
    union all
    select 'language', null, null, null, null, null, null, null, null, l.value, sum(n)::int from (
      select l.value, g.n from doc_counts g, jsonb_array_elements_text(g.languages) as l(value) where g.facet = 'language'
      union all select language, count(*) from record_hits where language is not null group by language
    ) l group by l.value
    union all
    select 'year', null, null, null, null, null, null, null, null, y.year::text, sum(y.n)::int from (
      select year, n from doc_counts where facet = 'year' and year is not null
      union all select year, count(*) from record_hits where year is not null group by year
    ) y group by y.year
    union all
    select 'country', null, null, null, null, null, null, null, null, c.country, sum(c.n)::int from (
      select a.key as country, g.n from doc_counts g, unnest(g.country_ids) as c(actor_id)
        join actors a on a.id = c.actor_id
      where g.facet = 'country'
      union all select country, count(*) from record_hits where country is not null group by country
    ) c group by c.country`;
  // The planner prices a vector's test as cheap, not the reading of the vector stored apart: on a small library it
  // would rather test every document than ask the index. Here only the indexes find the matches. Then a small table
  // read whole (the actors) is priced as huge, and on a server the plan would be compiled (JIT) for seconds.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
    return rowsOf<Row>(tx, statement);
  });
  const facet = (name: keyof SearchFacets) =>
    rows
      .filter((r) => r.part === name)
      .map((r) => ({ value: r.value as string, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    total: Number(rows.find((r) => r.part === 'total')?.count ?? 0),
    hits: rows
      .filter((r) => r.part === 'hit')
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        parent: r.parent,
        title: r.title,
        snippet: r.snippet ?? '',
        docType: r.doc_type,
        rank: Number(r.rank),
      })),
    facets: { type: facet('type'), country: facet('country'), language: facet('language'), year: facet('year') },
  };
}
