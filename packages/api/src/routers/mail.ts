/**
 * The mail log (what the server sent) and the outbox, for staff. R-SEC-1: both show what staff need —
 * recipient, subject, time, status, ticket — and never a mailed secret: the mail log's bodies were
 * redacted when they were stored, and the outbox shows no body (a pending row still holds its secrets;
 * they are scrubbed once it is sent or failed). `lastError` was redacted by the worker too.
 */
import { mailLog, outbox } from "@helpdesk/db/schema";
import { desc, eq, ilike, type SQL } from "drizzle-orm";
import { z } from "zod";
import { redact, secretsOf } from "../services/outgoing-mail";
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
        ticketId: m.ticketId,
        ticketNumber: m.ticketNumber,
        sentAt: m.sentAt.getTime(),
        // R-MAIL-5: a mail skipped (our own address, a bouncing one) says so and why
        status:
          m.transport === "skipped"
            ? ("skipped" as const)
            : m.transport === "demo"
              ? ("notSent" as const)
              : ("sent" as const),
        skipReason: m.skipReason,
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
        lastError: redact(o.lastError, secretsOf(o.payload)),
        to: typeof o.payload.to === "string" ? o.payload.to : null,
        subject:
          typeof o.payload.subject === "string" ? redact(o.payload.subject, secretsOf(o.payload)) : null,
        ticketNumber: typeof o.payload.ticketNumber === "string" ? o.payload.ticketNumber : null,
        createdAt: o.createdAt.getTime(),
      }));
    }),
});
