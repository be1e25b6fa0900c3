/**
 * Where a search's words are in a document: the pages of its text that hold
 * them, each with the words marked, so that a result leads to the words
 * themselves. Matched as the search matches (the document's language,
 * stemmed, and word for word); the caller has already been allowed to read
 * the document.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { rowsOf } from '../backup/migration-level.ts';
import { MARK_END, MARK_START } from './search.service.ts';

/** A page holding the words (numbered from 1) and its text with them between MARK_START and MARK_END. */
export type FoundPage = { page: number; text: string };

/** The pages of document `id` holding the words of `q`, in order; none when `q` has only stop words. */
export async function foundPages(db: Db, id: string, q: string): Promise<FoundPage[]> {
  const rows = await rowsOf<{ page: number; text: string }>(
    db,
    sql`with d as (
      select d.pages, enlace_search_config(d.languages->>0) as config from documents d where d.id = ${id}
    ), words as (
      select websearch_to_tsquery(d.config, ${q}) as stemmed, websearch_to_tsquery('enlace_simple', ${q}) as exact from d
    )
    select p.n::int as page,
      ts_headline(d.config, p.text, words.stemmed || words.exact,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`}) as text
    from d, words, jsonb_array_elements_text(d.pages) with ordinality as p(text, n)
    where to_tsvector(d.config, p.text) @@ words.stemmed or to_tsvector('enlace_simple', p.text) @@ words.exact
    order by p.n`,
  );
  return rows.map((r) => ({ page: Number(r.page), text: r.text }));
}
