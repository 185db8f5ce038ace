import { sql } from "drizzle-orm";
import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, textId, tstz, updatedAt } from "./columns";
import { users } from "./users";

export const majorIncidentStatuses = ["investigating", "identified", "monitoring", "resolved"] as const;

/** R-MI-1, R-MI-2: a major incident shown on the public status page. */
export const majorIncidents = pgTable(
  "major_incidents",
  {
    id: textId(),
    title: text().notNull(),
    description: text().notNull().default(""),
    services: text().array().notNull().default(sql`'{}'::text[]`),
    dataCenters: text().array().notNull().default(sql`'{}'::text[]`),
    status: text({ enum: majorIncidentStatuses }).notNull().default("investigating"),
    startedAt: tstz().notNull(),
    resolvedAt: tstz(),
    declaredById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("major_incidents_status_idx").on(t.status, t.startedAt)],
);
