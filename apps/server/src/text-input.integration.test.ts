/**
 * Security issue item 1 over HTTP: ill-formed text (a lone UTF-16 surrogate, a NUL) anywhere a request
 * carries text — tRPC bodies and query strings, better-auth's JSON and form bodies, URL paths and query
 * parameters — answers 400 with a sentence naming the field, never a 500 (PostgreSQL 22P02/22021).
 */
import { createAuth, setPassword } from "@helpdesk/api/auth";
import { accounts, type DbHandle, users } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";

const BASE = "http://localhost:3000";
const headers = { "content-type": "application/json", origin: BASE, host: "localhost:3000" };
let h: DbHandle;
let app: ReturnType<typeof createApp>;
let cookie = "";

/** JSON text with a lone surrogate written as the escape a client sends (JSON.stringify does the same). */
const LONE = "x \\ud800";

beforeAll(async () => {
  h = await createTestDb();
  await h.db
    .insert(accounts)
    .values({ id: "a1", customerNumber: "1", name: "One", policyId: "p", serviceLevelId: "s" });
  await h.db.insert(users).values({
    id: "cust1",
    email: "c1@one.test",
    name: "C1",
    kind: "customer",
    accountId: "a1",
    customerRole: "customerAdmin",
  });
  await setPassword(h.db, "cust1", "password-123");
  const auth = createAuth({ db: h.db, secret: "x".repeat(40), baseURL: BASE, sendMail: async () => {} });
  app = createApp({
    db: h.db,
    dbKind: h.kind,
    auth,
    clock: { now: () => Date.now() },
    trustedOrigins: [BASE],
    portalDist: "/nonexistent",
    consoleDist: "/nonexistent",
  });
  const res = await app.request("/api/auth/sign-in/email", {
    method: "POST",
    headers,
    body: JSON.stringify({ email: "C1@One.test", password: "password-123" }),
  });
  expect(res.status).toBe(200);
  cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function answer(path: string, init: RequestInit = {}) {
  const res = await app.request(path, { ...init, headers: { ...headers, cookie, ...init.headers } });
  const text = await res.text();
  return { status: res.status, text };
}

describe("ill-formed text over HTTP answers 400 naming the field", () => {
  it("tRPC: ticket.open with 'x \\ud800' in the subject (POST) and ticket.list in the query string (GET)", async () => {
    const open = await answer("/trpc/ticket.open", {
      method: "POST",
      body: `{"json":{"inquiryType":"incident","impact":"low","subject":"${LONE}","description":"d"}}`,
    });
    expect(open.status).toBe(400);
    const body = JSON.parse(open.text) as { error: { json: { message: string; data: { fields: object } } } };
    expect(body.error.json.message).toMatch(/^"subject" contains an incomplete character/);
    expect(body.error.json.data.fields).toHaveProperty("subject");

    const list = await answer(`/trpc/ticket.list?input=${encodeURIComponent(`{"json":{"q":"${LONE}"}}`)}`, {
      method: "GET",
    });
    expect(list.status).toBe(400);
    expect(list.text).toContain('\\"q\\" contains an incomplete character');
    // a key may be the ill-formed text too
    const key = await answer("/trpc/ticket.open", { method: "POST", body: `{"json":{"${LONE}":1}}` });
    expect(key.status).toBe(400);
  });

  it("better-auth JSON bodies: sign-in, password reset request and reset", async () => {
    for (const [path, body, field] of [
      ["/api/auth/sign-in/email", `{"email":"c1@one.test","password":"${LONE}"}`, "password"],
      ["/api/auth/sign-in/email", `{"email":"c1${LONE}@one.test","password":"password-123"}`, "email"],
      ["/api/auth/request-password-reset", `{"email":"${LONE}@one.test"}`, "email"],
      ["/api/auth/reset-password", `{"token":"abc\\u0000def","newPassword":"password-456"}`, "token"],
      ["/api/auth/reset-password", `{"token":"abcdef","newPassword":"${LONE}12345678"}`, "newPassword"],
    ] as const) {
      const r = await answer(path, { method: "POST", body });
      expect(r.status, `${path} ${body}`).toBe(400);
      expect((JSON.parse(r.text) as { message: string }).message).toMatch(new RegExp(`^"${field}" contains`));
    }
  });

  it("form bodies, broken JSON, URL paths and query parameters", async () => {
    const form = await answer("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=c1%40one.test&password=a%00b",
    });
    expect(form.status).toBe(400);
    expect(form.text).toContain('\\"password\\" contains a NUL character');
    // a body that is not JSON is the endpoint's to explain; never a 500
    const broken = await answer("/api/auth/sign-in/email", { method: "POST", body: '{"email": "x' });
    expect(broken.status).toBe(400);
    // %ED%A0%80 is a surrogate's UTF-8 form: not text; %00 is a NUL
    for (const path of [
      "/api/attachments/%ED%A0%80",
      "/api/auth/reset-password/abc%00def?callbackURL=/",
      "/api/auth/reset-password/abcdef?callbackURL=%00",
      "/survey/%ED%A0%80",
      "/trpc/ticket.list?input=%00",
    ]) {
      const r = await answer(path, { method: "GET" });
      expect(r.status, path).toBe(400);
      expect(r.text, path).toMatch(/not valid|NUL character/);
    }
  });

  it("well-formed text in any script and emoji passes through untouched", async () => {
    const r = await answer("/api/auth/sign-in/email", {
      method: "POST",
      body: JSON.stringify({ email: "c1@one.test", password: "wrong 💥 中文 é" }),
    });
    expect(r.status).toBe(401);
  });
});
