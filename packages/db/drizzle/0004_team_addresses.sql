-- Team mail still waiting in the outbox goes to the configured team addresses (SUPPORT_TEAM_EMAIL,
-- BILLING_TEAM_EMAIL, ON_CALL_FALLBACK_EMAIL) instead of the old hard-coded *.helpdesk.local ones, which bounce.
UPDATE "outbox" SET "payload" = jsonb_set("payload", '{to}', '"team:support"') WHERE "status" = 'pending' AND "payload"->>'to' = 'support-team@helpdesk.local';
--> statement-breakpoint
UPDATE "outbox" SET "payload" = jsonb_set("payload", '{to}', '"team:billing"') WHERE "status" = 'pending' AND "payload"->>'to' = 'billing@helpdesk.local';
