-- R-SEC-2: rows that races left behind before the database enforced the "at most one" rules; runs before
-- the unique indexes of the next migration are created (they would fail on such rows).
-- The column the invoice-line backfill needs (the next migration adds it "if not exists").
ALTER TABLE "invoice_lines" ADD COLUMN IF NOT EXISTS "corrects_line_id" uuid;--> statement-breakpoint
-- R-CHG-5: one open complaint a charge: the earliest stays open, later duplicates are closed as rejected.
UPDATE "billing_complaints" c SET "status" = 'rejected',
  "answer" = 'Closed as a duplicate of an earlier complaint about the same charge (R-SEC-2).', "answered_at" = now()
WHERE c."status" = 'open' AND EXISTS (
  SELECT 1 FROM "billing_complaints" e WHERE e."invoice_line_id" = c."invoice_line_id" AND e."status" = 'open'
    AND (e."created_at", e."id") < (c."created_at", c."id"));--> statement-breakpoint
-- R-CHG-5: one credit note a complaint: later ones stay (money was credited) but no longer claim the complaint.
UPDATE "credit_notes" n SET "complaint_id" = NULL
WHERE n."complaint_id" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "credit_notes" e WHERE e."complaint_id" = n."complaint_id"
    AND (e."created_at", e."id") < (n."created_at", n."id"));--> statement-breakpoint
-- R-CHG-3: one line produced at close a ticket: the earliest is it, later lines of the ticket were corrections.
UPDATE "invoice_lines" l SET "corrects_line_id" = (
  SELECT f."id" FROM "invoice_lines" f WHERE f."ticket_id" = l."ticket_id" ORDER BY f."created_at", f."id" LIMIT 1)
WHERE l."corrects_line_id" IS NULL AND EXISTS (
  SELECT 1 FROM "invoice_lines" e WHERE e."ticket_id" = l."ticket_id"
    AND (e."created_at", e."id") < (l."created_at", l."id"));--> statement-breakpoint
-- R-ACT-5: one technical delegate an account: later delegates lose the role and their login is deactivated.
WITH extra AS (
  DELETE FROM "technical_delegates" d WHERE EXISTS (
    SELECT 1 FROM "technical_delegates" e WHERE e."account_id" = d."account_id"
      AND (e."created_at", e."id") < (d."created_at", d."id"))
  RETURNING d."user_id")
UPDATE "users" u SET "active" = false, "deactivated_reason" = 'delegateRemoved', "deactivated_at" = now()
FROM extra WHERE u."id" = extra."user_id";--> statement-breakpoint
-- R-ACT-3: one contact an address within an account: references move to the earliest, duplicates go.
CREATE TEMPORARY TABLE "contact_duplicates" ON COMMIT DROP AS
SELECT c."id" AS "dup", (
  SELECT f."id" FROM "authorized_contacts" f WHERE f."account_id" = c."account_id" AND lower(f."email") = lower(c."email")
  ORDER BY f."created_at", f."id" LIMIT 1) AS "keep"
FROM "authorized_contacts" c;--> statement-breakpoint
DELETE FROM "contact_duplicates" WHERE "dup" = "keep";--> statement-breakpoint
UPDATE "tickets" t SET "contact_id" = d."keep" FROM "contact_duplicates" d WHERE t."contact_id" = d."dup";--> statement-breakpoint
UPDATE "survey_invitations" s SET "contact_id" = d."keep" FROM "contact_duplicates" d WHERE s."contact_id" = d."dup";--> statement-breakpoint
UPDATE "accounts" a SET "primary_contact_id" = d."keep" FROM "contact_duplicates" d WHERE a."primary_contact_id" = d."dup";--> statement-breakpoint
UPDATE "authorized_contacts" k SET "active" = k."active" OR x."active", "user_id" = coalesce(k."user_id", x."user_id")
FROM "contact_duplicates" d JOIN "authorized_contacts" x ON x."id" = d."dup" WHERE k."id" = d."keep";--> statement-breakpoint
DELETE FROM "authorized_contacts" c USING "contact_duplicates" d WHERE c."id" = d."dup";
