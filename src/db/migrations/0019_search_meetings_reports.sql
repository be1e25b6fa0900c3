-- Meetings, their agreements and the reports' entries are searched as items are: in their language (a meeting's
-- first language, Spanish when none is given; an agreement's meeting's; an entry's programme's), stemmed, and word
-- for word in any language.
ALTER TABLE "meetings" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(public.enlace_search_config(coalesce("languages"->>0, 'es')), "title"), 'A') ||
  setweight(to_tsvector(public.enlace_search_config(coalesce("languages"->>0, 'es')), coalesce("description", '') || ' ' || coalesce("location", '')), 'B')
) STORED;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "search_simple" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.enlace_simple'::regconfig, "title"), 'A') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, coalesce("description", '') || ' ' || coalesce("location", '')), 'B')
) STORED;--> statement-breakpoint
CREATE INDEX "meetings_search_idx" ON "meetings" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "meetings_search_simple_idx" ON "meetings" USING gin ("search_simple");--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "search_vector" tsvector;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "search_simple" tsvector;--> statement-breakpoint
-- A change of a meeting's languages is rare and is not followed. A row inserted with its vectors (a restore) keeps
-- them: they are what the backup's database made, which another version's dictionaries could make differently.
CREATE OR REPLACE FUNCTION public.enlace_agreement_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  language text;
BEGIN
  IF TG_OP = 'INSERT' AND NEW.search_simple IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT coalesce(m.languages->>0, 'es') INTO language FROM public.meetings m WHERE m.id = NEW.meeting_id;
  IF FOUND THEN
    NEW.search_vector := to_tsvector(public.enlace_search_config(language), NEW.text);
  END IF;
  NEW.search_simple := to_tsvector('public.enlace_simple'::regconfig, NEW.text);
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "agreements_search" ON "agreements";--> statement-breakpoint
CREATE TRIGGER "agreements_search" BEFORE INSERT OR UPDATE OF "text", "meeting_id" ON "agreements"
  FOR EACH ROW EXECUTE FUNCTION public.enlace_agreement_search();--> statement-breakpoint
UPDATE "agreements" SET "text" = "text";--> statement-breakpoint
CREATE INDEX "agreements_search_idx" ON "agreements" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "agreements_search_simple_idx" ON "agreements" USING gin ("search_simple");--> statement-breakpoint
ALTER TABLE "report_entries" ADD COLUMN "search_vector" tsvector;--> statement-breakpoint
ALTER TABLE "report_entries" ADD COLUMN "search_simple" tsvector;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.enlace_report_entry_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  language text;
  body text := coalesce(NEW.mandate, '') || ' ' || NEW.carried_out || ' ' || NEW.planned;
BEGIN
  IF TG_OP = 'INSERT' AND NEW.search_simple IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT p.language INTO language FROM public.reports r JOIN public.cycles c ON c.id = r.cycle_id
    JOIN public.programmes p ON p.id = c.programme_id WHERE r.id = NEW.report_id;
  IF FOUND THEN
    NEW.search_vector := to_tsvector(public.enlace_search_config(language), body);
  END IF;
  NEW.search_simple := to_tsvector('public.enlace_simple'::regconfig, body);
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "report_entries_search" ON "report_entries";--> statement-breakpoint
CREATE TRIGGER "report_entries_search" BEFORE INSERT OR UPDATE OF "mandate", "carried_out", "planned", "report_id"
  ON "report_entries" FOR EACH ROW EXECUTE FUNCTION public.enlace_report_entry_search();--> statement-breakpoint
UPDATE "report_entries" SET "planned" = "planned";--> statement-breakpoint
CREATE INDEX "report_entries_search_idx" ON "report_entries" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "report_entries_search_simple_idx" ON "report_entries" USING gin ("search_simple");
