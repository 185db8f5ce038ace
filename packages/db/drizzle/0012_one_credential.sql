DROP INDEX "auth_accounts_user_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "auth_accounts_user_provider_idx" ON "auth_accounts" USING btree ("user_id","provider_id");