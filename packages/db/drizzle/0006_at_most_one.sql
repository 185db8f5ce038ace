DROP INDEX "technical_delegates_account_idx";--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN IF NOT EXISTS "corrects_line_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "idempotency_key" uuid;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_corrects_line_id_invoice_lines_id_fk" FOREIGN KEY ("corrects_line_id") REFERENCES "public"."invoice_lines"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_complaints_one_open_idx" ON "billing_complaints" USING btree ("invoice_line_id") WHERE "billing_complaints"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "authorized_contacts_account_email_idx" ON "authorized_contacts" USING btree ("account_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_complaint_idx" ON "credit_notes" USING btree ("complaint_id") WHERE "credit_notes"."complaint_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_one_at_close_idx" ON "invoice_lines" USING btree ("ticket_id") WHERE "invoice_lines"."corrects_line_id" is null;--> statement-breakpoint
CREATE INDEX "invoice_lines_corrects_idx" ON "invoice_lines" USING btree ("corrects_line_id") WHERE "invoice_lines"."corrects_line_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "technical_delegates_one_per_account_idx" ON "technical_delegates" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_idempotency_idx" ON "tickets" USING btree ("created_by_id","idempotency_key") WHERE "tickets"."idempotency_key" is not null;