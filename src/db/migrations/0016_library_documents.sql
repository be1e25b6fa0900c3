CREATE TABLE "document_actors" (
	"document_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "document_actors_document_id_actor_id_role_pk" PRIMARY KEY("document_id","actor_id","role")
);
--> statement-breakpoint
CREATE TABLE "document_items" (
	"document_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	CONSTRAINT "document_items_document_id_item_id_pk" PRIMARY KEY("document_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "document_meetings" (
	"document_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	CONSTRAINT "document_meetings_document_id_meeting_id_pk" PRIMARY KEY("document_id","meeting_id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"type" text NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issued_on" date,
	"visibility" text DEFAULT 'public' NOT NULL,
	"url" text,
	"file_key" uuid,
	"filename" text,
	"content_type" text,
	"size" integer,
	"sha256" text,
	"text_status" text NOT NULL,
	"pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"key" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_actors" ADD CONSTRAINT "document_actors_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_actors" ADD CONSTRAINT "document_actors_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_items" ADD CONSTRAINT "document_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_items" ADD CONSTRAINT "document_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_meetings" ADD CONSTRAINT "document_meetings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_meetings" ADD CONSTRAINT "document_meetings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_actors_actor_idx" ON "document_actors" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "document_items_item_idx" ON "document_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "document_meetings_meeting_idx" ON "document_meetings" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "documents_created_idx" ON "documents" USING btree ("created_at");