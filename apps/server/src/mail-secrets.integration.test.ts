/**
 * R-SEC-1 / R-ACT-8 / R-ACT-4 / R-SUR-1 / R-MI-1: every flow that mails a secret (password reset, survey,
 * status-subscription confirm and unsubscribe, temporary-access confirmation) is run through the real
 * outbox worker; the recipient finds the working link in their mail (the spool folder), and no staff role
 * finds any of those secrets in anything it can read: every query procedure walked as every staff role
 * (mail log, outbox, ticket pages and history, reports …), nor in the outbox rows once sent or failed
 * and their errors.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CLIENT_IP_HEADER, createAuth } from "@helpdesk/api/auth";
import {
  type Api,
  call,
  everyone,
  FAX_ACCOUNT,
  inputOf,
  makeSamples,
  procedures,
  setupApi,
  walkFixture,
} from "@helpdesk/api/testing";
import {
  outbox,
  statusSubscriptions,
  surveyInvitations,
  temporaryAccessGrants,
  users,
  verifications,
} from "@helpdesk/db";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMail } from "./enqueue";
import { readSpool } from "./mail-spool";
import { createMailer, type Mailer } from "./mailer";
import { createOutboxWorker } from "./outbox-worker";

const BASE = "http://helpdesk.test";
let api: Api;
let spool: string;
let auth: ReturnType<typeof createAuth>;

async function drain(mailer: Mailer, maxAttempts = 8) {
  const worker = createOutboxWorker({ db: api.db, mailer, clock: api.clock, publicUrl: BASE, maxAttempts });
  for (let i = 0; i < 20 && (await worker.runOnce()).taken > 0; i++) api.advance(1000);
}

async function authPost(route: string, body: unknown) {
  const res = await auth.handler(
    new Request(`${BASE}/api/auth${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, [CLIENT_IP_HEADER]: "198.51.100.7" },
      body: JSON.stringify(body),
    }),
  );
  return res.status;
}

/** The link the recipient `to` finds in their mail, matching `pattern` (group 1 is the token). */
function mailed(to: string, pattern: RegExp): string {
  const bodies = readSpool(spool)
    .filter((m) => m.to.includes(to))
    .map((m) => m.body);
  const token = bodies.map((b) => pattern.exec(b)?.[1]).find(Boolean);
  if (!token) throw new Error(`no mail to ${to} with ${pattern} in the spool:\n${bodies.join("\n---\n")}`);
  return token;
}

/** Opens and closes messaging-provider tickets until the close invites the customer to a survey (R-SUR-1). */
async function surveyedTicket(): Promise<string> {
  const customer = api.as(api.a.msgAdmin);
  const staff = api.as(api.a.specialist);
  for (let i = 0; i < 30; i++) {
    const t = await customer.ticket.open({
      inquiryType: "serviceRequest",
      subject: `Please check the relay (${i})`,
      description: "The relay needs a look.",
    });
    let v = (await staff.staffTicket.claim({ id: t.id, expectedVersion: t.version })).version;
    v = (await staff.staffTicket.reply({ id: t.id, expectedVersion: v, body: "Looking." })).version;
    v = (await staff.staffTicket.proposeResolution({ id: t.id, expectedVersion: v, body: "Fixed." })).version;
    api.advance(3_600_000);
    await customer.ticket.confirm({ id: t.id, expectedVersion: v });
    const [inv] = await api.db.select().from(surveyInvitations).where(eq(surveyInvitations.ticketId, t.id));
    if (inv) return t.id;
  }
  throw new Error("no close was sampled for a survey");
}

let secrets: Map<string, string>;
let surveyTicket: string;

