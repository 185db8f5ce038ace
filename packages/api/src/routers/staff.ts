/** Staff users, their roles (R-ACT-7) and the on-call rota for 24x7 contracts (R-SLA-5). Administrators only, except reading. */
import { onCallRota, users } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { StaffRole } from "@helpdesk/domain/ticket";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { z } from "zod";
import { deactivateLogin, reactivateLogin, setPassword } from "../auth";
import { uniquely } from "../services/unique";
import { router, staffCan } from "../trpc";
import { email, epochMs, textId } from "./inputs";

const admin = staffCan("staff.manage");
const rotaKeeper = staffCan("onCall.editRota");

function staffDto(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, roles: u.staffRoles, active: u.active, phone: u.phone };
}

async function staffUser(db: Parameters<typeof setPassword>[0], id: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.kind, "staff")));
  if (!u) throw new DomainError("NOT_FOUND", "No such staff member.");
  return u;
}

export const staffRouter = router({
  /** Who works here (assignee pickers, rota). */
  list: staffCan("staff.view").query(async ({ ctx }) => {
    const rows = await ctx.db.select().from(users).where(eq(users.kind, "staff")).orderBy(asc(users.name));
    return rows.map(staffDto);
  }),

  me: staffCan("staff.view").query(async ({ ctx }) => staffDto(await staffUser(ctx.db, ctx.actor.id))),

  create: admin
    .input(
      z.object({
        email,
        name: z.string().trim().min(1).max(200),
        roles: z.array(StaffRole).min(1, "give at least one role").max(7),
        password: z.string().min(8).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // R-SEC-2: the unique address is the database's to hold; a taken one is a CONFLICT naming the field
      const [u] = await uniquely(() =>
        ctx.db
          .insert(users)
          .values({
            email: input.email,
            name: input.name,
            kind: "staff",
            staffRoles: [...new Set(input.roles)],
          })
          .returning(),
      );
      if (!u) throw new Error("insert returned nothing");
      if (input.password) await setPassword(ctx.db, u.id, input.password);
      return staffDto(u);
    }),

  setRoles: admin
    .input(z.object({ id: textId, roles: z.array(StaffRole).min(1).max(7) }))
    .mutation(async ({ ctx, input }) => {
      const u = await staffUser(ctx.db, input.id);
      if (u.id === ctx.actor.id && !input.roles.includes("administrator"))
        throw new DomainError("CONFLICT", "You cannot remove your own administrator role.");
      const [saved] = await ctx.db
        .update(users)
        .set({ staffRoles: [...new Set(input.roles)] })
        .where(eq(users.id, u.id))
        .returning();
      return staffDto(saved ?? u);
    }),

  deactivate: admin.input(z.object({ id: textId })).mutation(async ({ ctx, input }) => {
    const u = await staffUser(ctx.db, input.id);
    if (u.id === ctx.actor.id) throw new DomainError("CONFLICT", "You cannot deactivate yourself.");
    await deactivateLogin(ctx.db, u.id);
    return staffDto(await staffUser(ctx.db, u.id));
  }),

  reactivate: admin.input(z.object({ id: textId })).mutation(async ({ ctx, input }) => {
    const u = await staffUser(ctx.db, input.id);
    await reactivateLogin(ctx.db, u.id, ctx.actor);
    return staffDto(await staffUser(ctx.db, u.id));
  }),

  /** R-SLA-5: who is on call in a window. */
  rota: staffCan("staff.view")
    .input(z.object({ from: epochMs, to: epochMs }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select({ r: onCallRota, name: users.name })
        .from(onCallRota)
        .innerJoin(users, eq(users.id, onCallRota.staffId))
        .where(and(lt(onCallRota.fromAt, new Date(input.to)), gt(onCallRota.toAt, new Date(input.from))))
        .orderBy(asc(onCallRota.fromAt));
      return rows.map((x) => ({
        id: x.r.id,
        staffId: x.r.staffId,
        name: x.name,
        fromAt: x.r.fromAt.getTime(),
        toAt: x.r.toAt.getTime(),
      }));
    }),

  addRota: rotaKeeper
    .input(
      z.object({
        staffId: textId,
        fromAt: epochMs,
        toAt: epochMs,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.toAt <= input.fromAt)
        throw new DomainError("INVALID_INPUT", "The shift must end after it starts.", {
          issues: [{ path: ["toAt"], message: "must be after fromAt" }],
        });
      await staffUser(ctx.db, input.staffId);
      const [r] = await ctx.db
        .insert(onCallRota)
        .values({ staffId: input.staffId, fromAt: new Date(input.fromAt), toAt: new Date(input.toAt) })
        .returning();
      return { id: r?.id ?? "" };
    }),

  removeRota: rotaKeeper.input(z.object({ id: textId })).mutation(async ({ ctx, input }) => {
    const gone = await ctx.db.delete(onCallRota).where(eq(onCallRota.id, input.id)).returning();
    if (!gone.length) throw new DomainError("NOT_FOUND", "No such rota entry.");
    return { removed: true };
  }),
});
