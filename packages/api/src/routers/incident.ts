/**
 * Major incidents, status posts and maintenance (R-MI-1), the public status page and its email
 * subscriptions. R-MI-2: a status post while the incident is active counts as the first response of
 * the linked tickets — sent to each through the one save path.
 */

import { randomBytes } from "node:crypto";
import {
  incidentUpdates,
  maintenanceWindows,
  majorIncidents,
  outbox,
  statusSubscriptions,
  tickets,
} from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { and, asc, desc, eq, gt, inArray, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { secretMail } from "../services/outgoing-mail";
import { loadTicket, transition } from "../services/tickets";
import { publicProcedure, router, staffCan } from "../trpc";
import { email, epochMs, textId } from "./inputs";

const declarer = staffCan("incident.manage");
const incidentStatus = z.enum(["investigating", "identified", "monitoring", "resolved"]);
/** Linked tickets listed per incident in the console (R-MI-2); the rest are found in the queue. */
const LINKED_TICKETS_SHOWN = 200;
const labels = z.array(z.string().trim().min(1).max(100)).max(50).default([]);

function incidentDto(
  i: typeof majorIncidents.$inferSelect,
  updates: (typeof incidentUpdates.$inferSelect)[] = [],
) {
  return {
    id: i.id,
    title: i.title,
    description: i.description,
    services: i.services,
    dataCenters: i.dataCenters,
    status: i.status,
    startedAt: i.startedAt.getTime(),
    resolvedAt: i.resolvedAt?.getTime() ?? null,
    updates: updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: u.body,
      postedAt: u.postedAt.getTime(),
    })),
  };
}

function maintenanceDto(m: typeof maintenanceWindows.$inferSelect) {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    services: m.services,
    dataCenters: m.dataCenters,
    startsAt: m.startsAt.getTime(),
    endsAt: m.endsAt.getTime(),
  };
}

