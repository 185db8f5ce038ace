import { sql } from "drizzle-orm";
import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, textId, tstz } from "./columns";
import { users } from "./users";

/** R-MI-1: scheduled maintenance on the status page. */
export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: textId(),
    title: text().notNull(),
    description: text().notNull().default(""),
    services: text().array().notNull().default(sql`'{}'::text[]`),
    dataCenters: text().array().notNull().default(sql`'{}'::text[]`),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("maintenance_windows_starts_idx").on(t.startsAt)],
);
