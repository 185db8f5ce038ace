/**
 * Customer side of tickets (portal): open, list, read, reply, confirm / object / more time, reopen,
 * escalate (R-ESC-2), ask for reclassification. Resolvers: parse → load → domain → save → DTO.
 */
import { tickets, users } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import type { TicketEvent } from "@helpdesk/domain/ticket";
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { AttachmentsInput, checkAttachments } from "../attachments";
import { validateCustomerEscalation } from "../services/escalation";
import { openAsCustomer } from "../services/open";
import { policyVersion } from "../services/policies";
import { ticketDetail, ticketHistoryOf, ticketSummary } from "../services/ticket-dto";
import { findTickets, TicketLookupInput } from "../services/ticket-lookup";
import { loadTicket, type NewMessage, transition } from "../services/tickets";
import { assertMaySee, customerTicketScope } from "../services/visibility";
import { type Context, type CustomerActor, customerProcedure, router } from "../trpc";
import { body, epochMs, pageLimit, TicketRef, TicketRequest, ticketId } from "./inputs";

const statusFilter = z.enum(["new", "open", "waitingForCustomer", "resolved", "closed", "rejected"]);

async function loadVisible(ctx: Context & { actor: CustomerActor }, id: string) {
  const loaded = await loadTicket(ctx.db, id);
  await assertMaySee(ctx.db, ctx.actor, loaded.row);
  return loaded;
}

/** One customer event through the save path; returns the fresh summary. */
async function customerEvent(
  ctx: Context & { actor: CustomerActor },
  ref: { id: string; expectedVersion: number },
  make: (base: { at: number; actor: CustomerActor }) => TicketEvent,
  extra: { messages?: NewMessage[]; historyData?: Record<string, unknown> } = {},
) {
  const loaded = await loadVisible(ctx, ref.id);
  const event = make({ at: ctx.clock.now(), actor: ctx.actor });
  const out = await transition(ctx.db, { loaded, event, expectedVersion: ref.expectedVersion, ...extra });
  return ticketSummary(out.row, loaded.policy);
}

/** The customer's ticket list orders (the portal's My tickets page): each ends on the id, so pages never overlap. */
const listSort = z.enum(["newest", "oldest", "updated", "priority"]);
type ListSort = z.infer<typeof listSort>;

const listOrder: Record<ListSort, SQL[]> = {
  newest: [desc(tickets.createdAt), desc(tickets.id)],
  oldest: [asc(tickets.createdAt), asc(tickets.id)],
  updated: [desc(tickets.updatedAt), desc(tickets.id)],
  // most urgent first, the newest first within a priority
  priority: [asc(tickets.priorityRank), desc(tickets.createdAt), desc(tickets.id)],
};

/** Rows after the cursor in the given order (keyset pagination). */
function afterCursor(sort: ListSort, c: { createdAt: number; id: string; key?: number | undefined }): SQL {
  const at = new Date(c.createdAt);
  const newer = or(lt(tickets.createdAt, at), and(eq(tickets.createdAt, at), lt(tickets.id, c.id))) as SQL;
  switch (sort) {
    case "newest":
      return newer;
    case "oldest":
      return or(gt(tickets.createdAt, at), and(eq(tickets.createdAt, at), gt(tickets.id, c.id))) as SQL;
    case "updated": {
      const u = new Date(c.key ?? c.createdAt);
      return or(lt(tickets.updatedAt, u), and(eq(tickets.updatedAt, u), lt(tickets.id, c.id))) as SQL;
    }
    case "priority": {
      const rank = c.key ?? 0;
      return or(gt(tickets.priorityRank, rank), and(eq(tickets.priorityRank, rank), newer)) as SQL;
    }
  }
}