beforeAll(async () => {
  api = await setupApi();
  spool = mkdtempSync(path.join(tmpdir(), "helpdesk-spool-"));
  auth = createAuth({
    db: api.db,
    secret: "a-test-secret-that-is-at-least-32-characters-long",
    baseURL: BASE,
    sendMail: (m) => enqueueMail(api.db, api.clock, { ...m, template: "passwordReset" }),
    now: api.now,
  });
  const mailer = createMailer({ from: "Helpdesk <help@helpdesk.test>", spoolDir: spool });

  // R-ACT-8: anyone asks for the administrator's reset link
  expect(await authPost("/request-password-reset", { email: "admin@helpdesk.example" })).toBe(200);
  // R-ACT-4: a specialist grants temporary access; the account's primary contact is asked to confirm
  const grant = await api.as(api.a.specialist).staffTicket.grantTemporaryAccess({
    accountId: FAX_ACCOUNT,
    firstName: "Sly",
    lastName: "Specialist",
    email: "sly@lonestar-clinics.example",
  });
  expect(grant.primaryContactAsked).toBe(true);
  // R-MI-1: a subscription to the status page, confirmed from its mail; then a status post mails it
  await api.as(null).incident.subscribe({ email: "watcher@example.com" });
  await drain(mailer);
  await api
    .as(null)
    .incident.confirmSubscription({ token: mailed("watcher@example.com", /\/status\/confirm\/([\w-]+)/) });
  const mi = await api.as(api.a.specialist).incident.declare({ title: "Relay outage" });
  await api
    .as(api.a.specialist)
    .incident.post({ incidentId: mi.id, status: "identified", body: "Found it." });
  // R-SUR-1: a close sampled for a survey
  surveyTicket = await surveyedTicket();
  await drain(mailer);
  // a mail whose SMTP server answers with an error that quotes the message (as some do)
  await enqueueMail(api.db, api.clock, {
    to: "bounce@example.com",
    subject: "Confirm your status page subscription",
    body: "Confirm: /status/confirm/a-secret-in-a-failing-mail",
    secrets: ["a-secret-in-a-failing-mail"],
  });
  await drain(
    {
      transport: "smtp",
      async deliver(m) {
        throw new Error(`550 mailbox unavailable; message was: ${m.body}`);
      },
      close() {},
    },
    1,
  );

  // every secret that was mailed, from where the product keeps it
  const [reset] = await api.db
    .select()
    .from(verifications)
    .where(like(verifications.identifier, "reset-password:%"));
  secrets = new Map<string, string>([
    ["password reset", reset?.identifier.slice("reset-password:".length) ?? "missing"],
    ["a failing mail's secret", "a-secret-in-a-failing-mail"],
  ]);
  for (const g of await api.db.select().from(temporaryAccessGrants))
    if (g.confirmationToken) secrets.set(`access confirmation ${g.email}`, g.confirmationToken);
  for (const s of await api.db.select().from(statusSubscriptions))
    secrets.set(`status subscription ${s.email}`, s.token);
  for (const s of await api.db.select().from(surveyInvitations)) secrets.set(`survey ${s.ticketId}`, s.token);
}, 240_000);

afterAll(async () => {
  await api?.close();
});

/** Which secrets `value` contains, by name. */
function leaks(value: unknown): string[] {
  const text = JSON.stringify(value) ?? "";
  return [...secrets].filter(([, s]) => text.includes(s)).map(([name]) => name);
}

