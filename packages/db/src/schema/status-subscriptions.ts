import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, textId, tstz } from "./columns";

/** R-MI-1: email subscriptions to the status page (double opt-in by token). */
export const statusSubscriptions = pgTable("status_subscriptions", {
  id: textId(),
  email: text().notNull().unique(),
  token: text().notNull().unique(),
  confirmed: boolean().notNull().default(false),
  confirmedAt: tstz(),
  createdAt: createdAt(),
});
