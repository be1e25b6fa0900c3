CREATE TABLE "meeting_guests" (
	"meeting_id" uuid NOT NULL,
	"email" text NOT NULL,
	CONSTRAINT "meeting_guests_meeting_id_email_pk" PRIMARY KEY("meeting_id","email")
);
--> statement-breakpoint
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;