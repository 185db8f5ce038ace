/**
 * Who wrote, and may they act on this account's tickets? (R-ACT-2/3/4/6, R-MAIL-2). Addresses compare
 * trimmed and lower-cased. A portal user or active authorized contact of the ticket's account, a person
 * with temporary access (R-ACT-4), or a user or contact of the partner that opened the ticket (R-ACT-6).
 */
import { accounts, authorizedContacts, users } from "@helpdesk/db/schema";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db";
import { hasTemporaryAccess } from "../open";
import type { TicketRow } from "../tickets";

export interface Sender {
  actor: Actor;
  userId: string | null;
  name: string;
}

type ContactRow = typeof authorizedContacts.$inferSelect;

/** The active authorized contacts with this address, of active accounts (R-ACT-3); at most two read. */
export async function contactsByAddress(db: Queryable, address: string): Promise<ContactRow[]> {
  const rows = await db
    .select({ contact: authorizedContacts })
    .from(authorizedContacts)
    .innerJoin(accounts, eq(accounts.id, authorizedContacts.accountId))
    .where(
      and(
        eq(sql`lower(${authorizedContacts.email})`, address),
        eq(authorizedContacts.active, true),
        eq(accounts.active, true),
      ),
    )
    .limit(2);
  return rows.map((r) => r.contact);
}

/** The person behind `address` when they may act on `ticket` (its account, or the partner that opened it). */
export async function senderOnTicket(
  db: Queryable,
  ticket: Pick<TicketRow, "accountId" | "partnerAccountId">,
  address: string,
  displayName: string,
  at: number,
): Promise<Sender | null> {
  const accountId = ticket.accountId;
  if (!accountId) return null;
  for (const acting of [accountId, ticket.partnerAccountId]) {
    if (!acting) continue;
    const [user] = await db
      .select({ id: users.id, name: users.name, role: users.customerRole })
      .from(users)
      .where(
        and(
          eq(users.email, address),
          eq(users.accountId, acting),
          eq(users.kind, "customer"),
          eq(users.active, true),
        ),
      )
      .limit(1);
    // a partner acts on the customer's ticket it opened (R-ACT-6)
    if (user)
      return {
        actor: { kind: "customer", id: user.id, accountId, role: user.role ?? "customerStaff" },
        userId: user.id,
        name: user.name,
      };
    const [contact] = await db
      .select()
      .from(authorizedContacts)
      .where(
        and(
          eq(sql`lower(${authorizedContacts.email})`, address),
          eq(authorizedContacts.accountId, acting),
          eq(authorizedContacts.active, true),
        ),
      )
      .limit(1);
    if (contact)
      return {
        // a contact without a portal login acts under its contact id
        actor: { kind: "customer", id: contact.userId ?? contact.id, accountId, role: "customerStaff" },
        userId: contact.userId ?? null,
        name: `${contact.firstName} ${contact.lastName}`,
      };
  }
  if (await hasTemporaryAccess(db, accountId, address, at))
    return {
      actor: { kind: "customer", id: `mail:${address}`, accountId, role: "customerStaff" },
      userId: null,
      name: displayName,
    };
  return null;
}
