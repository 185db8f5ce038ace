import {
  getCurrentAuthContextAsyncLocalStorage,
  getCurrentDBAdapterAsyncLocalStorage,
  getRequestStateAsyncLocalStorage,
} from "@better-auth/core/context";
import { accounts, type DbHandle, policies, sessions, users } from "@helpdesk/db";
import { createTestDb } from "@helpdesk/db/testing";
import type { Policy } from "@helpdesk/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getActor } from "./actor";
import { type Auth, type AuthMail, CLIENT_IP_HEADER, createAuth } from "./auth";
import { DEACTIVATED_MESSAGE, reactivateLogin } from "./login-safety";
import { setPassword } from "./logins";
import { pruneAuthThrottle } from "./throttle";

const BASE = "http://helpdesk.test";
const PASSWORD = "correct horse battery";

let h: DbHandle;
let auth: Auth;
const mails: AuthMail[] = [];
let clock = Date.parse("2026-03-02T09:00:00Z");

async function post(path: string, body: unknown, ip = "198.51.100.1", cookie?: string) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: BASE,
    [CLIENT_IP_HEADER]: ip,
  };
  if (cookie) headers.cookie = cookie;
  const res = await auth.handler(
    new Request(`${BASE}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }),
  );
  const text = await res.text();
  return { status: res.status, text, setCookie: res.headers.get("set-cookie") };
}

const signIn = (email: string, password: string, ip?: string) =>
  post("/sign-in/email", { email, password }, ip);

async function addUser(id: string, email: string, accountId: string) {
  await h.db.insert(users).values({
    id,
    email,
    name: id,
    kind: "customer",
    accountId,
    customerRole: id.startsWith("admin") ? "customerAdmin" : "customerStaff",
  });
  await setPassword(h.db, id, PASSWORD);
}

beforeAll(async () => {
  h = await createTestDb();
  await h.db.insert(policies).values({
    id: "strict",
    version: 1,
    name: "Strict",
    body: { login: { maxFailedPasswords: 3 } } as unknown as Policy,
  });
  await h.db.insert(accounts).values([
    { id: "acme", customerNumber: "10001", name: "Acme", policyId: "none", serviceLevelId: "standard" },
    {
      id: "strict-co",
      customerNumber: "10002",
      name: "Strict Co",
      policyId: "strict",
      serviceLevelId: "standard",
    },
  ]);
  await addUser("alice", "alice@acme.test", "acme");
  await addUser("admin-acme", "admin@acme.test", "acme");
  await addUser("bob", "bob@acme.test", "acme");
  await addUser("carol", "carol@strict.test", "strict-co");
  await addUser("dave", "dave@acme.test", "acme");
  auth = createAuth({
    db: h.db,
    secret: "test-secret-test-secret-test-secret-0123",
    baseURL: BASE,
    sendMail: async (m) => {
      mails.push(m);
    },
    // generous per-IP limits so the lockout tests are not throttled; the throttle test uses its own IPs
    throttle: {
      signInPerEmail: { max: 8, windowMs: 15 * 60_000 },
      signInPerIp: { max: 12, windowMs: 15 * 60_000 },
      resetPerEmail: { max: 3, windowMs: 60 * 60_000 },
      resetPerIp: { max: 5, windowMs: 60 * 60_000 },
    },
    now: () => clock,
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe("sign-in (better-auth on the users table)", () => {
  it("R-ACT-8: the right password signs in with an httpOnly session cookie that maps to the domain Actor", async () => {
    const r = await signIn("bob@acme.test", PASSWORD, "198.51.100.9");
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/HttpOnly/i);
    const cookie = r.setCookie!.split(";")[0]!;
    const actor = await getActor(auth, h.db, new Headers({ cookie }));
    expect(actor).toEqual({ kind: "customer", id: "bob", accountId: "acme", role: "customerStaff" });
    expect(await getActor(auth, h.db, new Headers())).toBeNull();
  });

  it("R-ACT-7/R-ACT-8: an open session follows the user row at once — new roles, staff roles, deactivation", async () => {
    await addUser("erin", "erin@acme.test", "acme");
    const r = await signIn("erin@acme.test", PASSWORD, "198.51.100.10");
    const cookie = r.setCookie!.split(";")[0]!;
    const headers = new Headers({ cookie });
    expect(await getActor(auth, h.db, headers)).toMatchObject({ kind: "customer", role: "customerStaff" });
    await h.db.update(users).set({ customerRole: "customerAdmin" }).where(eq(users.id, "erin"));
    expect(await getActor(auth, h.db, headers)).toMatchObject({ kind: "customer", role: "customerAdmin" });
    await h.db
      .update(users)
      .set({ kind: "staff", accountId: null, customerRole: null, staffRoles: ["billing", "not-a-role"] })
      .where(eq(users.id, "erin"));
    expect(await getActor(auth, h.db, headers)).toEqual({ kind: "staff", id: "erin", roles: ["billing"] });
    await h.db.update(users).set({ active: false }).where(eq(users.id, "erin"));
    expect(await getActor(auth, h.db, headers)).toBeNull();
  });

  it("R-ACT-8: a forged, expired or ended session is no session; one due for its sliding refresh is extended", async () => {
    await addUser("frank", "frank@acme.test", "acme");
    const r = await signIn("frank@acme.test", PASSWORD, "198.51.100.11");
    const cookie = r.setCookie!.split(";")[0]!;
    const headers = new Headers({ cookie });
    expect(await getActor(auth, h.db, headers)).toMatchObject({ kind: "customer", id: "frank" });
    const name = cookie.slice(0, cookie.indexOf("="));
    const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
    const token = value.slice(0, value.lastIndexOf("."));
    const signature = value.slice(value.lastIndexOf(".") + 1);
    const sent = (v: string) => new Headers({ cookie: `${name}=${encodeURIComponent(v)}` });
    expect(await getActor(auth, h.db, sent(`${token}x.${signature}`))).toBeNull();
    expect(await getActor(auth, h.db, sent(`${token}.${"A".repeat(43)}=`))).toBeNull();
    expect(await getActor(auth, h.db, sent(token))).toBeNull();
    // older than better-auth's updateAge (a day): the request goes through its getSession, which extends it
    const week = 7 * 86_400_000;
    await h.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + week - 2 * 86_400_000) })
      .where(eq(sessions.token, token));
    expect(await getActor(auth, h.db, headers)).toMatchObject({ id: "frank" });
    const [refreshed] = await h.db.select().from(sessions).where(eq(sessions.token, token));
    expect(refreshed?.expiresAt.getTime()).toBeGreaterThan(Date.now() + week - 60_000);
    await h.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.token, token));
    expect(await getActor(auth, h.db, headers)).toBeNull();
    // signing out deletes the session row
    await h.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() + week) })
      .where(eq(sessions.token, token));
    expect(await getActor(auth, h.db, headers)).toMatchObject({ id: "frank" });
    await h.db.delete(sessions).where(eq(sessions.token, token));
    expect(await getActor(auth, h.db, headers)).toBeNull();
  });

  it("R-ACT-7: requests that arrive together (one session read for all) each get their own login's actor", async () => {
    await addUser("gina", "gina@acme.test", "acme");
    await addUser("hal", "hal@strict.test", "strict-co");
    const gina = (await signIn("gina@acme.test", PASSWORD, "198.51.100.12")).setCookie!.split(";")[0]!;
    const hal = (await signIn("hal@strict.test", PASSWORD, "198.51.100.13")).setCookie!.split(";")[0]!;
    const forged = `${gina.slice(0, gina.indexOf("=") + 1)}nobody.${"A".repeat(43)}%3D`;
    const actors = await Promise.all(
      [gina, forged, hal, gina, "", hal].map((cookie) => getActor(auth, h.db, new Headers({ cookie }))),
    );
    const ginas = { kind: "customer", id: "gina", accountId: "acme", role: "customerStaff" };
    const hals = { kind: "customer", id: "hal", accountId: "strict-co", role: "customerStaff" };
    expect(actors).toEqual([ginas, null, hals, ginas, null, hals]);
  });

  it("between its calls better-auth's async context is off; concurrent sign-ins and later calls still work", async () => {
    const storages = await Promise.all([
      getCurrentAuthContextAsyncLocalStorage(),
      getRequestStateAsyncLocalStorage(),
      getCurrentDBAdapterAsyncLocalStorage(),
    ]);
    // Node 20's AsyncLocalStorage says whether it is on (and with it async hooks for every promise)
    const on = () => storages.map((s) => (s as unknown as { enabled?: boolean }).enabled);
    for (const id of ["ivy", "jack", "kim"]) await addUser(id, `${id}@acme.test`, "acme");
    const results = await Promise.all(
      ["ivy", "jack", "kim"].map((id, i) => signIn(`${id}@acme.test`, PASSWORD, `198.51.100.${20 + i}`)),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await new Promise((r) => setImmediate(r));
    expect(on()).toEqual([false, false, false]);
    // the next call switches it on again and works as before
    const cookie = results[0]!.setCookie!.split(";")[0]!;
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.id).toBe("ivy");
    await new Promise((r) => setImmediate(r));
    expect(on()).toEqual([false, false, false]);
  });

  it("R-ACT-8: five wrong passwords deactivate the login; then even the right one is refused, saying to ask an admin", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn("alice@acme.test", "wrong password", "198.51.100.2")).status).toBe(401);
    }
    const [row] = await h.db.select().from(users).where(eq(users.id, "alice"));
    expect(row?.active).toBe(false);
    expect(row?.deactivatedReason).toBe("tooManyFailedPasswords");
    const r = await signIn("alice@acme.test", PASSWORD, "198.51.100.2");
    expect(r.status).toBe(403);
    expect(r.text).toContain("ask your account admin to reactivate you");
    expect(r.setCookie ?? "").not.toMatch(/session_token=[^;]+/);
  });

  it("R-ACT-8: a password reset does not reactivate the login", async () => {
    mails.length = 0;
    const req = await post("/request-password-reset", { email: "alice@acme.test" }, "198.51.100.3");
    expect(req.status).toBe(200);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.to).toBe("alice@acme.test");
    const token = /http:\/\/helpdesk\.test\/reset-password\?token=([\w-]+)/.exec(mails[0]!.body)?.[1];
    expect(token).toBeTruthy();
    const reset = await post(
      "/reset-password",
      { token, newPassword: "a brand new password" },
      "198.51.100.3",
    );
    expect(reset.status).toBe(200);
    const r = await signIn("alice@acme.test", "a brand new password", "198.51.100.3");
    expect(r.status).toBe(403);
    expect(r.text).toContain(DEACTIVATED_MESSAGE.slice(0, 30));
    const [row] = await h.db.select().from(users).where(eq(users.id, "alice"));
    expect(row?.active).toBe(false);
  });

  it("R-ACT-8: an account admin (or staff) reactivates it, and the new password works", async () => {
    // the domain decides who may: a staff member whose role allows login.reactivate
    const billing = { kind: "staff", id: "erin", roles: ["billing"] } as const;
    await expect(
      reactivateLogin(h.db, "alice", { ...billing, roles: [...billing.roles] }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "R-ACT-8",
    });
    expect(
      await reactivateLogin(h.db, "alice", { kind: "staff", id: "sam", roles: ["supportSpecialist"] }),
    ).toBe(true);
    const r = await signIn("alice@acme.test", "a brand new password", "198.51.100.4");
    expect(r.status).toBe(200);
    const [row] = await h.db.select().from(users).where(eq(users.id, "alice"));
    expect(row).toMatchObject({ active: true, failedPasswordCount: 0, deactivatedReason: null });
  });

  it("R-ACT-8: the maximum is the policy's value (3 for this account's policy)", async () => {
    for (let i = 0; i < 3; i++) await signIn("carol@strict.test", "nope nope nope", "198.51.100.5");
    const [row] = await h.db.select().from(users).where(eq(users.id, "carol"));
    expect(row?.active).toBe(false);
  });

  it("R-ACT-8: a right password in between starts the count again", async () => {
    for (let i = 0; i < 4; i++) await signIn("admin@acme.test", "nope nope nope", "198.51.100.6");
    expect((await signIn("admin@acme.test", PASSWORD, "198.51.100.6")).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn("admin@acme.test", "nope nope nope", "198.51.100.6");
    const [row] = await h.db.select().from(users).where(eq(users.id, "admin-acme"));
    expect(row?.active).toBe(true);
  });

  it("R-ACT-8: sign-in answers the same whether the address exists or not", async () => {
    const known = await signIn("bob@acme.test", "wrong password", "198.51.100.7");
    const unknown = await signIn("nobody@acme.test", "wrong password", "198.51.100.7");
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
  });

  it("R-ACT-8: password reset answers the same whether the address exists or not, and mails only a registered address", async () => {
    mails.length = 0;
    const known = await post("/request-password-reset", { email: "bob@acme.test" }, "198.51.100.8");
    const unknown = await post("/request-password-reset", { email: "nobody@acme.test" }, "198.51.100.8");
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
    expect(mails.map((m) => m.to)).toEqual(["bob@acme.test"]);
  });

  it("R-ACT-8: an address in capitals or with spaces signs in and resets as the stored lower-case one", async () => {
    await addUser("iris", "iris@acme.test", "acme");
    const r = await signIn("  Iris@ACME.test ", PASSWORD, "198.51.100.30");
    expect(r.status).toBe(200);
    const cookie = r.setCookie!.split(";")[0]!;
    expect(await getActor(auth, h.db, new Headers({ cookie }))).toMatchObject({
      kind: "customer",
      id: "iris",
    });
    mails.length = 0;
    const reset = await post("/request-password-reset", { email: " IRIS@Acme.Test" }, "198.51.100.30");
    expect(reset.status).toBe(200);
    expect(mails.map((m) => m.to)).toEqual(["iris@acme.test"]);
    // wrong passwords under any spelling count for the one login
    await signIn("IRIS@acme.test", "wrong password", "198.51.100.31");
    const [row] = await h.db.select().from(users).where(eq(users.id, "iris"));
    expect(row?.failedPasswordCount).toBe(1);
  });

  it("R-ACT-8: sign-in is throttled per address (from many IPs), the same for unknown addresses", async () => {
    for (const email of ["dave@acme.test", "ghost@acme.test"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await signIn(email, "wrong password", `203.0.113.${i}`)).status);
      expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(8)).toEqual([429, 429]);
    }
    // the window passes
    clock += 16 * 60_000;
    expect((await signIn("ghost@acme.test", "wrong password", "203.0.113.50")).status).toBe(401);
  });

  it("R-ACT-8: sign-in is throttled per IP across addresses; password reset too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await signIn(`u${i}@x.test`, "pw pw pw pw", "192.0.2.77")).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const resets: number[] = [];
    for (let i = 0; i < 7; i++)
      resets.push((await post("/request-password-reset", { email: `r${i}@x.test` }, "192.0.2.78")).status);
    expect(resets).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("R-ACT-8: nobody can sign up on their own", async () => {
    const r = await post("/sign-up/email", { email: "new@x.test", password: "whatever123", name: "New" });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await h.db.select().from(users).where(eq(users.email, "new@x.test"))).toHaveLength(0);
  });

  it("old throttle counters are pruned", async () => {
    const before = await pruneAuthThrottle(h.db, clock, 60 * 60_000);
    expect(before).toBe(0);
    clock += 25 * 60 * 60_000;
    expect(await pruneAuthThrottle(h.db, clock)).toBeGreaterThan(0);
    expect(await pruneAuthThrottle(h.db, clock)).toBe(0);
  });

  it("R-ACT-7: a signed-in user cannot make themselves staff or change their account through better-auth's update-user", async () => {
    const r = await signIn("bob@acme.test", PASSWORD, "198.51.100.20");
    expect(r.status).toBe(200);
    const cookie = r.setCookie!.split(";")[0]!;
    const attempts = [
      { kind: "staff" },
      { staffRoles: ["administrator"] },
      { accountId: "strict-co" },
      { customerRole: "customerAdmin" },
      { active: false },
      { email: "bob2@acme.test" },
    ];
    for (const body of attempts) await post("/update-user", body, "198.51.100.20", cookie);
    const [row] = await h.db.select().from(users).where(eq(users.id, "bob"));
    expect(row).toMatchObject({
      kind: "customer",
      staffRoles: [],
      accountId: "acme",
      customerRole: "customerStaff",
      active: true,
      email: "bob@acme.test",
    });
    const actor = await getActor(auth, h.db, new Headers({ cookie }));
    expect(actor).toEqual({ kind: "customer", id: "bob", accountId: "acme", role: "customerStaff" });
  });
});
