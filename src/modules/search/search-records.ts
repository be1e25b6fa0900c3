/**
 * The records searched besides documents — programme items, best practices,
 * laws, meetings, their agreements and published reports' entries — each
 * told as the search reads it: its vectors and language, who may see it,
 * what it is called, the text its snippet comes from, and its facets' values.
 * Each is small next to the documents: all of its matches are ranked.
 */
import { type SQL, sql } from 'drizzle-orm';
import { bestPractices, legislation } from '../../db/schema/index.ts';
import { canReadPrivate, type Principal } from '../../domain/authz.ts';
import { seenWhere } from '../library/entry-workflow.ts';

export const RECORD_KINDS = ['item', 'best_practice', 'legislation', 'meeting', 'agreement', 'report_entry'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What a record kind's arm of the search selects, each a SQL expression over its `from`. */
type RecordSource = {
  kind: RecordKind;
  /** The tables, with the record's country actor (if any) as `a`. */
  from: SQL;
  id: SQL;
  /** The record a hit links into (an agreement's meeting, an entry's report), or the record itself. */
  parent: SQL;
  vector: SQL;
  simple: SQL;
  language: SQL;
  /** Who may see it: the caller's rights, inside the query. */
  seen: SQL;
  /** Its value in the type facet: a best practice and a law share theirs with the documents of that type. */
  type: string;
  year: SQL;
  title: SQL;
  body: SQL;
};

/** A report's texts are HTML: their words without the markup (the presenter escapes what is left). */
const htmlText = (html: SQL) => sql`replace(replace(replace(replace(replace(
  regexp_replace(${html}, '<[^>]*>', ' ', 'g'), '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&amp;', '&')`;

/** A country's key when the actor is a member state (it has an ISO code), else null. */
const countryOf = sql`case when a.iso is not null then a.key end`;

/** What the search reads of a best practice or a law: its own vectors, its actor, and the library's rule on who sees it. */
function entrySource(
  kind: 'best_practice' | 'legislation',
  table: typeof bestPractices | typeof legislation,
  actorColumn: 'actor_id' | 'country_id',
  dateColumn: 'period_start' | 'adopted_on',
  p: Principal | null,
): RecordSource {
  const name = sql.raw(kind === 'best_practice' ? 'best_practices' : 'legislation');
  const column = (c: string) => sql`${name}.${sql.raw(c)}`;
  return {
    kind,
    from: sql`${name} join actors a on a.id = ${column(actorColumn)}`,
    id: column('id'),
    parent: column('id'),
    vector: column('search_vector'),
    simple: column('search_simple'),
    language: column('language'),
    seen: seenWhere(table, p),
    type: kind,
    year: sql`extract(year from ${column(dateColumn)})::int`,
    title: column('title'),
    // A practice's texts; a law's title and numbers.
    body:
      kind === 'best_practice'
        ? sql`enlace_values_text(best_practices.summary) || E'\n\n' || enlace_values_text(best_practices.done)
          || E'\n\n' || enlace_values_text(best_practices.results)`
        : sql`enlace_values_text(legislation.title) || ' ' || coalesce(legislation.number, '')
          || ' ' || coalesce(legislation.amended_by, '')`,
  };
}

function sources(p: Principal | null): RecordSource[] {
  const publicOnly = (visibility: SQL) => (canReadPrivate(p) ? sql`true` : sql`${visibility} = 'public'`);
  return [
    {
      kind: 'item',
      from: sql`items r join programmes pr on pr.id = r.programme_id left join actors a on false`,
      id: sql`r.id`,
      parent: sql`r.id`,
      vector: sql`r.search_vector`,
      simple: sql`r.search_simple`,
      language: sql`pr.language`,
      seen: sql`true`,
      type: 'item',
      year: sql`null::int`,
      title: sql`jsonb_build_object(pr.language, r.code || ' — ' || r.text)`,
      body: sql`r.text`,
    },
    entrySource('best_practice', bestPractices, 'actor_id', 'period_start', p),
    entrySource('legislation', legislation, 'country_id', 'adopted_on', p),
    {
      kind: 'meeting',
      from: sql`meetings r left join actors a on false`,
      id: sql`r.id`,
      parent: sql`r.id`,
      vector: sql`r.search_vector`,
      simple: sql`r.search_simple`,
      language: sql`coalesce(r.languages->>0, 'es')`,
      seen: publicOnly(sql`r.visibility`),
      type: 'meeting',
      year: sql`extract(year from r.starts_on)::int`,
      title: sql`jsonb_build_object(coalesce(r.languages->>0, 'es'), r.title)`,
      body: sql`coalesce(r.description, '') || E'\n\n' || coalesce(r.location, '')`,
    },
    {
      kind: 'agreement',
      from: sql`agreements r join meetings m on m.id = r.meeting_id left join actors a on false`,
      id: sql`r.id`,
      parent: sql`r.meeting_id`,
      vector: sql`r.search_vector`,
      simple: sql`r.search_simple`,
      language: sql`coalesce(m.languages->>0, 'es')`,
      seen: publicOnly(sql`m.visibility`),
      type: 'agreement',
      year: sql`extract(year from m.starts_on)::int`,
      title: sql`jsonb_build_object(coalesce(m.languages->>0, 'es'), m.title)`,
      body: sql`r.text`,
    },
    {
      kind: 'report_entry',
      // The entries of accepted reports in a published cycle: what the consolidated report makes public.
      from: sql`report_entries r join reports rp on rp.id = r.report_id join cycles c on c.id = rp.cycle_id
        join programmes pr on pr.id = c.programme_id join actors a on a.id = rp.actor_id
        left join items i on i.id = r.item_id`,
      id: sql`r.id`,
      parent: sql`r.report_id`,
      vector: sql`r.search_vector`,
      simple: sql`r.search_simple`,
      language: sql`pr.language`,
      seen: sql`rp.state = 'accepted' and c.state = 'published'`,
      type: 'report_entry',
      year: sql`substring(c.period from '^[0-9]{4}')::int`,
      title: sql`jsonb_build_object(pr.language, coalesce(i.code || ' — ', '') || coalesce(a.name->>pr.language, a.key)
        || ' (' || c.period || ')')`,
      body: htmlText(sql`coalesce(r.mandate, '') || E'\n\n' || r.carried_out || E'\n\n' || r.planned`),
    },
  ];
}

export type RecordFilters = {
  type?: string | undefined;
  country?: string | undefined;
  lang?: string | undefined;
  year?: number | undefined;
};

/**
 * The matching records of every kind the filters leave in, as one union: kind, id, parent, language, type,
 * country, year, title, body and rank (its language's cover density, word for word, and a title holding the query).
 * `matched(vector, language)` and `queryIn(language)` are the search's own, over its parsed queries `q`.
 */
export function recordHits(
  p: Principal | null,
  filters: RecordFilters,
  q: string,
  matched: (vector: SQL, language: SQL) => SQL,
  queryIn: (language: SQL) => SQL,
): SQL {
  const arms = sources(p)
    .filter((s) => !filters.type || filters.type === s.type)
    .map(
      (s) => sql`select ${s.kind}::text as kind, ${s.id} as id, ${s.parent} as parent, ${s.language} as language,
        ${s.type}::text as type, ${countryOf} as country, ${s.year} as year, ${s.title} as title, ${s.body} as body,
        ts_rank_cd(${s.vector}, ${queryIn(s.language)}) + 0.5 * ts_rank_cd(${s.simple}, q.simple)
          + case when lower(enlace_values_text(${s.title})) like '%' || lower(${q}) || '%' then 1 else 0 end as rank
      from ${s.from}, q
      where (${matched(s.vector, s.language)} or ${s.simple} @@ q.simple) and (${s.seen})
        ${filters.lang ? sql`and ${s.language} = ${filters.lang}` : sql``}
        ${filters.year ? sql`and ${s.year} = ${filters.year}` : sql``}
        ${filters.country ? sql`and a.iso is not null and (a.key = ${filters.country} or lower(a.iso) = ${filters.country})` : sql``}`,
    );
  if (arms.length > 0) return sql.join(arms, sql` union all `);
  return sql`select null::text as kind, null::uuid as id, null::uuid as parent, null::text as language, null::text as type,
    null::text as country, null::int as year, null::jsonb as title, null::text as body, null::real as rank where false`;
}
