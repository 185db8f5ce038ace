/**
 * POST /api/mail/inbound over HTTP (an MTA webhook's view): the shared secret, 400s that say what to fix,
 * and the three outcomes of the api's mail intake (R-TKT-1 reply, R-TKT-5/R-ACT-3 email ticket, unknown
 * sender to the inbox), idempotent on the Message-ID.
 */
import { seedBase } from "@helpdesk/api";
import { createAuth } from "@helpdesk/api/auth";
import { type DbHandle, messages, outbox, tickets } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";

const BASE = "http://localhost:3000";
const SECRET = "inbound-secret-for-tests-0123456789";
const NINA = "night@lonestar-clinics.example"; // an authorized contact of Lone Star (seeded, no login)
/** R-MAIL-3: the receiving MTA's verdict, trusted for this authserv-id only */
const AUTHSERV = "mx.helpdesk.test";
const AUTH_OK = `${AUTHSERV}; spf=pass smtp.mailfrom=lonestar-clinics.example; dmarc=pass header.from=lonestar-clinics.example`;
let h: DbHandle;
let app: ReturnType<typeof createApp>;
let offApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await createTestDb();
  await seedBase(h.db, { now: Date.now() });
  const auth = createAuth({ db: h.db, secret: "x".repeat(40), baseURL: BASE, sendMail: async () => {} });
  const common = { db: h.db, dbKind: h.kind, auth, clock: { now: () => Date.now() }, trustedOrigins: [BASE] };
  app = createApp({ ...common, mailInbound: { secret: SECRET, authservId: AUTHSERV } });
  offApp = createApp({ ...common, mailInbound: { secret: undefined } });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** What an MTA posts: no Origin, no cookies, the shared secret. */