export const incidentRouter = router({
  list: staffCan("ticket.view")
    .input(z.object({ includeResolved: z.boolean().default(false) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select()
        .from(majorIncidents)
        .where(input.includeResolved ? undefined : notInArray(majorIncidents.status, ["resolved"]))
        .orderBy(desc(majorIncidents.startedAt))
        .limit(200);
      const ids = rows.map((r) => r.id);
      // the first linked tickets of each incident, numbered per incident (rn) in the order they were opened
      const linkedSq = ctx.db
        .select({
          id: tickets.id,
          number: tickets.number,
          subject: tickets.subject,
          status: tickets.status,
          firstResponseAt: tickets.firstResponseAt,
          majorIncidentId: tickets.majorIncidentId,
          rn: sql<number>`row_number() over (partition by ${tickets.majorIncidentId} order by ${tickets.createdAt})`.as(
            "rn",
          ),
        })
        .from(tickets)
        .where(inArray(tickets.majorIncidentId, ids))
        .as("linked");
      const [ups, linked] = rows.length
        ? await Promise.all([
            ctx.db
              .select()
              .from(incidentUpdates)
              .where(inArray(incidentUpdates.majorIncidentId, ids))
              .orderBy(asc(incidentUpdates.postedAt)),
            // the tickets linked to each incident (staff only: the public status page never lists them)
            ctx.db
              .select()
              .from(linkedSq)
              .where(lte(linkedSq.rn, LINKED_TICKETS_SHOWN))
              .orderBy(asc(linkedSq.rn)),
          ])
        : [[], []];
      return rows.map((r) => ({
        ...incidentDto(
          r,
          ups.filter((u) => u.majorIncidentId === r.id),
        ),
        linkedTickets: linked
          .filter((t) => t.majorIncidentId === r.id)
          .map((t) => ({
            id: t.id,
            number: t.number,
            subject: t.subject,
            status: t.status,
            firstResponseAt: t.firstResponseAt?.getTime() ?? null,
          })),
      }));
    }),

  declare: declarer
    .input(
      z.object({
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().max(5000).default(""),
        services: labels,
        dataCenters: labels,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const at = new Date(ctx.clock.now());
      const [i] = await ctx.db
        .insert(majorIncidents)
        .values({ ...input, startedAt: at, declaredById: ctx.actor.id, createdAt: at, updatedAt: at })
        .returning();
      if (!i) throw new Error("insert returned nothing");
      return incidentDto(i);
    }),

  /** A status post; R-MI-2 for every linked live ticket while the incident is active. */
  post: declarer
    .input(z.object({ incidentId: textId, status: incidentStatus, body: z.string().trim().min(1).max(5000) }))
    .mutation(async ({ ctx, input }) => {
      const [i] = await ctx.db.select().from(majorIncidents).where(eq(majorIncidents.id, input.incidentId));
      if (!i) throw new DomainError("NOT_FOUND", "No such major incident.");
      if (i.status === "resolved")
        throw new DomainError("CONFLICT", "This incident is resolved; declare a new one.", {
          rule: "R-MI-1",
        });
      const at = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        await tx.insert(incidentUpdates).values({
          majorIncidentId: i.id,
          status: input.status,
          body: input.body,
          postedById: ctx.actor.id,
          postedAt: new Date(at),
        });
        await tx
          .update(majorIncidents)
          .set({
            status: input.status,
            resolvedAt: input.status === "resolved" ? new Date(at) : null,
            updatedAt: new Date(at),
          })
          .where(eq(majorIncidents.id, i.id));
        const subs = await tx
          .select()
          .from(statusSubscriptions)
          .where(eq(statusSubscriptions.confirmed, true));
        if (subs.length)
          await tx.insert(outbox).values(
            subs.map((s) => ({
              kind: "mail",
              // R-SEC-1: the unsubscribe token is the subscriber's secret
              payload: secretMail((link) => ({
                to: s.email,
                subject: `[Status] ${i.title}: ${input.status}`,
                body: `${input.body}\n\nUnsubscribe: ${link("/status/unsubscribe/", s.token)}`,
                template: "statusPost",
              })),
              nextAttemptAt: new Date(at),
              createdAt: new Date(at),
            })),
          );
      });
      let firstResponses = 0;
      if (input.status !== "resolved") {
        const linked = await ctx.db
          .select({ id: tickets.id, version: tickets.version })
          .from(tickets)
          .where(
            and(
              eq(tickets.majorIncidentId, i.id),
              isNull(tickets.firstResponseAt),
              notInArray(tickets.status, ["closed", "rejected"]),
            ),
          );
        for (const t of linked) {
          try {
            const loaded = await loadTicket(ctx.db, t.id);
            await transition(ctx.db, {
              loaded,
              event: { type: "ticket.statusPosted", at, actor: ctx.actor },
              expectedVersion: loaded.row.version,
            });
            firstResponses++;
          } catch (e) {
            // the policy may not count status posts (R-MI-2 is policy data) or the ticket moved meanwhile
            if (!(e instanceof DomainError)) throw e;
          }
        }
      }
      return { posted: true, firstResponses };
    }),

  scheduleMaintenance: staffCan("maintenance.manage")
    .input(
      z.object({
        title: z.string().trim().min(1).max(200),
        description: z.string().trim().max(5000).default(""),
        services: labels,
        dataCenters: labels,
        startsAt: epochMs,
        endsAt: epochMs,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.endsAt <= input.startsAt)
        throw new DomainError("INVALID_INPUT", "Maintenance must end after it starts.", {
          issues: [{ path: ["endsAt"], message: "must be after startsAt" }],
        });
      const [m] = await ctx.db
        .insert(maintenanceWindows)
        .values({
          ...input,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          createdById: ctx.actor.id,
        })
        .returning();
      if (!m) throw new Error("insert returned nothing");
      return maintenanceDto(m);
    }),

  /** The public status page: active and recent incidents, upcoming maintenance. */
  status: publicProcedure.meta({ audience: "public" }).query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const since = new Date(now - 7 * 86_400_000);
    const [incidents, maintenance] = await Promise.all([
      ctx.db
        .select()
        .from(majorIncidents)
        .where(or(notInArray(majorIncidents.status, ["resolved"]), gt(majorIncidents.resolvedAt, since)))
        .orderBy(desc(majorIncidents.startedAt))
        .limit(50),
      ctx.db
        .select()
        .from(maintenanceWindows)
        .where(gt(maintenanceWindows.endsAt, new Date(now)))
        .orderBy(asc(maintenanceWindows.startsAt))
        .limit(50),
    ]);
    const ups = incidents.length
      ? await ctx.db
          .select()
          .from(incidentUpdates)
          .where(
            inArray(
              incidentUpdates.majorIncidentId,
              incidents.map((r) => r.id),
            ),
          )
          .orderBy(asc(incidentUpdates.postedAt))
      : [];
    return {
      allOperational: incidents.every((i) => i.status === "resolved"),
      incidents: incidents.map((r) =>
        incidentDto(
          r,
          ups.filter((u) => u.majorIncidentId === r.id),
        ),
      ),
      maintenance: maintenance.map(maintenanceDto),
    };
  }),

  /** R-MI-1: subscribe by email (double opt-in); the same answer whether or not the address is known. */
  subscribe: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ email }))
    .mutation(async ({ ctx, input }) => {
      const token = randomBytes(18).toString("base64url");
      const at = new Date(ctx.clock.now());
      const inserted = await ctx.db
        .insert(statusSubscriptions)
        .values({ email: input.email.toLowerCase(), token, createdAt: at })
        .onConflictDoNothing()
        .returning();
      if (inserted.length)
        await ctx.db.insert(outbox).values({
          kind: "mail",
          payload: secretMail((link) => ({
            to: input.email,
            subject: "Confirm your status page subscription",
            body: `Confirm: ${link("/status/confirm/", token)}`,
            template: "statusSubscribe",
          })),
          nextAttemptAt: at,
          createdAt: at,
        });
      return { ok: true, message: "If the address can receive mail, a confirmation link is on its way." };
    }),

  confirmSubscription: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token: z.string().min(10).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const rows = await ctx.db
        .update(statusSubscriptions)
        .set({ confirmed: true, confirmedAt: new Date(ctx.clock.now()) })
        .where(eq(statusSubscriptions.token, input.token))
        .returning({ id: statusSubscriptions.id });
      if (!rows.length) throw new DomainError("NOT_FOUND", "This link is not valid (any more).");
      return { confirmed: true };
    }),

  unsubscribe: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token: z.string().min(10).max(100) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.delete(statusSubscriptions).where(eq(statusSubscriptions.token, input.token));
      return { ok: true };
    }),
});
