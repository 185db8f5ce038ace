/**
 * Issue 3 §3 "Authorization": walks EVERY procedure of appRouter as every kind of actor — a customer of
 * the same account (admin and staff), of another account, a partner, a technical delegate, each staff
 * role, anonymous — and fails when a procedure declares no audience, lets an actor outside its audience
 * in, answers anything but NOT_FOUND for another account's object, or changes anything on a refusal.
 */
import { billingComplaints, messages, ticketHistory, tickets, users } from "@helpdesk/db/schema";
import { type StaffAction, staffPermissions } from "@helpdesk/domain/access";
import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "./test-support";
import { actorMatches } from "./trpc";
import {
  call as callAs,
  everyone as everyoneOf,
  type Fixture,
  inputOf,
  makeSamples,
  type Owner,
  procedures,
  type Sample,
  walkFixture,
} from "./walk-support";

let api: Api;
let fx: Fixture;
let samples: Record<string, Sample>;
beforeAll(async () => {
  api = await setupApi();
  fx = await walkFixture(api);
  samples = makeSamples(api, fx);
});
afterAll(async () => {
  await api?.close();
});
const everyone = () => everyoneOf(api);
const call = (who: Parameters<typeof callAs>[1], path: string, input: unknown) =>
  callAs(api, who, path, input);

async function fingerprint() {
  const [t] = await api.db
    .select({ v: sql<number>`coalesce(sum(${tickets.version}), 0)::int`, n: count() })
    .from(tickets);
  const [h] = await api.db.select({ n: count() }).from(ticketHistory);
  const [m] = await api.db.select({ n: count() }).from(messages);
  const [u] = await api.db
    .select({ n: count(), active: sql<number>`count(*) filter (where ${users.active})::int` })
    .from(users);
  const [c] = await api.db.select({ n: count() }).from(billingComplaints);
  return JSON.stringify([t, h, m, u, c]);
}

const accountOf: Record<Owner, () => string> = {
  msg: () => api.seed.accounts.msg,
  mail: () => api.seed.accounts.mail,
};

