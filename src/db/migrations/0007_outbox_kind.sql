ALTER TABLE "outbox" ADD COLUMN "kind" text;--> statement-breakpoint
UPDATE "outbox" SET "kind" = CASE
  WHEN "dedupe_key" LIKE 'invitation:%' THEN 'invitation'
  WHEN "dedupe_key" LIKE 'reset:%' THEN 'password_reset'
  WHEN "dedupe_key" LIKE 'meeting:%' THEN 'meeting_invitation'
  ELSE 'reminder'
END;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "kind" SET NOT NULL;
