import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/** Every mail the server sent or, without SMTP_URL, would have sent (the console shows it). */
export const mailLog = pgTable(
  "mail_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    outboxId: uuid(),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    sentAt: tstz().notNull().defaultNow(),
    /** 'smtp' when handed to SMTP_URL, 'log' when only recorded here */
    transport: text({ enum: ["smtp", "log"] }).notNull(),
  },
  (t) => [index("mail_log_sent_idx").on(t.sentAt), index("mail_log_to_idx").on(t.to)],
);
