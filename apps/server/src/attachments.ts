import { attachments, type Db, partnerLinks, tickets } from "@helpdesk/db";
import type { Actor } from "@helpdesk/domain/ticket";
import { and, eq } from "drizzle-orm";

/** Types a browser may show from a download; everything else (HTML, SVG, XML, scripts…) is a plain octet stream. */
const SAFE_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
  "application/zip",
]);

export function downloadContentType(sniffed: string): string {
  const base = sniffed.split(";")[0]?.trim().toLowerCase() ?? "";
  return SAFE_TYPES.has(base) ? base : "application/octet-stream";
}

/** RFC 6266 filename parameters: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The attachment if the actor may see it, else null (answered 404 like any object the actor may not see).
 * Staff see all; customers see public attachments of tickets of their account (a partner-opened one only
 * with their own delegation) and of tickets their partner account opened (R-ACT-6, R-TKT-8).
 */
export async function loadAttachmentFor(db: Db, actor: Actor, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      bytes: attachments.bytes,
      visibility: attachments.visibility,
      accountId: tickets.accountId,
      partnerAccountId: tickets.partnerAccountId,
    })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .where(eq(attachments.id, id))
    .limit(1);
  if (!row) return null;
  if (actor.kind === "staff" || actor.kind === "system") return row;
  if (row.visibility !== "public") return null;
  if (row.partnerAccountId && row.partnerAccountId === actor.accountId) return row;
  if (row.accountId !== actor.accountId) return null;
  if (!row.partnerAccountId) return row;
  const [link] = await db
    .select({ d: partnerLinks.customerHasDelegation })
    .from(partnerLinks)
    .where(
      and(
        eq(partnerLinks.partnerAccountId, row.partnerAccountId),
        eq(partnerLinks.customerAccountId, actor.accountId),
      ),
    );
  return link?.d ? row : null;
}
