import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, textId, updatedAt } from "./columns";

/** The support contract of an account (R-ACT-1, R-SLA-5, R-SLA-6). */
export type AccountContract = { is24x7: boolean; expressAllowed: boolean };

/** Customer accounts, partner accounts included (R-ACT-1, R-ACT-6). */
export const accounts = pgTable(
  "accounts",
  {
    id: textId(),
    customerNumber: text().notNull().unique(),
    name: text().notNull(),
    timeZone: text().notNull().default("UTC"),
    language: text().notNull().default("en"),
    /** which policy (id) applies; the version in force is the newest in `policies` */
    policyId: text().notNull(),
    /** a service level of that policy */
    serviceLevelId: text().notNull(),
    contract: jsonb()
      .$type<AccountContract>()
      .notNull()
      .default(sql`'{"is24x7":false,"expressAllowed":false}'::jsonb`),
    /** true for an ISP/MSP that manages other accounts (R-ACT-6) */
    isPartner: boolean().notNull().default(false),
    /** the partner managing this account, if any (R-ACT-6); see also `partner_links` */
    partnerAccountId: text().references((): AnyPgColumn => accounts.id, { onDelete: "set null" }),
    /** the identifier a partner must give for this customer, e.g. its system's public IP (R-ACT-6) */
    onBehalfIdentifier: text(),
    /** an authorized contact of this account (no FK: contacts reference accounts) — confirms temporary access (R-ACT-4) */
    primaryContactId: text(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("accounts_partner_idx").on(t.partnerAccountId), index("accounts_name_idx").on(t.name)],
);
