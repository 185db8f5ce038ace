import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/**
 * Every mail the server sent (SMTP, or the spool folder without SMTP_URL); the console shows it to staff.
 * R-SEC-1: the secrets a mail carried (reset, survey, subscription, access-confirmation links) are
 * redacted before the row is written; only the recipient's copy holds them.
 */
export const mailLog = pgTable(
  "mail_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    outboxId: uuid(),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /** the ticket the mail is about, when it is about one */
    ticketId: uuid(),
    ticketNumber: text(),
    sentAt: tstz().notNull().defaultNow(),
    /**
     * 'smtp' handed to SMTP_URL, 'spool' written to the operator's pickup folder, 'log' recorded only,
     * 'demo' composed by the demo seed and never sent, 'skipped' not sent (see skipReason)
     */
    transport: text({ enum: ["smtp", "spool", "log", "demo", "skipped"] }).notNull(),
    /**
     * R-MAIL-5: why a mail was not sent (transport 'skipped'): 'own-address' (one of our support addresses:
     * a loop) or 'bouncing' (the address bounced, R-MAIL-4)
     */
    skipReason: text({ enum: ["own-address", "bouncing"] }),
  },
  (t) => [index("mail_log_sent_idx").on(t.sentAt), index("mail_log_to_idx").on(t.to)],
);
