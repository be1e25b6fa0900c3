-- Actors a plan's notes name without giving them the item (shown, linked, not
-- counted as a responsibility); the due date a note announces, apart from the
-- date it was written; what an edition's text is where it is not the adopted
-- text (a draft subject to style review); and a section heading's translations.
CREATE TABLE "item_mentions" (
	"item_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "item_mentions_item_id_actor_id_pk" PRIMARY KEY("item_id","actor_id")
);
--> statement-breakpoint
ALTER TABLE "item_notes" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "programme_sections" ADD COLUMN "heading_translated" jsonb;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "edition_note" jsonb;--> statement-breakpoint
ALTER TABLE "item_mentions" ADD CONSTRAINT "item_mentions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_mentions" ADD CONSTRAINT "item_mentions_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_mentions_actor_idx" ON "item_mentions" USING btree ("actor_id");