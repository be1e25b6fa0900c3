CREATE TABLE "best_practice_documents" (
	"best_practice_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	CONSTRAINT "best_practice_documents_best_practice_id_document_id_pk" PRIMARY KEY("best_practice_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "best_practice_items" (
	"best_practice_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	CONSTRAINT "best_practice_items_best_practice_id_item_id_pk" PRIMARY KEY("best_practice_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "best_practices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"state" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"proposed_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"done" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"results" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"period_start" date,
	"period_end" date,
	"source" text NOT NULL,
	"report_id" uuid,
	"meeting_id" uuid
);
--> statement-breakpoint
CREATE TABLE "legislation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"state" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"proposed_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"country_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"adopted_on" date,
	"status" text DEFAULT 'in_force' NOT NULL,
	"amended_by" text,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"url" text,
	"document_id" uuid
);
--> statement-breakpoint
CREATE TABLE "legislation_topics" (
	"key" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "best_practice_documents" ADD CONSTRAINT "best_practice_documents_best_practice_id_best_practices_id_fk" FOREIGN KEY ("best_practice_id") REFERENCES "public"."best_practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practice_documents" ADD CONSTRAINT "best_practice_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practice_items" ADD CONSTRAINT "best_practice_items_best_practice_id_best_practices_id_fk" FOREIGN KEY ("best_practice_id") REFERENCES "public"."best_practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practice_items" ADD CONSTRAINT "best_practice_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "best_practices" ADD CONSTRAINT "best_practices_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legislation" ADD CONSTRAINT "legislation_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legislation" ADD CONSTRAINT "legislation_country_id_actors_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legislation" ADD CONSTRAINT "legislation_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "best_practice_items_item_idx" ON "best_practice_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "best_practices_actor_idx" ON "best_practices" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "best_practices_report_idx" ON "best_practices" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "legislation_country_idx" ON "legislation" USING btree ("country_id");--> statement-breakpoint
-- Best practices and laws are searched as documents are: in their language (title A, the rest B) and word for word.
ALTER TABLE "best_practices" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(public.enlace_search_config("language"), public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector(public.enlace_search_config("language"), public.enlace_values_text("summary") || ' ' || public.enlace_values_text("done") || ' ' || public.enlace_values_text("results")), 'B')
) STORED;--> statement-breakpoint
ALTER TABLE "best_practices" ADD COLUMN "search_simple" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.enlace_simple'::regconfig, public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, public.enlace_values_text("summary") || ' ' || public.enlace_values_text("done") || ' ' || public.enlace_values_text("results")), 'B')
) STORED;--> statement-breakpoint
CREATE INDEX "best_practices_search_idx" ON "best_practices" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "best_practices_search_simple_idx" ON "best_practices" USING gin ("search_simple");--> statement-breakpoint
ALTER TABLE "legislation" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(public.enlace_search_config("language"), public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, coalesce("number", '') || ' ' || coalesce("amended_by", '')), 'B')
) STORED;--> statement-breakpoint
ALTER TABLE "legislation" ADD COLUMN "search_simple" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('public.enlace_simple'::regconfig, public.enlace_values_text("title")), 'A') ||
  setweight(to_tsvector('public.enlace_simple'::regconfig, coalesce("number", '') || ' ' || coalesce("amended_by", '')), 'B')
) STORED;--> statement-breakpoint
CREATE INDEX "legislation_search_idx" ON "legislation" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "legislation_search_simple_idx" ON "legislation" USING gin ("search_simple");--> statement-breakpoint
-- The topics the issue names; the secretariat adds and renames them. (A restore replaces them with the backup's.)
INSERT INTO "legislation_topics" ("key", "name", "position") VALUES
  ('entry_stay', '{"es": "Ingreso y permanencia", "en": "Entry and stay", "pt": "Entrada e permanência", "fr": "Entrée et séjour"}', 1),
  ('residence', '{"es": "Residencia", "en": "Residence", "pt": "Residência", "fr": "Résidence"}', 2),
  ('labour', '{"es": "Trabajo", "en": "Labour", "pt": "Trabalho", "fr": "Travail"}', 3),
  ('asylum_refuge', '{"es": "Asilo y refugio", "en": "Asylum and refuge", "pt": "Asilo e refúgio", "fr": "Asile et refuge"}', 4),
  ('trafficking', '{"es": "Trata de personas", "en": "Trafficking in persons", "pt": "Tráfico de pessoas", "fr": "Traite des personnes"}', 5),
  ('smuggling', '{"es": "Tráfico ilícito de migrantes", "en": "Smuggling of migrants", "pt": "Contrabando de migrantes", "fr": "Trafic illicite de migrants"}', 6),
  ('nationality', '{"es": "Nacionalidad", "en": "Nationality", "pt": "Nacionalidade", "fr": "Nationalité"}', 7),
  ('children', '{"es": "Niñas, niños y adolescentes", "en": "Children", "pt": "Crianças e adolescentes", "fr": "Enfants"}', 8),
  ('return', '{"es": "Retorno", "en": "Return", "pt": "Retorno", "fr": "Retour"}', 9),
  ('consular_protection', '{"es": "Protección consular", "en": "Consular protection", "pt": "Proteção consular", "fr": "Protection consulaire"}', 10)
ON CONFLICT DO NOTHING;
