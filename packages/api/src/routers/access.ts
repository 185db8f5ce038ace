/**
 * R-ACT-4 temporary access after support granted it (`staffTicket.grantTemporaryAccess`): the account's
 * primary contact confirms or declines by the token of the mail's link without signing in; support lists
 * an account's grants and revokes one. The state is the domain's (`temporaryGrantStatus`), which is also
 * what decides whether the person may open tickets.
 */
import { accounts, temporaryAccessGrants, users } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import {
  type TemporaryGrantStatus,
  temporaryGrantLapsesAt,
  temporaryGrantStatus,
} from "@helpdesk/domain/access";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../db";
import { loadAccount } from "../services/open";
import { activePolicy } from "../services/policies";
import { publicProcedure, router, staffCan } from "../trpc";
import { textId } from "./inputs";

/** Whoever may grant temporary access may list and revoke grants (mirrors `grantTemporaryAccess`). */
const specialist = staffCan("access.grantTemporary");

const token = z.string().trim().min(10, "this confirmation link is not complete").max(100);

export type GrantState = "pending" | "confirmed" | "declined" | "lapsed";

type GrantRow = typeof temporaryAccessGrants.$inferSelect;

async function grantView(db: Queryable, g: GrantRow, at: number) {
  const account = await loadAccount(db, g.accountId);
  const policy = await activePolicy(db, account.policyId);
  const facts = {
    accountId: g.accountId,
    email: g.email,
    grantedAt: g.createdAt.getTime(),
    confirmedAt: g.confirmedAt?.getTime() ?? null,
    revokedAt: g.revokedAt?.getTime() ?? null,
  };
  const status: TemporaryGrantStatus = temporaryGrantStatus(policy, facts, at);
  const state: GrantState =
    status === "revoked"
      ? "declined"
      : status === "confirmed"
        ? "confirmed"
        : status === "lapsed"
          ? "lapsed"
          : "pending";
  return {
    id: g.id,
    name: `${g.firstName} ${g.lastName}`,
    email: g.email,
    accountId: account.id,
    accountName: account.name,
    grantedAt: facts.grantedAt,
    confirmBy: temporaryGrantLapsesAt(policy, facts),
    confirmedAt: facts.confirmedAt,
    revokedAt: facts.revokedAt,
    state,
  };
}

async function byToken(db: Queryable, t: string): Promise<GrantRow> {
  const [g] = await db
    .select()
    .from(temporaryAccessGrants)
    .where(eq(temporaryAccessGrants.confirmationToken, t));
  if (!g)
    throw new DomainError(
      "NOT_FOUND",
      "This confirmation link is not valid. Please ask support for a new one.",
      {
        rule: "R-ACT-4",
      },
    );
  return g;
}

/** Revokes a grant now (declined by the primary contact or revoked by support); a second time is harmless. */
async function revoked(db: Queryable, g: GrantRow, at: number) {
  if (g.revokedAt !== null) return grantView(db, g, at);
  const [row] = await db
    .update(temporaryAccessGrants)
    .set({
      revokedAt: sql`coalesce(${temporaryAccessGrants.revokedAt}, ${new Date(at).toISOString()}::timestamptz)`,
    })
    .where(eq(temporaryAccessGrants.id, g.id))
    .returning();
  return grantView(db, row ?? g, at);
}

export const accessRouter = router({
  /** What the confirmation link is about: who was granted access to which account, and its state now. */
  byToken: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token }))
    .query(async ({ ctx, input }) => grantView(ctx.db, await byToken(ctx.db, input.token), ctx.clock.now())),

  /** The primary contact confirms: the grant no longer lapses. Confirming twice is harmless. */
  confirm: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token }))
    .mutation(async ({ ctx, input }) => {
      const at = ctx.clock.now();
      const g = await byToken(ctx.db, input.token);
      const view = await grantView(ctx.db, g, at);
      if (view.state === "confirmed") return view;
      if (view.state === "declined")
        throw new DomainError(
          "CONFLICT",
          "This temporary access was declined or revoked; it can no longer be confirmed. Please ask support to grant it again.",
          { rule: "R-ACT-4" },
        );
      if (view.state === "lapsed")
        throw new DomainError(
          "CONFLICT",
          "This temporary access lapsed because it was not confirmed in time; it can no longer be confirmed. Please ask support to grant it again.",
          { rule: "R-ACT-4" },
        );
      // R-SEC-2: decided on the row as it is when written, so a decline at the same moment is not undone
      const [row] = await ctx.db
        .update(temporaryAccessGrants)
        .set({
          confirmedAt: sql`coalesce(${temporaryAccessGrants.confirmedAt}, ${new Date(at).toISOString()}::timestamptz)`,
        })
        .where(and(eq(temporaryAccessGrants.id, g.id), isNull(temporaryAccessGrants.revokedAt)))
        .returning();
      if (!row)
        throw new DomainError(
          "CONFLICT",
          "This temporary access was declined or revoked meanwhile; it can no longer be confirmed. Please ask support to grant it again.",
          { rule: "R-ACT-4" },
        );
      return grantView(ctx.db, row, at);
    }),

  /** The primary contact declines: the grant is revoked now. Declining twice is harmless. */
  decline: publicProcedure
    .meta({ audience: "public" })
    .input(z.object({ token }))
    .mutation(async ({ ctx, input }) => {
      return revoked(ctx.db, await byToken(ctx.db, input.token), ctx.clock.now());
    }),

  /** An account's temporary grants, newest first, with who granted them (console account page). */
  grants: specialist.input(z.object({ accountId: textId })).query(async ({ ctx, input }) => {
    const at = ctx.clock.now();
    const [account] = await ctx.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.id, input.accountId));
    if (!account) throw new DomainError("NOT_FOUND", "No such account.");
    const rows = await ctx.db
      .select({ g: temporaryAccessGrants, grantedBy: users.name })
      .from(temporaryAccessGrants)
      .leftJoin(users, eq(users.id, temporaryAccessGrants.grantedById))
      .where(eq(temporaryAccessGrants.accountId, input.accountId))
      .orderBy(desc(temporaryAccessGrants.createdAt))
      .limit(100);
    const out = [];
    for (const r of rows) out.push({ ...(await grantView(ctx.db, r.g, at)), grantedBy: r.grantedBy });
    return out;
  }),

  /** Support revokes a grant: the person may no longer open tickets. Revoking twice is harmless. */
  revoke: specialist.input(z.object({ id: textId })).mutation(async ({ ctx, input }) => {
    const at = ctx.clock.now();
    const [g] = await ctx.db
      .select()
      .from(temporaryAccessGrants)
      .where(eq(temporaryAccessGrants.id, input.id));
    if (!g) throw new DomainError("NOT_FOUND", "No such temporary access grant.", { rule: "R-ACT-4" });
    return revoked(ctx.db, g, at);
  }),
});
