-- Idempotent where it creates more than tables (configurations, functions): a restore drops Enlace's tables and
-- applies the migrations again on the same database.
-- Full-text search: per-language configurations that fold accents before stemming (the same path for what is
-- indexed and what is asked, so "étrangers" and "etrangers" meet), a language-neutral one, and trigrams for typos.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.enlace_es;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.enlace_es (COPY = pg_catalog.spanish);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.enlace_es ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, spanish_stem;--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.enlace_en;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.enlace_en (COPY = pg_catalog.english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.enlace_en ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.enlace_pt;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.enlace_pt (COPY = pg_catalog.portuguese);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.enlace_pt ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, portuguese_stem;--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.enlace_fr;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.enlace_fr (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.enlace_fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;--> statement-breakpoint
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.enlace_simple;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION public.enlace_simple (COPY = pg_catalog.simple);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION public.enlace_simple ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.enlace_search_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE language
    WHEN 'es' THEN 'public.enlace_es'::regconfig WHEN 'en' THEN 'public.enlace_en'::regconfig
    WHEN 'pt' THEN 'public.enlace_pt'::regconfig WHEN 'fr' THEN 'public.enlace_fr'::regconfig
    ELSE 'public.enlace_simple'::regconfig END
$$;--> statement-breakpoint
-- The values of a {language: text} object, and the strings of an array, as one text.
CREATE OR REPLACE FUNCTION public.enlace_values_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(v, ' '), '') FROM jsonb_each_text(value) AS e(k, v)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.enlace_array_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(v, E'\n\n'), '') FROM jsonb_array_elements_text(value) AS e(v)
$$;--> statement-breakpoint
-- A document is searched in its first language (title A, summary B, text C) and word for word in any language.
-- Its text counts up to 400,000 characters (a tsvector holds at most 1 MB).
ALTER TABLE "documents" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(public.enlace_search_config("languages"->>0), public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector(public.enlace_search_config("languages"->>0), public.enlace_values_text("summary")), 'B') ||
  setweight(to_tsvector(public.enlace_search_config("languages"->>0), left(public.enlace_array_text("pages"), 400000)), 'C')
) STORED;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_simple" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.enlace_simple'::regconfig, public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, public.enlace_values_text("summary")), 'B') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, left(public.enlace_array_text("pages"), 400000)), 'C')
) STORED;--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_search_simple_idx" ON "documents" USING gin ("search_simple");--> statement-breakpoint
-- Titles for typos, compared without accents or case (unaccent itself is only stable: its dictionary could change).
CREATE OR REPLACE FUNCTION public.enlace_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary, value))
$$;--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "documents" USING gin (public.enlace_fold(public.enlace_values_text("title")) public.gin_trgm_ops);
--> statement-breakpoint
-- A programme's items are searched in the programme's language, their vectors kept by a trigger (an item's code and
-- text); a change of a programme's language is rare and is not followed.
ALTER TABLE "items" ADD COLUMN "search_vector" tsvector;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "search_simple" tsvector;--> statement-breakpoint
-- (A restore loads items before their programme: the vector the backup holds is then kept.)
CREATE OR REPLACE FUNCTION public.enlace_item_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  language text;
BEGIN
  SELECT p.language INTO language FROM public.programmes p WHERE p.id = NEW.programme_id;
  IF FOUND THEN
    NEW.search_vector := to_tsvector(public.enlace_search_config(language), NEW.code || ' ' || NEW.text);
  END IF;
  NEW.search_simple := to_tsvector('public.enlace_simple'::regconfig, NEW.code || ' ' || NEW.text);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "items_search" BEFORE INSERT OR UPDATE OF "code", "text", "programme_id" ON "items"
  FOR EACH ROW EXECUTE FUNCTION public.enlace_item_search();--> statement-breakpoint
UPDATE "items" SET "text" = "text";--> statement-breakpoint
CREATE INDEX "items_search_idx" ON "items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "items_search_simple_idx" ON "items" USING gin ("search_simple");
