/**
 * R-TKT-1: find tickets by what people type or link: a ticket's number ('RCR 0000068', 'RCR-0000068',
 * 'rcr0000068'), its digits alone ('68': every prefix), or an old address's UUID. The domain reads the
 * reference; the caller's scope (R-ACT-3/6: a customer's visible tickets) is applied in SQL.
 */
import { tickets } from "@helpdesk/db/schema";
import { DomainError, parseTicketReference } from "@helpdesk/domain";
import { and, asc, eq, like, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db";

export const TicketLookupInput = z.object({
  ref: z.string().trim().min(1, "give a ticket number, e.g. RCR 0000068").max(80),
});

export interface TicketMatch {
  id: string;
  number: string;
  subject: string;
}

/** The matches, best first; NOT_FOUND when there is none (the same answer as for a ticket one may not see). */
export async function findTickets(db: Queryable, ref: string, scope?: SQL): Promise<TicketMatch[]> {
  let where: SQL | undefined;
  if (z.uuid().safeParse(ref).success) where = eq(tickets.id, ref);
  else {
    const parsed = parseTicketReference(ref);
    if (!parsed)
      throw new DomainError(
        "INVALID_INPUT",
        `'${ref.slice(0, 40)}' is not a ticket number, e.g. RCR 0000068.`,
        {
          rule: "R-TKT-1",
          issues: [{ path: ["ref"], message: "give a ticket number, e.g. RCR 0000068, or its digits" }],
        },
      );
    where =
      parsed.kind === "number"
        ? eq(tickets.number, parsed.formatted)
        : // digits alone: every prefix's ticket with that sequence ('% 0000068'; digits need no escaping)
          like(tickets.number, `% ${parsed.digits}`);
  }
  const found = await db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject })
    .from(tickets)
    .where(scope ? and(where, scope) : where)
    .orderBy(asc(tickets.number))
    .limit(20);
  if (!found.length) throw new DomainError("NOT_FOUND", "No ticket has this number.", { rule: "R-TKT-1" });
  return found;
}
