CREATE TABLE "mail_answer_counts" (
	"address" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "mail_answer_counts_address_hour_pk" PRIMARY KEY("address","hour")
);
--> statement-breakpoint
CREATE TABLE "ticket_mail_ids" (
	"message_id" text PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authorized_contacts" ADD COLUMN "bouncing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "authorized_contacts" ADD COLUMN "bounce_reason" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "source" text DEFAULT 'json' NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "automatic" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "authentication" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "full_text" text;--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "raw" "bytea";--> statement-breakpoint
ALTER TABLE "inbound_mails" ADD COLUMN "size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bouncing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "bounce_reason" text;--> statement-breakpoint
ALTER TABLE "ticket_mail_ids" ADD CONSTRAINT "ticket_mail_ids_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_mail_ids_ticket_idx" ON "ticket_mail_ids" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_mails_content_hash_idx" ON "inbound_mails" USING btree ("content_hash") WHERE "inbound_mails"."message_id" is null;