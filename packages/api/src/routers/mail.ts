/** The local mail log (what was sent, or would have been without SMTP_URL) and the outbox, for staff. */
import { mailLog, outbox } from "@helpdesk/db/schema";
import { desc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import { router, staffCan } from "../trpc";
import { pageLimit } from "./inputs";

export const mailRouter = router({
  log: staffCan("mail.view")
    .input(z.object({ to: z.string().trim().max(200).optional(), limit: pageLimit }))
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [];
      if (input.to) where.push(ilike(mailLog.to, `%${input.to.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      const rows = await ctx.db
        .select()
        .from(mailLog)
        .where(where[0])
        .orderBy(desc(mailLog.sentAt))
        .limit(input.limit);
      return rows.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        body: m.body,
        sentAt: m.sentAt.getTime(),
        transport: m.transport,
      }));
    }),

  outbox: staffCan("mail.view")
    .input(z.object({ status: z.enum(["pending", "done", "failed"]).default("pending"), limit: pageLimit }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db
        .select()
        .from(outbox)
        .where(eq(outbox.status, input.status))
        .orderBy(desc(outbox.createdAt))
        .limit(input.limit);
      return rows.map((o) => ({
        id: o.id,
        kind: o.kind,
        status: o.status,
        attempts: o.attempts,
        lastError: o.lastError,
        to: typeof o.payload.to === "string" ? o.payload.to : null,
        subject: typeof o.payload.subject === "string" ? o.payload.subject : null,
        createdAt: o.createdAt.getTime(),
      }));
    }),
});
