DROP INDEX "tickets_assignee_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_assignee_idx";--> statement-breakpoint
DROP INDEX "tickets_partner_idx";--> statement-breakpoint
DROP INDEX "tickets_major_incident_idx";--> statement-breakpoint
CREATE INDEX "tickets_assignee_queue_idx" ON "tickets" USING btree ("assignee_id","priority_rank","created_at","id") WHERE "tickets"."assignee_id" is not null and "tickets"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id") WHERE "tickets"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_partner_idx" ON "tickets" USING btree ("partner_account_id") WHERE "tickets"."partner_account_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_major_incident_idx" ON "tickets" USING btree ("major_incident_id") WHERE "tickets"."major_incident_id" is not null;