export const ticketRouter = router({
  open: customerProcedure
    .meta({
      description:
        "Open a ticket (R-TKT-2…7, R-ACT-3); a partner gives the managed customer's identifier (R-ACT-6).",
    })
    .input(TicketRequest.extend({ onBehalfIdentifier: z.string().trim().min(1).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const out = await openAsCustomer(ctx.db, ctx.actor, input, ctx.clock.now());
      const policy = await policyVersion(ctx.db, out.row.policyId, out.row.policyVersion);
      return { ...ticketSummary(out.row, policy), missingInformation: out.state.missingInformation };
    }),

  list: customerProcedure
    .input(
      z.object({
        status: z.array(statusFilter).max(6).optional(),
        search: z.string().trim().max(200).optional(),
        /** created-date range, inclusive, as epoch ms (the portal sends the viewer's day bounds) */
        createdFrom: epochMs.optional(),
        createdTo: epochMs.optional(),
        sort: listSort.default("newest"),
        /** keyset cursor: the last row's createdAt (ms) and id, and its sort key for `updated`/`priority` */
        cursor: z.object({ createdAt: epochMs, id: ticketId, key: z.number().optional() }).optional(),
        limit: pageLimit,
      }),
    )
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [customerTicketScope(ctx.actor)];
      if (input.status?.length) where.push(inArray(tickets.status, input.status));
      if (input.search) {
        const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(or(ilike(tickets.subject, like), ilike(tickets.number, like)) as SQL);
      }
      if (input.createdFrom !== undefined) where.push(gte(tickets.createdAt, new Date(input.createdFrom)));
      if (input.createdTo !== undefined) where.push(lte(tickets.createdAt, new Date(input.createdTo)));
      if (input.cursor) where.push(afterCursor(input.sort, input.cursor));
      const rows = await ctx.db
        .select()
        .from(tickets)
        .where(and(...where))
        .orderBy(...listOrder[input.sort])
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const items = await Promise.all(
        page.map(async (r) => ticketSummary(r, await policyVersion(ctx.db, r.policyId, r.policyVersion))),
      );
      const last = page[page.length - 1];
      return {
        items,
        nextCursor:
          rows.length > input.limit && last
            ? {
                createdAt: last.createdAt.getTime(),
                id: last.id,
                key:
                  input.sort === "updated"
                    ? last.updatedAt.getTime()
                    : input.sort === "priority"
                      ? last.priorityRank
                      : undefined,
              }
            : null,
      };
    }),

  /**
   * R-TKT-1: the tickets a typed or linked reference names (number, digits alone, or an old UUID address),
   * among the ones this person may see (R-ACT-3, R-ACT-6): anyone else's answer as if they did not exist.
   */
  lookup: customerProcedure
    .input(TicketLookupInput)
    .query(({ ctx, input }) => findTickets(ctx.db, input.ref, customerTicketScope(ctx.actor))),

  byId: customerProcedure.input(z.object({ id: ticketId })).query(async ({ ctx, input }) => {
    const { row, policy } = await loadVisible(ctx, input.id);
    return ticketDetail(ctx.db, row, policy, ctx.actor);
  }),

  history: customerProcedure.input(z.object({ id: ticketId })).query(async ({ ctx, input }) => {
    await loadVisible(ctx, input.id);
    return ticketHistoryOf(ctx.db, input.id, ctx.actor);
  }),

  /** R-LC-2: any customer reply moves a waiting ticket back to open. */
  reply: customerProcedure
    .input(TicketRef.extend({ body: body(), attachments: AttachmentsInput }))
    .mutation(async ({ ctx, input }) => {
      const files = checkAttachments(input.attachments);
      return customerEvent(ctx, input, (b) => ({ type: "ticket.reply", ...b, visibility: "public" }), {
        messages: [
          {
            authorId: ctx.actor.id,
            authorKind: "customer",
            authorName: await authorName(ctx),
            visibility: "public",
            channel: "portal",
            body: input.body,
            attachments: files,
          },
        ],
      });
    }),

  /** R-LC-4 */
  confirm: customerProcedure
    .input(TicketRef)
    .mutation(({ ctx, input }) =>
      customerEvent(ctx, input, (b) => ({ type: "ticket.confirmResolution", ...b })),
    ),
  object: customerProcedure
    .input(TicketRef.extend({ reason: z.string().trim().max(2000).optional() }))
    .mutation(async ({ ctx, input }) =>
      customerEvent(ctx, input, (b) => ({ type: "ticket.objectResolution", ...b, reason: input.reason }), {
        messages: input.reason
          ? [
              {
                authorId: ctx.actor.id,
                authorKind: "customer",
                authorName: await authorName(ctx),
                visibility: "public",
                channel: "portal",
                body: input.reason,
              },
            ]
          : [],
      }),
    ),
  moreTime: customerProcedure
    .input(TicketRef)
    .mutation(({ ctx, input }) =>
      customerEvent(ctx, input, (b) => ({ type: "ticket.requestMoreTime", ...b })),
    ),

  /** R-LC-7 */
  reopen: customerProcedure
    .input(TicketRef)
    .mutation(({ ctx, input }) => customerEvent(ctx, input, (b) => ({ type: "ticket.reopen", ...b }))),

  /** R-ESC-2: a customer escalation names company, caller, phone, tickets, description and action. */
  escalate: customerProcedure
    .input(
      TicketRef.extend({
        topic: z.enum(["ticketHandling", "charge"]).optional(),
        companyName: z.string().max(200).optional(),
        callerName: z.string().max(200).optional(),
        callerPhone: z.string().max(60).optional(),
        /** other tickets the escalation is about; this ticket is always included */
        ticketNumbers: z.array(z.string().max(40)).max(20).optional(),
        supportDescription: z
          .object({
            kind: z.enum(["outOfService", "degraded", "other"]),
            text: z.string().max(2000).optional(),
          })
          .optional(),
        requestedAction: z.string().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const loaded = await loadVisible(ctx, input.id);
      const { id: _id, expectedVersion: _v, ...request } = input;
      const note = validateCustomerEscalation(loaded.policy, request, loaded.row.number);
      // R-ESC-2: the request travels with the event: the domain checks it again, whoever calls it
      const event: TicketEvent = {
        type: "ticket.escalate",
        at: ctx.clock.now(),
        actor: ctx.actor,
        note,
        request,
      };
      const out = await transition(ctx.db, {
        loaded,
        event,
        expectedVersion: input.expectedVersion,
        historyData: { request },
      });
      return ticketSummary(out.row, loaded.policy);
    }),

  /** R-TKT-3: the customer asks for another classification, with a reason. */
  requestReclassification: customerProcedure
    .input(
      TicketRef.extend({ reason: z.string().trim().min(1, "say why the classification is wrong").max(2000) }),
    )
    .mutation(({ ctx, input }) =>
      customerEvent(ctx, input, (b) => ({
        type: "ticket.requestReclassification",
        ...b,
        reason: input.reason,
      })),
    ),
});

async function authorName(ctx: Context & { actor: CustomerActor }): Promise<string> {
  const [u] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.id));
  if (!u) throw new DomainError("NOT_FOUND", "Your login no longer exists.");
  return u.name;
}