describe("authorization walk over every procedure", () => {
  it("every procedure declares an audience and has a sample input", () => {
    const missing = Object.entries(procedures())
      .filter(([, p]) => !p._def.meta?.audience)
      .map(([k]) => k);
    expect(missing, "procedures without meta.audience").toEqual([]);
    const unsampled = Object.keys(procedures()).filter((k) => !(k in samples));
    expect(unsampled, "procedures the walk does not know").toEqual([]);
  });

  it("R-ACT-7: every staff procedure's audience is its domain table entry, and asks the entry it should", () => {
    const mismatched: string[] = [];
    const actions: Record<string, StaffAction> = {};
    for (const [path, proc] of Object.entries(procedures())) {
      const { audience, action } = proc._def.meta ?? {};
      if (!audience?.startsWith("staff")) continue;
      if (!action) {
        mismatched.push(`${path}: audience ${audience} is not built from the domain table (staffCan)`);
        continue;
      }
      actions[path] = action;
      const expected = `staff:${staffPermissions[action].join(",")}`;
      if (audience !== expected) mismatched.push(`${path}: ${audience} ≠ ${action} (${expected})`);
    }
    expect(mismatched).toEqual([]);
    // which entry each staff procedure asks for: the reviewed contract (the roles live in the domain)
    expect(actions).toEqual(staffProcedureActions);
  });

  it("actors outside the audience are refused, other accounts' objects are NOT_FOUND, and refusals change nothing", async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    for (const [path, proc] of Object.entries(procedures())) {
      const audience = proc._def.meta?.audience;
      const sample = samples[path];
      if (!audience || !sample) continue;
      for (const who of everyone()) {
        const inAudience = actorMatches(audience, who.actor);
        const foreign =
          sample.owner !== undefined &&
          who.actor?.kind === "customer" &&
          who.actor.accountId !== accountOf[sample.owner]();
        if (inAudience && !foreign) continue; // allowed calls run in the next test
        const input = await inputOf(sample);
        const { code } = await call(who, path, input);
        const expected = !inAudience ? (who.actor ? "FORBIDDEN" : "UNAUTHORIZED") : "NOT_FOUND";
        if (code !== expected) failures.push(`${path} as ${who.name}: got ${code}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(), "a refused call changed data").toBe(before);
  });

  it("actors inside the audience reach their own objects (never NOT_FOUND, UNAUTHORIZED or a 500)", async () => {
    const failures: string[] = [];
    for (const [path, proc] of Object.entries(procedures())) {
      const audience = proc._def.meta?.audience;
      const sample = samples[path];
      if (!audience || !sample) continue;
      for (const who of everyone()) {
        if (!actorMatches(audience, who.actor)) continue;
        if (
          sample.owner &&
          who.actor?.kind === "customer" &&
          who.actor.accountId !== accountOf[sample.owner]()
        )
          continue;
        const input = await inputOf(sample);
        const { code } = await call(who, path, input);
        // objects a sample names that an earlier allowed call legitimately removed or never existed
        const notFoundIsFine = [
          "staff.removeRota",
          "account.unlinkPartner",
          "account.removeDelegate",
          "incident.confirmSubscription",
        ].includes(path);
        if (
          code === "INTERNAL_SERVER_ERROR" ||
          code === "UNAUTHORIZED" ||
          (code === "NOT_FOUND" && !notFoundIsFine)
        )
          failures.push(`${path} as ${who.name}: ${code}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("R-ACT-6/R-TKT-8: lists never show another account's tickets, lines or people", async () => {
    for (const who of everyone()) {
      if (who.actor?.kind !== "customer") continue;
      const mine = who.actor.accountId === api.seed.accounts.msg;
      const list = (await call(who, "ticket.list", { limit: 100 })).value as {
        items: { id: string; accountId: string | null }[];
      };
      expect(list.items.some((t) => t.id === fx.ticket)).toBe(mine);
      for (const t of list.items)
        expect([who.actor.accountId, api.seed.accounts.alpha, api.seed.accounts.beta]).toContain(t.accountId);
      const lines = (await call(who, "billing.lines", {})).value as { accountId: string }[];
      for (const l of lines) expect(l.accountId).toBe(who.actor.accountId);
      const contacts = (await call(who, "account.contacts", undefined)).value as { id: string }[];
      expect(contacts.some((c) => c.id === "c-msgOps")).toBe(mine);
    }
  });
});

/** R-ACT-7: the domain table entry each staff procedure asks for. */
const staffProcedureActions: Record<string, StaffAction> = {
  "access.grants": "access.grantTemporary",
  "access.revoke": "access.grantTemporary",
  "account.list": "account.view",
  "account.byId": "account.view",
  "account.create": "account.manage",
  "account.updateContract": "account.manage",
  "account.linkPartner": "account.manage",
  "account.unlinkPartner": "account.manage",
  "account.reactivateLogin": "login.reactivate",
  "billing.allLines": "billing.view",
  "billing.complaints": "billing.complaints",
  "billing.answer": "billing.creditNotes",
  "incident.list": "ticket.view",
  "incident.declare": "incident.manage",
  "incident.post": "incident.manage",
  "incident.scheduleMaintenance": "maintenance.manage",
  "mail.log": "mail.view",
  "mail.outbox": "mail.view",
  "mailbox.list": "mailbox.manage",
  "mailbox.create": "mailbox.manage",
  "mailbox.update": "mailbox.manage",
  "mailbox.remove": "mailbox.manage",
  "mailbox.test": "mailbox.manage",
  "policy.byId": "policy.view",
  "policy.simulate": "policy.view",
  "presence.viewing": "ticket.view",
  "presence.left": "ticket.view",
  "report.slaCompliance": "reports.view",
  "report.backlog": "reports.view",
  "report.volumePerDay": "reports.view",
  "report.escalationsByLevel": "reports.view",
  "report.satisfaction": "reports.view",
  "staff.list": "staff.view",
  "staff.me": "staff.view",
  "staff.rota": "staff.view",
  "staff.create": "staff.manage",
  "staff.setRoles": "staff.manage",
  "staff.deactivate": "staff.manage",
  "staff.reactivate": "staff.manage",
  "staff.addRota": "onCall.editRota",
  "staff.removeRota": "onCall.editRota",
  "staffTicket.queue": "ticket.view",
  "staffTicket.byId": "ticket.view",
  "staffTicket.lookup": "ticket.view",
  "staffTicket.inbox": "ticket.view",
  "staffTicket.triage": "ticket.triage",
  "staffTicket.assign": "ticket.assign",
  "staffTicket.claim": "ticket.claim",
  "staffTicket.reply": "ticket.reply",
  "staffTicket.note": "ticket.internalNote",
  "staffTicket.requestInformation": "ticket.reply",
  "staffTicket.proposeResolution": "ticket.resolve",
  "staffTicket.close": "ticket.close",
  "staffTicket.reject": "ticket.reject",
  "staffTicket.reopen": "ticket.reopen",
  "staffTicket.reclassify": "ticket.reclassify",
  "staffTicket.escalate": "ticket.escalate",
  "staffTicket.setChargeCategory": "ticket.setChargeCategory",
  "staffTicket.linkMajorIncident": "incident.manage",
  "staffTicket.matchAccount": "ticket.triage",
  "staffTicket.authorize": "ticket.triage",
  "staffTicket.openFor": "ticket.openOnBehalf",
  "staffTicket.logVoicemail": "ticket.triage",
  "staffTicket.grantTemporaryAccess": "access.grantTemporary",
};
