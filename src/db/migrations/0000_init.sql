CREATE TABLE "actor_memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"role" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"note" jsonb
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"name" jsonb NOT NULL,
	"acronym" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"parent_id" uuid,
	"iso" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actors_iso_format" CHECK ("actors"."iso" is null or "actors"."iso" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"item_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assignments_item_id_actor_id_role_pk" PRIMARY KEY("item_id","actor_id","role")
);
--> statement-breakpoint
CREATE TABLE "bundled_datasets" (
	"name" text PRIMARY KEY NOT NULL,
	"checksum" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_links" (
	"from_item_id" uuid NOT NULL,
	"to_item_id" uuid NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "item_links_from_item_id_to_item_id_kind_pk" PRIMARY KEY("from_item_id","to_item_id","kind")
);
--> statement-breakpoint
CREATE TABLE "item_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "item_status_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"status" text NOT NULL,
	"changed_on" date NOT NULL,
	"note" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"parent_id" uuid,
	"level_key" text NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"status" text,
	"calendar" text,
	"starts_on" date,
	"ends_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mandates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"reference" text NOT NULL,
	"title" text,
	"paragraphs" text
);
--> statement-breakpoint
CREATE TABLE "programme_actors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "programme_levels" (
	"programme_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"name" jsonb NOT NULL,
	"plural" jsonb NOT NULL,
	CONSTRAINT "programme_levels_programme_id_key_pk" PRIMARY KEY("programme_id","key")
);
--> statement-breakpoint
CREATE TABLE "programme_sections" (
	"programme_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "programme_sections_programme_id_key_pk" PRIMARY KEY("programme_id","key")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"title" jsonb NOT NULL,
	"short_title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"editorial_note" jsonb,
	"issuing_body_id" uuid,
	"adoption_reference" text,
	"adoption_date" date,
	"edition" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "actor_memberships" ADD CONSTRAINT "actor_memberships_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actor_memberships" ADD CONSTRAINT "actor_memberships_group_id_actors_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_parent_id_actors_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_links" ADD CONSTRAINT "item_links_from_item_id_items_id_fk" FOREIGN KEY ("from_item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_links" ADD CONSTRAINT "item_links_to_item_id_items_id_fk" FOREIGN KEY ("to_item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_notes" ADD CONSTRAINT "item_notes_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_status_history" ADD CONSTRAINT "item_status_history_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_parent_id_items_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandates" ADD CONSTRAINT "mandates_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actors" ADD CONSTRAINT "programme_actors_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_actors" ADD CONSTRAINT "programme_actors_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_levels" ADD CONSTRAINT "programme_levels_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_sections" ADD CONSTRAINT "programme_sections_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_issuing_body_id_actors_id_fk" FOREIGN KEY ("issuing_body_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actor_memberships_actor_idx" ON "actor_memberships" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "actor_memberships_group_idx" ON "actor_memberships" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actors_key_idx" ON "actors" USING btree ("key");--> statement-breakpoint
CREATE INDEX "actors_type_idx" ON "actors" USING btree ("type");--> statement-breakpoint
CREATE INDEX "actors_parent_idx" ON "actors" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "assignments_actor_idx" ON "assignments" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "item_links_to_idx" ON "item_links" USING btree ("to_item_id");--> statement-breakpoint
CREATE INDEX "item_notes_item_idx" ON "item_notes" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "item_status_history_item_idx" ON "item_status_history" USING btree ("item_id","changed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "items_programme_code_idx" ON "items" USING btree ("programme_id","code");--> statement-breakpoint
CREATE INDEX "items_parent_idx" ON "items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "mandates_programme_idx" ON "mandates" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programme_actors_programme_idx" ON "programme_actors" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programme_actors_actor_idx" ON "programme_actors" USING btree ("actor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_slug_idx" ON "programmes" USING btree ("slug");