function post(body: unknown, opts: { secret?: string | null; target?: typeof app } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secret = opts.secret === undefined ? SECRET : opts.secret;
  if (secret !== null) headers.authorization = `Bearer ${secret}`;
  return (opts.target ?? app).request("/api/mail/inbound", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function ticket(id: string) {
  const [r] = await h.db.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw new Error("no ticket");
  return r;
}

describe("POST /api/mail/inbound", () => {
  it("refuses a missing or wrong shared secret with 401 and stores nothing", async () => {
    const [before] = await h.db.select({ n: sql<number>`count(*)::int` }).from(tickets);
    const mail = { from: NINA, subject: "Hi", text: "Hello" };
    for (const secret of [null, "wrong-secret-wrong-secret", `${SECRET}x`]) {
      const res = await post(mail, { secret });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: string }).error).toContain("Authorization: Bearer");
    }
    const [after] = await h.db.select({ n: sql<number>`count(*)::int` }).from(tickets);
    expect(after?.n).toBe(before?.n);
  });

  it("is off (404, saying how to turn it on) without MAIL_INBOUND_SECRET", async () => {
    const res = await post({ from: NINA, subject: "Hi", text: "Hello" }, { target: offApp });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain("MAIL_INBOUND_SECRET");
  });

  it("answers 400 naming what to fix for a body that is not JSON or misses fields, never 500", async () => {
    const notJson = await post("from=a@b.c&text=hi");
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/message\/rfc822.*or JSON like/);

    const bad = await post({ from: "not an address", subject: 42 });
    expect(bad.status).toBe(400);
    const out = (await bad.json()) as { error: string; issues: { path: string[]; message: string }[] };
    expect(out.issues.map((i) => i.path[0]).sort()).toEqual(["from", "subject", "text"]);
    expect(out.error).toContain("from: give the sender's address");
    expect(out.error).toContain("text: give the plain-text body");

    // the endpoint takes raw mail up to MAIL_MAX_MB, so a long JSON text is judged by its field
    const huge = await post({ from: NINA, subject: "big", text: "x".repeat(70_000) });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: string }).error).toContain(
      "text: the plain-text body may have at most",
    );
  });

  it("R-TKT-5 / R-ACT-3: an authorized contact's mail opens an email ticket with the default priority and no page; the same Message-ID again is a 200 duplicate", async () => {
    const mail = {
      from: "Night@LoneStar-Clinics.example",
      fromName: "Nina Night",
      subject: "URGENT: priority urgent, all fax lines down",
      text: "Nothing goes out.",
      messageId: "<http-1@lonestar-clinics.example>",
      authenticationResults: AUTH_OK,
    };
    const res = await post(mail);
    expect(res.status).toBe(201);
    const out = (await res.json()) as { outcome: string; ticketId: string; ticketNumber: string };
    expect(out.outcome).toBe("opened");
    expect(out.ticketNumber).toMatch(/^TFG \d{7}$/);
    const t = await ticket(out.ticketId);
    expect(t).toMatchObject({ channel: "email", priorityId: "medium", contactId: "c-faxNight" });
    const pages = await h.db
      .select()
      .from(outbox)
      .where(sql`${outbox.kind} = 'page' and ${outbox.payload}->>'ticketId' = ${t.id}`);
    expect(pages).toHaveLength(0);

    const again = await post(mail);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, ticketId: t.id, outcome: "opened" });
  });

  it("R-TKT-1: a reply whose subject carries the id through a 'Re: AW:' chain is appended to that ticket", async () => {
    const opened = (await (
      await post({ from: NINA, subject: "Fax queue stuck", text: "Stuck.", authenticationResults: AUTH_OK })
    ).json()) as {
      ticketId: string;
      ticketNumber: string;
    };
    const res = await post({
      from: NINA,
      subject: `Re: AW: [${opened.ticketNumber}] Fax queue stuck`,
      text: "It moves again, thanks.",
      messageId: "<http-reply@lonestar-clinics.example>",
      authenticationResults: AUTH_OK,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "reply", ticketId: opened.ticketId });
    const msgs = await h.db.select().from(messages).where(eq(messages.ticketId, opened.ticketId));
    expect(msgs.map((m) => [m.channel, m.body])).toContainEqual(["email", "It moves again, thanks."]);
  });

  it("R-MAIL-3: a contact's address without a trusted Authentication-Results (none, another authserv-id, or failing) opens nothing; it waits in the inbox saying why", async () => {
    for (const authenticationResults of [
      undefined,
      "evil.example; dmarc=pass header.from=lonestar-clinics.example",
      `${AUTHSERV}; spf=fail smtp.mailfrom=lonestar-clinics.example; dmarc=fail header.from=lonestar-clinics.example`,
    ]) {
      const res = await post({
        from: NINA,
        subject: "Please reset our fax PIN",
        text: "Thanks.",
        authenticationResults,
      });
      expect(res.status).toBe(201);
      const out = (await res.json()) as {
        outcome: string;
        ticketId: string;
        reason: string;
        authentication: string;
      };
      expect(out.outcome).toBe("unmatched");
      expect(out.reason).toMatch(/^Not authenticated/);
      expect((await ticket(out.ticketId)).contactId).toBeNull();
    }
  });

  it("R-ACT-3: mail from an unknown sender becomes an unmatched inbox item without account", async () => {
    const res = await post({ from: "who@unknown.example", subject: "help", text: "Our faxes fail." });
    expect(res.status).toBe(201);
    const out = (await res.json()) as { outcome: string; ticketId: string; reason: string };
    expect(out.outcome).toBe("unmatched");
    expect(out.reason).toMatch(/not an authorized contact/);
    expect((await ticket(out.ticketId)).accountId).toBeNull();
  });

  it("config: MAIL_INBOUND_SECRET shorter than 16 characters is refused by name, without echoing it", () => {
    const env = { SESSION_SECRET: "s".repeat(40), MAIL_INBOUND_SECRET: "short-secret" };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as Error).message).toContain("MAIL_INBOUND_SECRET must be at least 16 characters");
      expect((e as Error).message).not.toContain("short-secret");
    }
    expect(loadConfig({ ...env, MAIL_INBOUND_SECRET: SECRET }).mailInbound.secret).toBe(SECRET);
    expect(loadConfig({ SESSION_SECRET: "s".repeat(40) }).mailInbound.secret).toBeUndefined();
  });
});
