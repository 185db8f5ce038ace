/**
 * Which tickets an actor may see, as SQL (lists must filter in the database) and as a check on one
 * loaded row. R-ACT-6: a partner sees the tickets it opened; a customer sees the tickets a partner
 * opened for it only with its own delegation. Staff see every ticket. What an actor may not see is
 * answered NOT_FOUND, as if it did not exist.
 */
import { partnerLinks, tickets } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { mayViewTicket } from "@helpdesk/domain/access";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, eq, exists, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../db";
import type { CustomerActor } from "../trpc";
import type { TicketRow } from "./tickets";

export function customerTicketScope(actor: CustomerActor): SQL {
  const delegated = exists(
    sql`(select 1 from ${partnerLinks} where ${partnerLinks.partnerAccountId} = ${tickets.partnerAccountId}
      and ${partnerLinks.customerAccountId} = ${actor.accountId} and ${partnerLinks.customerHasDelegation})`,
  );
  return or(
    and(eq(tickets.accountId, actor.accountId), or(isNull(tickets.partnerAccountId), delegated)),
    eq(tickets.partnerAccountId, actor.accountId),
  ) as SQL;
}

/** Throws NOT_FOUND unless the actor may see the ticket (the domain's rule, R-ACT-6). */
export async function assertMaySee(db: Queryable, actor: Actor, row: TicketRow): Promise<void> {
  if (actor.kind !== "customer") return;
  if (!row.accountId) throw new DomainError("NOT_FOUND", "No such ticket.");
  const links =
    row.partnerAccountId && row.accountId === actor.accountId
      ? await db
          .select()
          .from(partnerLinks)
          .where(
            and(
              eq(partnerLinks.partnerAccountId, row.partnerAccountId),
              eq(partnerLinks.customerAccountId, row.accountId),
            ),
          )
      : [];
  if (
    !mayViewTicket(actor, { accountId: row.accountId, openedByPartnerAccountId: row.partnerAccountId }, links)
  )
    throw new DomainError("NOT_FOUND", "No such ticket.");
}
