ALTER TABLE "plan_imports" ADD COLUMN "blank_cells" text DEFAULT 'above' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_imports" ADD COLUMN "mapping_reused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "import_mapping" jsonb;