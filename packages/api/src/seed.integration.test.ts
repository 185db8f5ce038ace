import {
  authorizedContacts,
  mailLog,
  outbox,
  policies,
  surveyInvitations,
  ticketHistory,
  tickets,
  users,
} from "@helpdesk/db/schema";
import { createTestDb } from "@helpdesk/db/testing";
import { count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "./auth";
import type { Db } from "./db";
import { createCaller } from "./index";
import { seedDemo } from "./seed";
import { sweepAll } from "./sweeper";
import { createContext } from "./trpc";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let db: Db;
const now = Date.parse("2026-03-02T10:00:00Z");
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  seeded = await seedDemo(db, { now, ticketCount: 200 });
});
afterAll(async () => {
  await handle?.close();
});

describe("seedDemo", () => {
  it("seeds ~200 tickets across every state and all three presets, moved through the domain", async () => {
    expect(seeded.skipped).toBe(false);
    expect(seeded.tickets).toBeGreaterThanOrEqual(190);
    const byStatus = await db
      .select({ status: tickets.status, n: count() })
      .from(tickets)
      .groupBy(tickets.status);
    const statuses = new Set(byStatus.map((s) => s.status));
    for (const s of ["new", "open", "waitingForCustomer", "resolved", "closed", "rejected"])
      expect(statuses).toContain(s);
    const byPolicy = await db
      .select({ policyId: tickets.policyId, n: count() })
      .from(tickets)
      .groupBy(tickets.policyId);
    expect(byPolicy.map((p) => p.policyId).sort()).toEqual([
      "fax-reseller",
      "mail-filter-vendor",
      "messaging-provider",
    ]);
  });

  it("returns demo logins for every staff role and customer kind, whose passwords work with better-auth", async () => {
    expect(seeded.logins.length).toBeGreaterThanOrEqual(17);
    const auth = createAuth({
      db,
      secret: "a-test-secret-that-is-at-least-32-characters-long",
      baseURL: "http://localhost:3000",
      sendMail: async () => {},
    });
    for (const login of [seeded.logins[0], seeded.logins.at(-1)]) {
      if (!login) throw new Error("no login");
      const res = await auth.api.signInEmail({ body: { email: login.email, password: login.password } });
      expect(res.user.email).toBe(login.email);
    }
  });

  it("R-ESC-1/R-SUR-1: every dashboard chart has data — escalated tickets at several levels and answered surveys, while Anna's and Jonas's own invitations stay pending", async () => {
    const report = createCaller(
      createContext({ db, actor: seeded.actors.manager, clock: { now: () => now } }),
    ).report;
    const range = { from: now - 90 * 86_400_000, to: now + 1 };
    const levels = await report.escalationsByLevel(range);
    expect(levels.reduce((n, l) => n + l.n, 0)).toBeGreaterThanOrEqual(5);
    const satisfaction = await report.satisfaction(range);
    expect(satisfaction.answers).toBeGreaterThanOrEqual(3);
    expect(new Set(satisfaction.distribution.map((d) => d.score)).size).toBeGreaterThanOrEqual(3);
    expect(satisfaction.invited).toBeGreaterThan(satisfaction.answers);
    for (const who of ["msgAdmin", "msgStaff"] as const) {
      const mine = await createCaller(
        createContext({ db, actor: seeded.actors[who], clock: { now: () => now } }),
      ).survey.mine();
      expect(mine, `${who} keeps a pending survey`).toHaveLength(1);
    }
  });

  it("R-SEC-1: seeding sends no mail — nothing pending in the outbox, nothing due at start; the demo's mail is history in the mail log (never sent, secrets redacted), its surveys count as sent, and every address is under a reserved domain", async () => {
    const pending = async () =>
      (await db.select({ n: count() }).from(outbox).where(eq(outbox.status, "pending")))[0]?.n;
    expect(await pending(), "pending outbox rows after seeding").toBe(0);
    const history = await db.select().from(mailLog);
    expect(history.length).toBeGreaterThan(100);
    expect(new Set(history.map((m) => m.transport))).toEqual(new Set(["demo"]));
    const tokens = (await db.select({ t: surveyInvitations.token }).from(surveyInvitations)).map((r) => r.t);
    expect(tokens.length).toBeGreaterThan(0);
    const text = JSON.stringify(history);
    for (const t of tokens) expect(text).not.toContain(t);
    expect(history.some((m) => m.body.includes("/survey/[redacted"))).toBe(true);
    const unsent = await db
      .select({ n: count() })
      .from(surveyInvitations)
      .where(isNull(surveyInvitations.sentAt));
    expect(unsent[0]?.n).toBe(0);
    // the first sweep of the started server finds nothing due in the demo's past to mail
    expect((await sweepAll(db, now)).fired).toBe(0);
    expect(await pending()).toBe(0);
    const reserved = /@(([\w-]+\.)*(example|test)|([\w-]+\.)*example\.(com|net|org))$/i;
    const addresses = [
      ...(await db.select({ a: users.email }).from(users)).map((r) => r.a),
      ...(await db.select({ a: authorizedContacts.email }).from(authorizedContacts)).map((r) => r.a),
      ...(JSON.stringify(await db.select().from(policies)).match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []),
    ];
    for (const a of addresses) expect(a).toMatch(reserved);
  });

  it("is a no-op on a database that already has data, and the seeded deadlines sweep cleanly; the sweep climbs the demo's escalations on its own (R-ESC-3)", async () => {
    expect((await seedDemo(db, { now })).skipped).toBe(true);
    const r = await sweepAll(db, now);
    expect(r.failed).toBe(0);
    const automated = await db
      .select({ n: count() })
      .from(ticketHistory)
      .where(eq(ticketHistory.type, "escalation.automated"));
    expect(automated[0]?.n).toBeGreaterThan(0);
    const report = createCaller(
      createContext({ db, actor: seeded.actors.manager, clock: { now: () => now } }),
    ).report;
    const levels = await report.escalationsByLevel({ from: now - 90 * 86_400_000, to: now + 1 });
    expect(levels.length, "escalations at more than one level").toBeGreaterThanOrEqual(2);
  });
});
