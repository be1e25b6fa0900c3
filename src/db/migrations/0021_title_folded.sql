-- A document's title without accents or case, kept beside it: the typo search compares the query with it for each
-- candidate the trigram index gives, where folding every candidate's title again cost more than the rest of a search.
DROP INDEX IF EXISTS "documents_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "title_folded" text GENERATED ALWAYS AS (public.enlace_fold(public.enlace_values_text("title"))) STORED;--> statement-breakpoint
CREATE INDEX "documents_title_trgm_idx" ON "documents" USING gin ("title_folded" public.gin_trgm_ops);
