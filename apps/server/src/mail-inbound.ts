/**
 * POST /api/mail/inbound (R-MAIL-1), with `Authorization: Bearer $MAIL_INBOUND_SECRET`:
 * - `Content-Type: message/rfc822`: the raw RFC 5322 message, e.g. from a Postfix pipe
 *   (`curl --data-binary @- …`, README). The sender is authenticated only by the top-most
 *   `Authentication-Results` header of MAIL_AUTHSERV_ID (R-MAIL-3).
 * - `application/json` (kept for compatibility): `{from, fromName?, subject, text, messageId?,
 *   authenticationResults?}`, judged the same way.
 * Both feed the api's one pipeline. Bad input is a 400 sentence naming what to fix, never a 500; without
 * MAIL_INBOUND_SECRET the endpoint is off (404 saying so); a database failure is a 500 so the MTA
 * delivers again later.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import {
  authenticateByHeader,
  DEFAULT_MAX_MAIL_BYTES,
  InboundMail,
  MailRefused,
  receiveInboundMail,
  receiveRawMail,
} from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import type { Context } from "hono";
import type { Clock } from "./clock";

export interface MailInboundOptions {
  /** the shared secret; undefined turns the endpoint off */
  secret: string | undefined;
  /** the policy mail from unknown senders is filed under (default: the first active policy by id) */
  policyId?: string | undefined;
  /** our own addresses: mail from them is never acted on */
  supportAddresses?: string[];
  /** the authserv-id whose Authentication-Results are trusted (MAIL_AUTHSERV_ID) */
  authservId?: string | undefined;
  /** the largest mail accepted (default 25 MB) */
  maxBytes?: number;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Compares in constant time (digests have equal length whatever the input). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The body limit of the endpoint: twice the mail limit, so a mail somewhat too large still gets a notice. */
export const inboundBodyLimit = (opts: MailInboundOptions | undefined) =>
  2 * (opts?.maxBytes ?? DEFAULT_MAX_MAIL_BYTES);

export function mailInboundHandler(db: Db, clock: Clock, opts: MailInboundOptions | undefined) {
  return async (c: Context) => {
    const secret = opts?.secret;
    if (!secret)
      return c.json(
        { error: "Inbound mail is turned off: set MAIL_INBOUND_SECRET on the server to receive mail here." },
        404,
      );
    const header = c.req.header("authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] ?? "";
    if (!token || !sameSecret(token, secret))
      return c.json(
        { error: "Send the shared secret as `Authorization: Bearer <MAIL_INBOUND_SECRET>`." },
        401,
        { "WWW-Authenticate": 'Bearer realm="mail-inbound"' },
      );
    const pipeline = {
      at: clock.now(),
      defaultPolicyId: opts.policyId,
      supportAddresses: opts.supportAddresses ?? [],
      authservId: opts.authservId,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_MAIL_BYTES,
    };
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    try {
      if (type.startsWith("message/rfc822")) {
        const raw = Buffer.from(await c.req.arrayBuffer());
        const result = await receiveRawMail(db, raw, { source: "pipe" }, pipeline);
        return c.json(result, result.duplicate ? 200 : 201);
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json(
          {
            error:
              'Send the raw mail with `Content-Type: message/rfc822`, or JSON like {"from": "…", "subject": "…", "text": "…", "messageId": "…"}.',
          },
          400,
        );
      }
      const parsed = InboundMail.safeParse(body);
      if (!parsed.success)
        return c.json(
          {
            error: `Fix the mail's fields: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}.`,
            issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
          },
          400,
        );
      const results = parsed.data.authenticationResults;
      const headers = new Map([
        ["authentication-results", Array.isArray(results) ? results : results ? [results] : []],
      ]);
      const authentication = authenticateByHeader({ headers, from: parsed.data.from }, opts.authservId);
      const result = await receiveInboundMail(db, parsed.data, { ...pipeline, authentication });
      return c.json(result, result.duplicate ? 200 : 201);
    } catch (e) {
      if (e instanceof MailRefused) return c.json({ error: e.message }, e.httpStatus);
      // the MTA keeps the mail and delivers it again later on a 5xx
      console.error("mail inbound:", e);
      return c.json(
        { error: "Something went wrong on our side; the mail was not stored. Deliver it again later." },
        500,
      );
    }
  };
}
