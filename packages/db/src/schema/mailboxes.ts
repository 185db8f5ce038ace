import { bigint, boolean, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, textId, tstz, updatedAt } from "./columns";

/** What the IMAP fetcher does with a message once the pipeline took it (R-MAIL-1). */
export const mailboxAfterActions = ["move", "flag"] as const;

/**
 * IMAP mailboxes the server fetches mail from (R-MAIL-1). The secret (password or OAuth2 access token)
 * is stored encrypted with AES-256-GCM under MAIL_SECRET_KEY and never leaves the api. Each message is
 * processed once: a lease (`leaseOwner`/`leaseUntil`, database time) lets one fetcher at a time work on
 * a mailbox across server processes, `uidValidity`/`lastUid` say where the last round stopped, and the
 * pipeline's Message-ID / content-hash idempotency catches a message fetched again after a crash.
 */
export const mailboxes = pgTable("mailboxes", {
  id: textId(),
  /** what staff call it, e.g. "Support inbox" */
  name: text().notNull(),
  host: text().notNull(),
  port: integer().notNull().default(993),
  /** implicit TLS (993); false = plain connection upgraded with STARTTLS when the server offers it */
  tls: boolean().notNull().default(true),
  username: text().notNull(),
  auth: text({ enum: ["password", "oauth2"] })
    .notNull()
    .default("password"),
  /** `v1:<iv>:<tag>:<ciphertext>` (base64), AES-256-GCM under MAIL_SECRET_KEY */
  secretEncrypted: text().notNull(),
  folder: text().notNull().default("INBOX"),
  afterAction: text({ enum: mailboxAfterActions }).notNull().default("move"),
  /** the folder processed mail is moved to (created when missing) */
  moveTo: text().notNull().default("Processed"),
  /** the policy mail from unknown senders is filed under; null = the server's default */
  policyId: text(),
  enabled: boolean().notNull().default(true),
  /** the folder's UIDVALIDITY when `lastUid` was stored; another value means the UIDs start over */
  uidValidity: bigint({ mode: "number" }),
  /** the highest UID handled (taken, or given up on after the retries) */
  lastUid: bigint({ mode: "number" }).notNull().default(0),
  /** UIDs the pipeline failed on, with their attempts so far; retried next rounds, a bounded number of times */
  retries: jsonb().$type<Record<string, number>>().notNull().default({}),
  lastFetchAt: tstz(),
  lastError: text(),
  lastErrorAt: tstz(),
  fetchedCount: integer().notNull().default(0),
  failedCount: integer().notNull().default(0),
  /** the fetcher working on this mailbox now, and until when (database time) */
  leaseOwner: text(),
  leaseUntil: tstz(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
