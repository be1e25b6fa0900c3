CREATE TABLE "plan_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"programme_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"tables" jsonb NOT NULL,
	"table_index" integer NOT NULL,
	"header_row" integer NOT NULL,
	"columns" jsonb NOT NULL,
	"actor_choices" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "code_made" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_levels" ADD COLUMN "code_pattern" text;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "previous_edition_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_imports" ADD CONSTRAINT "plan_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_imports_programme_idx" ON "plan_imports" USING btree ("programme_id");--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_previous_edition_id_programmes_id_fk" FOREIGN KEY ("previous_edition_id") REFERENCES "public"."programmes"("id") ON DELETE set null ON UPDATE no action;