describe("R-SEC-1: mailed secrets are readable only by their recipient", () => {
  it("the recipient's mail (spool folder) holds each working link: the reset signs the administrator in, access and subscription links work", async () => {
    const token = mailed("admin@helpdesk.example", /\/reset-password\?token=([\w-]+)/);
    expect(token).toBe(secrets.get("password reset"));
    expect(await authPost("/reset-password", { token, newPassword: "the admin's new password" })).toBe(200);
    const access = mailed("lonestar-clinics.example", /\/confirm-access\/([\w-]+)/);
    expect((await api.as(null).access.byToken({ token: access })).name).toBe("Sly Specialist");
    expect(mailed("watcher@example.com", /\/status\/unsubscribe\/([\w-]+)/)).toBe(
      secrets.get("status subscription watcher@example.com"),
    );
    expect(mailed("", /\/survey\/([\w-]+)/)).toBeTruthy();
    // every link is absolute, so it works from the recipient's mail program
    for (const path of ["status/confirm", "status/unsubscribe", "survey", "confirm-access", "reset-password"])
      expect(mailed("", new RegExp(`${BASE}/${path}[/?](?:token=)?([\\w-]+)`))).toBeTruthy();
  });

  it("no staff role reads a mailed secret in any query procedure (mail log, outbox, tickets, history, reports, grants …)", async () => {
    expect(secrets.size).toBeGreaterThanOrEqual(5);
    const fx = await walkFixture(api);
    // the walk's own direct-inserted tokens were never mailed, but no staff query returns them either
    secrets.set("walk survey", fx.token);
    secrets.set("walk grant", fx.grantToken);
    const samples = makeSamples(api, fx);
    const staff = everyone(api).filter((w) => w.name.startsWith("staff "));
    const queries = Object.entries(procedures()).filter(([, p]) => p._def.type === "query");
    expect(queries.length).toBeGreaterThan(20);
    const extra: [string, unknown][] = [
      ["staffTicket.byId", { id: surveyTicket }],
      ["ticket.history", { id: surveyTicket }],
      ["mail.log", { limit: 100 }],
      ["mail.log", { to: "admin@", limit: 100 }],
      ["mail.outbox", { status: "pending", limit: 100 }],
      ["mail.outbox", { status: "done", limit: 100 }],
      ["mail.outbox", { status: "failed", limit: 100 }],
      ["access.grants", { accountId: FAX_ACCOUNT }],
    ];
    const found: string[] = [];
    let read = 0;
    for (const who of staff) {
      const calls: [string, unknown][] = [];
      for (const [p] of queries) {
        const sample = samples[p];
        if (sample) calls.push([p, await inputOf(sample)]);
      }
      for (const [p, input] of [...calls, ...extra]) {
        const r = await call(api, who, p, input);
        if (r.code !== "OK") continue;
        read++;
        for (const name of leaks(r.value)) found.push(`${who.name} reads the ${name} token in ${p}`);
      }
    }
    expect(read, "the walk read something").toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it("the mail log keeps what staff need — recipient, subject, time, status, ticket — with the secret redacted", async () => {
    // R-ACT-7: the mail log is for specialists, managers and administrators (mail.view)
    const log = await api.as(api.a.specialist).mail.log({ limit: 100 });
    const reset = log.find((m) => m.to === "admin@helpdesk.example");
    expect(reset).toMatchObject({
      subject: "Reset your Helpdesk password",
      status: "sent",
      transport: "spool",
    });
    expect(reset?.body).toMatch(/reset-password\?token=\[redacted/);
    const survey = log.find((m) => m.ticketId === surveyTicket && m.subject.includes("How did we do"));
    expect(survey?.ticketNumber).toMatch(/^RCR \d{7}$/);
    expect(survey?.body).toMatch(/\/survey\/\[redacted/);
  });

  it("outbox rows keep no secret once sent or failed; a transport's error quoting the mail is redacted", async () => {
    const rows = await api.db.select().from(outbox);
    const settled = rows.filter((r) => r.status !== "pending");
    expect(settled.some((r) => r.status === "failed")).toBe(true);
    expect(settled.some((r) => r.lastError?.includes("550"))).toBe(true);
    for (const r of settled) expect(leaks(r), `outbox row ${r.kind} ${r.status}`).toEqual([]);
  });

  it("a staff login cannot take over the administrator: billing may not read the log (R-ACT-7), and a specialist who may finds no token", async () => {
    await expect(api.as(api.a.billing).mail.log({ limit: 50 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const log = await api.as(api.a.specialist).mail.log({ to: "admin@helpdesk.example", limit: 50 });
    expect(log.length).toBeGreaterThan(0);
    const guessed = log.map((m) => /token=([\w-]+)/.exec(m.body)?.[1]).find(Boolean);
    expect(guessed).toBeUndefined();
    const [admin] = await api.db.select().from(users).where(eq(users.email, "admin@helpdesk.example"));
    expect(admin).toBeDefined();
  });
});
