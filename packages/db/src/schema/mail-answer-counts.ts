import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstz } from "./columns";

/**
 * R-MAIL-4/5 loop guard: how many automatic answers (refusals, "too large" notices) went to one address in
 * one clock hour. An increment that would pass the limit is refused, so two desks answering each other's
 * automatic mail stop after a few rounds. Rows of past hours may be deleted at any time.
 */
export const mailAnswerCounts = pgTable(
  "mail_answer_counts",
  {
    /** trimmed, lower-case address */
    address: text().notNull(),
    /** the start of the clock hour (UTC) */
    hour: tstz().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.address, t.hour] })],
);
