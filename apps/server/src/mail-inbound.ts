/**
 * POST /api/mail/inbound: what an MTA webhook (Postfix pipe script, Mailgun/SendGrid/Postmark inbound
 * parse, …) posts for each mail to the support address, as JSON `{from, fromName?, subject, text,
 * messageId?}` with `Authorization: Bearer $MAIL_INBOUND_SECRET`. The api's mail intake decides what the
 * mail becomes (a reply, a ticket, an inbox item: R-TKT-1, R-TKT-5, R-ACT-3). Bad input is a 400 naming
 * the field; without MAIL_INBOUND_SECRET the endpoint is off (404 saying so).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { InboundMail, receiveInboundMail } from "@helpdesk/api";
import type { Db } from "@helpdesk/db";
import type { Context } from "hono";
import type { Clock } from "./clock";

export interface MailInboundOptions {
  /** the shared secret; undefined turns the endpoint off */
  secret: string | undefined;
  /** the policy mail from unknown senders is filed under (default: the first active policy by id) */
  policyId?: string;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Compares in constant time (digests have equal length whatever the input). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

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
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(
        { error: 'The body must be JSON like {"from": "…", "subject": "…", "text": "…", "messageId": "…"}.' },
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
    try {
      const result = await receiveInboundMail(db, parsed.data, {
        at: clock.now(),
        defaultPolicyId: opts.policyId,
      });
      return c.json(result, result.duplicate ? 200 : 201);
    } catch (e) {
      // the MTA keeps the mail and delivers it again later on a 5xx
      console.error("mail inbound:", e);
      return c.json(
        { error: "Something went wrong on our side; the mail was not stored. Deliver it again later." },
        500,
      );
    }
  };
}
