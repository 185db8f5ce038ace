ALTER TABLE "mail_log" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_log" ADD COLUMN "ticket_number" text;