/**
 * The demo seed sends no mail. Its tickets were opened and moved through the domain like real ones, so
 * their notifications, pages and survey invitations were queued in the outbox; with SMTP_URL set they
 * would all go out to the demo's addresses at start. Instead they are kept as the demo's mail history:
 * each mail is recorded in the mail log as `demo` (composed, never sent; secrets redacted as for real
 * mail, R-SEC-1), survey invitations count as sent, and the outbox is left empty.
 */
import { mailLog, outbox, surveyInvitations } from "@helpdesk/db/schema";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "./db";
import { redact, secretsOf } from "./services/outgoing-mail";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHUNK = 500;

/** Retires every pending outbox row the seed wrote; returns how many mails went to the mail log as `demo`. */
export async function retireDemoMail(db: Db): Promise<number> {
  const rows = await db.select().from(outbox).where(eq(outbox.status, "pending"));
  const logged: (typeof mailLog.$inferInsert)[] = [];
  const invitations: string[] = [];
  for (const r of rows) {
    const p = r.payload;
    if (r.kind === "survey" && typeof p.invitationId === "string") invitations.push(p.invitationId);
    if (typeof p.to !== "string" || typeof p.subject !== "string" || typeof p.body !== "string") continue;
    const secrets = secretsOf(p);
    logged.push({
      outboxId: r.id,
      to: p.to,
      subject: redact(p.subject, secrets),
      body: redact(p.body, secrets),
      ticketId: typeof p.ticketId === "string" && UUID.test(p.ticketId) ? p.ticketId : null,
      ticketNumber: typeof p.ticketNumber === "string" ? p.ticketNumber : null,
      sentAt: r.createdAt,
      transport: "demo",
    });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < logged.length; i += CHUNK)
      await tx.insert(mailLog).values(logged.slice(i, i + CHUNK));
    for (let i = 0; i < invitations.length; i += CHUNK) {
      const ids = invitations.slice(i, i + CHUNK);
      await tx
        .update(surveyInvitations)
        .set({ sentAt: surveyInvitations.createdAt })
        .where(inArray(surveyInvitations.id, ids));
    }
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK)
      await tx.delete(outbox).where(inArray(outbox.id, ids.slice(i, i + CHUNK)));
  });
  return logged.length;
}
