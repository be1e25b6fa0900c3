-- A document's member states, beside it: a search reads them with its matches for the country facet and filter,
-- where a join to "document_actors" read every link. Written with the links; a trigger checked at commit (when the
-- links are final) sets it again only if it differs, so whatever writes the links keeps it true.
ALTER TABLE "documents" ADD COLUMN "country_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.enlace_sync_document_countries(document uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE public.documents d SET country_ids = c.ids
  FROM (SELECT coalesce(array_agg(da.actor_id ORDER BY da.actor_id), '{}') AS ids
        FROM public.document_actors da WHERE da.document_id = document AND da.role = 'country') c
  WHERE d.id = document AND d.country_ids IS DISTINCT FROM c.ids
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.enlace_document_countries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM public.enlace_sync_document_countries(OLD.document_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM public.enlace_sync_document_countries(NEW.document_id); END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "document_actors_countries" ON "document_actors";--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "document_actors_countries" AFTER INSERT OR UPDATE OR DELETE ON "document_actors"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.enlace_document_countries();--> statement-breakpoint
UPDATE "documents" d SET "country_ids" = c.ids FROM (
  SELECT da.document_id, array_agg(da.actor_id ORDER BY da.actor_id) AS ids
  FROM "document_actors" da WHERE da.role = 'country' GROUP BY da.document_id
) c WHERE d.id = c.document_id;
