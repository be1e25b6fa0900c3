-- The consolidated report's document block and paper, set by the secretariat
-- per cycle: its symbol ("OEA/Ser.G / CP/CAJP-2708/09"), its date, and Letter
-- (the OAS's paper) or A4.
ALTER TABLE "cycles" ADD COLUMN "document_symbol" text;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "document_date" date;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "paper" text DEFAULT 'letter' NOT NULL;
