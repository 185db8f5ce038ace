import type { Policy } from "@helpdesk/domain";
import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** Support policies as versioned data (R-TKT-3, R-SLA-1…): a ticket keeps the version it was opened under. */
export const policies = pgTable(
  "policies",
  {
    id: text().notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    body: jsonb().$type<Policy>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: "policies_pk", columns: [t.id, t.version] })],
);
