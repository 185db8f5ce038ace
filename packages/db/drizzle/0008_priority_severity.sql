DROP INDEX "tickets_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_status_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_assignee_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_unassigned_queue_idx";--> statement-breakpoint
DROP INDEX "tickets_account_queue_idx";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "priority_severity" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("priority_severity","created_at","id") WHERE "tickets"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "tickets_status_queue_idx" ON "tickets" USING btree ("status","priority_severity","created_at","id") WHERE "tickets"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "tickets_assignee_queue_idx" ON "tickets" USING btree ("assignee_id","priority_severity","created_at","id") WHERE "tickets"."assignee_id" is not null and "tickets"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "tickets_unassigned_queue_idx" ON "tickets" USING btree ("priority_severity","created_at","id") WHERE "tickets"."assignee_id" is null and "tickets"."status" not in ('closed', 'rejected');--> statement-breakpoint
CREATE INDEX "tickets_account_queue_idx" ON "tickets" USING btree ("account_id","priority_severity","created_at","id") WHERE "tickets"."status" not in ('closed', 'rejected');