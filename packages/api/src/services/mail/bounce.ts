/**
 * R-MAIL-4: bounces. A delivery status notification (RFC 3464: multipart/report;
 * report-type=delivery-status) names the recipients that failed (message/delivery-status) and carries the
 * headers of the mail that bounced (text/rfc822-headers or message/rfc822): its Message-ID threads the
 * bounce to that mail's ticket, and the failed addresses are marked as bouncing so the outbound side
 * stops notifying them (`isBouncing`).
 */
import { authorizedContacts, users } from "@helpdesk/db/schema";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db";
import { header, messageIdsIn, normalizeAddress, type ParsedInbound } from "./parse";

export interface BounceReport {
  /** the failed recipients (trimmed, lower case) with their status and diagnostic */
  failed: { address: string; status: string; diagnostic: string }[];
  /** the Message-ID of the mail that bounced, when the report carries its headers */
  originalMessageId: string | null;
}

export function isDeliveryReport(mail: Pick<ParsedInbound, "contentType">): boolean {
  const t = mail.contentType.toLowerCase();
  return t.startsWith("multipart/report") && /report-type\s*=\s*"?delivery-status/.test(t);
}

/** Reads the report's parts (mailparser hands them over as attachments); null when it is not a DSN. */
export function readBounce(mail: ParsedInbound): BounceReport | null {
  if (!isDeliveryReport(mail)) return null;
  const part = (types: string[]) =>
    mail.attachments.find((a) => types.includes(a.declaredType.split(";")[0]?.trim() ?? ""));
  // mailparser hands a delivery-status part over as an attachment or folds it into the text
  const status =
    part(["message/delivery-status", "message/global-delivery-status"])?.content.toString("utf8") ??
    mail.text;
  const failed: BounceReport["failed"] = [];
  if (status) {
    // per-recipient groups are separated by blank lines; continuation lines start with whitespace
    const groups = status
      .replace(/\r\n/g, "\n")
      .replace(/\n[ \t]+/g, " ")
      .split(/\n\s*\n/);
    for (const g of groups) {
      const field = (n: string) => new RegExp(`^${n}:\\s*(.*)$`, "im").exec(g)?.[1]?.trim() ?? "";
      const recipient = field("Final-Recipient") || field("Original-Recipient");
      if (!recipient) continue;
      const action = field("Action").toLowerCase();
      if (action && action !== "failed") continue;
      const address = normalizeAddress(recipient.replace(/^[^;]*;\s*/, "").replace(/^<|>$/g, ""));
      if (address.includes("@"))
        failed.push({ address, status: field("Status"), diagnostic: field("Diagnostic-Code").slice(0, 500) });
    }
  }
  const original = part([
    "text/rfc822-headers",
    "message/rfc822",
    "message/rfc822-headers",
    "message/global-headers",
  ]);
  let originalMessageId: string | null = null;
  if (original) {
    const head = original.content.toString("utf8").split(/\r?\n\r?\n/)[0] ?? "";
    const line = /^message-id:\s*(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1];
    originalMessageId = messageIdsIn(line)[0] ?? null;
  }
  // some MTAs write the original's id into the report's own In-Reply-To/References
  if (!originalMessageId) originalMessageId = messageIdsIn(header(mail, "in-reply-to"))[0] ?? null;
  return { failed, originalMessageId };
}

/** Marks the failed recipients' contacts and users as bouncing (R-MAIL-4). */
export async function markBouncing(db: Queryable, report: BounceReport, at: number): Promise<void> {
  for (const f of report.failed) {
    const reason = [f.status, f.diagnostic].filter(Boolean).join(" ").slice(0, 500) || "bounced";
    const when = new Date(at);
    await db
      .update(authorizedContacts)
      .set({ bouncingSince: when, bounceReason: reason })
      .where(eq(sql`lower(${authorizedContacts.email})`, f.address));
    await db
      .update(users)
      .set({ bouncingSince: when, bounceReason: reason })
      .where(eq(users.email, f.address));
  }
}

/** True when mail to this address bounced: the outbound side skips notifications to it. */
export async function isBouncing(db: Queryable, address: string): Promise<boolean> {
  const a = normalizeAddress(address);
  const [c] = await db
    .select({ x: sql<number>`1` })
    .from(authorizedContacts)
    .where(sql`lower(${authorizedContacts.email}) = ${a} and ${authorizedContacts.bouncingSince} is not null`)
    .limit(1);
  if (c) return true;
  const [u] = await db
    .select({ x: sql<number>`1` })
    .from(users)
    .where(sql`${users.email} = ${a} and ${users.bouncingSince} is not null`)
    .limit(1);
  return u !== undefined;
}

/** Clears the mark (staff corrected the address, or the person wrote again). */
export async function clearBouncing(db: Queryable, address: string): Promise<void> {
  const a = normalizeAddress(address);
  await db
    .update(authorizedContacts)
    .set({ bouncingSince: null, bounceReason: null })
    .where(eq(sql`lower(${authorizedContacts.email})`, a));
  await db.update(users).set({ bouncingSince: null, bounceReason: null }).where(eq(users.email, a));
}
