import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, textId, updatedAt } from "./columns";
import { tickets } from "./tickets";

export const psoStages = ["quote", "purchaseOrder", "overviewMeeting", "scheduled", "done"] as const;

/** R-TKT-2: a non-standard change is not a ticket but a professional-services order. */
export const professionalServicesOrders = pgTable(
  "professional_services_orders",
  {
    id: textId(),
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** the ticket it came from, if any */
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    title: text().notNull(),
    description: text().notNull().default(""),
    stage: text({ enum: psoStages }).notNull().default("quote"),
    /** each stage change: [{ stage, at, by }] */
    stages: jsonb().$type<{ stage: string; at: string; by: string | null }[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("pso_account_idx").on(t.accountId), index("pso_ticket_idx").on(t.ticketId)],
);
