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
import { rowsOf } from '../backup/migration-level.ts';

export const RESULTS_PER_PAGE = 20;
/** Snippets are taken from the start of a long text: ts_headline reads all it is given. */
const SNIPPET_SOURCE_CHARS = 60_000;
/** Marks around the words found, made HTML by the presenter (they cannot be typed in a query or a document). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export type SearchQuery = {
  q: string;
  /** A document type, or `item` for programme items. */
  type?: string | undefined;
  /** A member state's key or ISO code. */
  country?: string | undefined;
  lang?: string | undefined;
  year?: number | undefined;
  page: number;
};

export type SearchHit = {
  kind: 'document' | 'item';
  id: string;
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

const matchedIn = (vector: SQL, language: SQL) => sql`(
  (${language} = 'es' and ${vector} @@ q.es) or (${language} = 'en' and ${vector} @@ q.en)
  or (${language} = 'pt' and ${vector} @@ q.pt) or (${language} = 'fr' and ${vector} @@ q.fr))`;
const queryIn = (language: SQL) =>
  sql`(case ${language} when 'es' then q.es when 'en' then q.en when 'pt' then q.pt when 'fr' then q.fr else q.simple end)`;

export async function search(db: Db, principal: Principal | null, query: SearchQuery): Promise<SearchResult> {
  const visible = visibilitiesFor(principal);
  const country = query.country?.toLowerCase();
  const trigram = isPlain(query.q)
    ? sql`or enlace_fold(${query.q}) <% enlace_fold(enlace_values_text(d.title))`
    : sql``;
  const documentFilters = [
    query.type && query.type !== 'item' ? sql`and d.type = ${query.type}` : sql``,
    query.type === 'item' ? sql`and false` : sql``,
    query.lang ? sql`and d.languages ? ${query.lang}` : sql``,
    query.year ? sql`and extract(year from d.issued_on) = ${query.year}` : sql``,
    country
      ? sql`and exists (select 1 from document_actors da join actors a on a.id = da.actor_id
          where da.document_id = d.id and da.role = 'country' and (a.key = ${country} or lower(a.iso) = ${country}))`
      : sql``,
  ];
  // Items have no country, date or type of their own: a filter on those leaves them out.
  const itemsIncluded = (!query.type || query.type === 'item') && !country && !query.year;
  const itemFilters = [query.lang ? sql`and p.language = ${query.lang}` : sql``];

  const hits = sql`
    with q as (
      select websearch_to_tsquery('enlace_es', ${query.q}) as es, websearch_to_tsquery('enlace_en', ${query.q}) as en,
             websearch_to_tsquery('enlace_pt', ${query.q}) as pt, websearch_to_tsquery('enlace_fr', ${query.q}) as fr,
             websearch_to_tsquery('enlace_simple', ${query.q}) as simple
    ),
    hits as (
      select 'document' as kind, d.id, d.title, d.type as doc_type, d.languages, d.issued_on,
             ts_rank_cd(d.search_vector, ${queryIn(sql`d.languages->>0`)}) + 0.5 * ts_rank_cd(d.search_simple, q.simple)
               + case when lower(enlace_values_text(d.title)) like '%' || lower(${query.q}) || '%' then 1 else 0 end as rank
      from documents d, q
      where d.visibility in (${sql.join(
        visible.map((v) => sql`${v}`),
        sql`, `,
      )})
        and (${matchedIn(sql`d.search_vector`, sql`d.languages->>0`)} or d.search_simple @@ q.simple ${trigram})
        ${sql.join(documentFilters, sql` `)}
      ${
        itemsIncluded
          ? sql`union all
      select 'item', i.id, jsonb_build_object(p.language, i.code || ' — ' || i.text), null, jsonb_build_array(p.language),
             null, ts_rank_cd(i.search_vector, ${queryIn(sql`p.language`)}) as rank
      from items i join programmes p on p.id = i.programme_id, q
      where (${matchedIn(sql`i.search_vector`, sql`p.language`)} or i.search_simple @@ q.simple)
        ${sql.join(itemFilters, sql` `)}`
          : sql``
      }
    )`;

  const [page, counts] = await Promise.all([
    rowsOf<{
      kind: 'document' | 'item';
      id: string;
      title: Record<string, string>;
      doc_type: string | null;
      rank: number;
      snippet: string | null;
    }>(
      db,
      sql`${hits}
      select h.kind, h.id, h.title, h.doc_type, h.rank,
        case when h.kind = 'document' then (
          select ts_headline(enlace_search_config(d.languages->>0),
            left(enlace_values_text(d.summary) || E'\n\n' || enlace_array_text(d.pages), ${SNIPPET_SOURCE_CHARS}),
            ${queryIn(sql`d.languages->>0`)} || q.simple,
            ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})
          from documents d, q where d.id = h.id)
        else (
          select ts_headline(enlace_search_config(p.language), i.text, ${queryIn(sql`p.language`)} || q.simple,
            ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=15, HighlightAll=false`})
          from items i join programmes p on p.id = i.programme_id, q where i.id = h.id)
        end as snippet
      from hits h
      order by h.rank desc, h.id
      limit ${RESULTS_PER_PAGE} offset ${(query.page - 1) * RESULTS_PER_PAGE}`,
    ),
    rowsOf<{ facet: string; value: string; count: number }>(
      db,
      sql`${hits}
      select 'total' as facet, '' as value, count(*)::int as count from hits
      union all
      select 'type', coalesce(doc_type, 'item'), count(*)::int from hits group by coalesce(doc_type, 'item')
      union all
      select 'language', l.value, count(*)::int from hits, jsonb_array_elements_text(hits.languages) as l(value)
        group by l.value
      union all
      select 'year', extract(year from issued_on)::int::text, count(*)::int from hits where issued_on is not null
        group by 1, 2
      union all
      select 'country', a.key, count(*)::int from hits
        join document_actors da on da.document_id = hits.id and da.role = 'country'
        join actors a on a.id = da.actor_id
        group by a.key`,
    ),
  ]);
  const facet = (name: string) =>
    counts
      .filter((c) => c.facet === name)
      .map((c) => ({ value: c.value, count: Number(c.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    total: Number(counts.find((c) => c.facet === 'total')?.count ?? 0),
    hits: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      snippet: r.snippet ?? '',
      docType: r.doc_type,
      rank: Number(r.rank),
    })),
    facets: { type: facet('type'), country: facet('country'), language: facet('language'), year: facet('year') },
  };
}
