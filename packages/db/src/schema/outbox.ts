import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, tstz } from "./columns";

export const outboxStatuses = ["pending", "done", "failed"] as const;

/**
 * Effects to carry out after a transaction commits: mail, on-call pages, survey invitations. Written in the
 * same transaction as the change that caused them; the server's worker takes due rows with
 * `FOR UPDATE SKIP LOCKED`, retries with exponential backoff and marks them failed after N attempts.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 'mail' | 'page' | 'survey' | … (see apps/server's worker) */
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lastError: text(),
    createdAt: createdAt(),
    doneAt: tstz(),
  },
  (t) => [index("outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);
