import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createAuth, setPassword } from "@helpdesk/api/auth";
import { accounts, attachments, type DbHandle, tickets, users } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";

const BASE = "http://localhost:3000";
let h: DbHandle;
let app: ReturnType<typeof createApp>;
let emptyApp: ReturnType<typeof createApp>;
let svgId: string;
let pdfId: string;
let internalId: string;

async function cookieFor(email: string): Promise<string> {
  const res = await app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE, host: "localhost:3000" },
    body: JSON.stringify({ email, password: "password-123" }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  h = await createTestDb();
  const { db } = h;
  await db.insert(accounts).values([
    { id: "a1", customerNumber: "1", name: "One", policyId: "p", serviceLevelId: "s" },
    { id: "a2", customerNumber: "2", name: "Two", policyId: "p", serviceLevelId: "s" },
  ]);
  await db.insert(users).values([
    {
      id: "staff1",
      email: "staff@helpdesk.test",
      name: "Sam",
      kind: "staff",
      staffRoles: ["supportSpecialist"],
    },
    {
      id: "cust1",
      email: "c1@one.test",
      name: "C1",
      kind: "customer",
      accountId: "a1",
      customerRole: "customerStaff",
    },
    {
      id: "cust2",
      email: "c2@two.test",
      name: "C2",
      kind: "customer",
      accountId: "a2",
      customerRole: "customerStaff",
    },
  ]);
  for (const id of ["staff1", "cust1", "cust2"]) await setPassword(db, id, "password-123");
  const [t] = await db
    .insert(tickets)
    .values({
      number: "RCR 0000001",
      policyId: "p",
      policyVersion: 1,
      accountId: "a1",
      snapshot: {},
      status: "open",
      inquiryType: "incident",
      priorityId: "medium",
      priorityRank: 3,
      language: "en",
      channel: "portal",
      subject: "x",
    })
    .returning();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const rows = await db
    .insert(attachments)
    .values([
      {
        ticketId: t!.id,
        filename: "logo.svg",
        contentType: "image/svg+xml",
        size: svg.length,
        sha256: "a",
        bytes: svg,
      },
      {
        ticketId: t!.id,
        filename: "Rechnung März.pdf",
        contentType: "application/pdf",
        size: 8,
        sha256: "b",
        bytes: Buffer.from("%PDF-1.4"),
      },
      {
        ticketId: t!.id,
        filename: "notes.txt",
        contentType: "text/plain",
        size: 2,
        sha256: "c",
        bytes: Buffer.from("hi"),
        visibility: "internal",
      },
    ])
    .returning({ id: attachments.id });
  [svgId, pdfId, internalId] = rows.map((r) => r.id) as [string, string, string];

  const auth = createAuth({ db, secret: "x".repeat(40), baseURL: BASE, sendMail: async () => {} });
  const dist = mkdtempSync(path.join(tmpdir(), "helpdesk-dist-"));
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>portal</title>");
  writeFileSync(path.join(dist, "assets/app-123.js"), "console.log(1)");
  const clock = { now: () => Date.now() };
  const common = { db, dbKind: h.kind, auth, clock, trustedOrigins: [BASE] };
  app = createApp({ ...common, portalDist: dist, consoleDist: path.join(dist, "missing") });
  emptyApp = createApp({
    ...common,
    portalDist: path.join(dist, "nope"),
    consoleDist: path.join(dist, "nope"),
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe("HTTP host", () => {
  it("an unexpected failure answers 500 with a plain sentence, never the SQL or the driver's words", async () => {
    const broken = await createTestDb();
    try {
      await broken.db
        .insert(accounts)
        .values({ id: "b1", customerNumber: "B", name: "B", policyId: "p", serviceLevelId: "s" });
      await broken.db.insert(users).values({
        id: "bc",
        email: "bc@b.test",
        name: "BC",
        kind: "customer",
        accountId: "b1",
        customerRole: "customerStaff",
      });
      await setPassword(broken.db, "bc", "password-123");
      const brokenAuth = createAuth({
        db: broken.db,
        secret: "y".repeat(40),
        baseURL: BASE,
        sendMail: async () => {},
      });
      const brokenApp = createApp({
        db: broken.db,
        dbKind: broken.kind,
        auth: brokenAuth,
        clock: { now: () => Date.now() },
        trustedOrigins: [BASE],
      });
      const signIn = await brokenApp.request("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE, host: "localhost:3000" },
        body: JSON.stringify({ email: "bc@b.test", password: "password-123" }),
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      // the tickets table is gone: the list query fails in the driver
      await broken.db.execute(sql`drop table tickets cascade`);
      const input = encodeURIComponent(JSON.stringify({ json: {} }));
      const res = await brokenApp.request(`/trpc/ticket.list?input=${input}`, {
        headers: { cookie, origin: BASE, host: "localhost:3000" },
      });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).toContain("Something went wrong on our side.");
      expect(body).not.toMatch(/relation|does not exist|select |Failed query/i);
    } finally {
      await broken.close();
    }
  });

  it("/healthz pings the database", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: h.kind });
  });

  it("sends security headers on every response (CSP default-src 'self', frame-ancestors 'none', nosniff, Referrer-Policy)", async () => {
    for (const url of ["/healthz", "/", "/trpc/ticket.list", "/api/auth/get-session", "/nope/deep"]) {
      const res = await app.request(url);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), url).toBe("no-referrer");
    }
  });

  it("refuses a cross-origin POST (Origin of another site, or Sec-Fetch-Site cross-site) before any handler", async () => {
    const body = JSON.stringify({ email: "staff@helpdesk.test", password: "password-123" });
    const evil = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example", host: "localhost:3000" },
      body,
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get("set-cookie")).toBeNull();
    const crossSite = await app.request("/trpc/ticket.open", {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "cross-site", host: "localhost:3000" },
      body: "{}",
    });
    expect(crossSite.status).toBe(403);
    const nullOrigin = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "null", host: "localhost:3000" },
      body,
    });
    expect(nullOrigin.status).toBe(403);
    // the same request from the server's own origin goes through
    expect(await cookieFor("staff@helpdesk.test")).toMatch(/session_token=/);
  });

  it("serves the built portal with SPA fallback and long-cached hashed assets; a clear page when not built", async () => {
    const deep = await app.request("/tickets/RCR-1");
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain("<title>portal</title>");
    const asset = await app.request("/assets/app-123.js");
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await app.request("/assets/missing.js")).status).toBe(404);
    expect((await app.request("/../../etc/passwd")).status).not.toBe(500);
    const notBuilt = await emptyApp.request("/console/");
    expect(notBuilt.status).toBe(503);
    expect(await notBuilt.text()).toContain("pnpm --filter @helpdesk/console build");
  });

  it("R-TKT-8: attachments download as attachments with nosniff; SVG is never served as an image", async () => {
    const cookie = await cookieFor("c1@one.test");
    const res = await app.request(`/api/attachments/${svgId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="logo.svg"; filename*=UTF-8''logo.svg`,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    const pdf = await app.request(`/api/attachments/${pdfId}`, { headers: { cookie } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain("filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
    expect(new TextDecoder().decode(await pdf.arrayBuffer())).toBe("%PDF-1.4");
  });

  it("R-TKT-8: customers get 404 for another account's and internal attachments; anonymous 401", async () => {
    const other = await cookieFor("c2@two.test");
    expect((await app.request(`/api/attachments/${pdfId}`, { headers: { cookie: other } })).status).toBe(404);
    const own = await cookieFor("c1@one.test");
    expect((await app.request(`/api/attachments/${internalId}`, { headers: { cookie: own } })).status).toBe(
      404,
    );
    const staff = await cookieFor("staff@helpdesk.test");
    expect((await app.request(`/api/attachments/${internalId}`, { headers: { cookie: staff } })).status).toBe(
      200,
    );
    expect((await app.request(`/api/attachments/${pdfId}`)).status).toBe(401);
    expect((await app.request("/api/attachments/not-a-uuid", { headers: { cookie: staff } })).status).toBe(
      404,
    );
  });

  it("refuses oversized bodies with 413 before any handler reads them", async () => {
    const big = await app.request("/trpc/ticket.open", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(17 * 1024 * 1024) },
      body: "x".repeat(17 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("at most 10 MB");
    const auth = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "a@b.test", password: "x".repeat(100_000) }),
    });
    expect(auth.status).toBe(413);
  });

  it("a malformed path is a 400, not a crash", async () => {
    expect((await app.request("/%E0%A4%A")).status).toBe(400);
  });
});
