ALTER TABLE "item_status_history" ADD COLUMN "source_report_id" uuid;--> statement-breakpoint
ALTER TABLE "report_entries" ADD COLUMN "status_review" text;