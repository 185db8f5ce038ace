/**
 * Security issue, item 2 (R-ACT-2, R-ACT-3, R-ACT-4, R-ACT-5, R-ACT-7, R-MI-1): an address typed with
 * capitals or spaces is the same address. Every entry stores it trimmed and lower-cased (one shared
 * schema), so `users.email`'s lower-case check can never answer 500 and lookups match.
 */
import {
  authorizedContacts,
  statusSubscriptions,
  technicalDelegates,
  temporaryAccessGrants,
  users,
} from "@helpdesk/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, codeOf, FAX_ACCOUNT, openForCaller, setupApi } from "./test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const emailOf = async (id: string) =>
  (await api.db.select({ e: users.email }).from(users).where(eq(users.id, id)))[0]?.e;

describe("addresses are normalized at every entry (trim + lower case)", () => {
  it("R-ACT-2: account.createUser with capitals stores the lower-case address (was a 500)", async () => {
    const u = await api.as(api.a.msgAdmin).account.createUser({
      email: "  Zoe.New@ACME-Messaging.example ",
      name: "Zoe New",
      role: "customerStaff",
    });
    expect(u.email).toBe("zoe.new@acme-messaging.example");
    expect(await emailOf(u.id)).toBe("zoe.new@acme-messaging.example");
    // the same address in other capitals is taken, not a second login and not a 500
    expect(
      await codeOf(
        api.as(api.a.msgAdmin).account.createUser({
          email: "ZOE.NEW@acme-messaging.example",
          name: "Zoe Again",
          role: "customerStaff",
        }),
      ),
    ).toBe("CONFLICT");
  });

  it("R-ACT-7: staff.create with capitals", async () => {
    const s = await api.as(api.a.admin).staff.create({
      email: "New.Agent@Helpdesk.Example",
      name: "New Agent",
      roles: ["supportSpecialist"],
    });
    expect(s.email).toBe("new.agent@helpdesk.example");
    expect(await emailOf(s.id)).toBe("new.agent@helpdesk.example");
  });

  it("R-ACT-3: authorized contacts, created and updated with capitals", async () => {
    const c = await api.as(api.a.msgAdmin).account.createContact({
      firstName: "Carl",
      lastName: "Case",
      email: "Carl.Case@ACME-messaging.example",
    });
    expect(c.email).toBe("carl.case@acme-messaging.example");
    const u = await api
      .as(api.a.msgAdmin)
      .account.updateContact({ id: c.id, email: " CARL@Acme-Messaging.example" });
    expect(u.email).toBe("carl@acme-messaging.example");
    const [row] = await api.db.select().from(authorizedContacts).where(eq(authorizedContacts.id, c.id));
    expect(row?.email).toBe("carl@acme-messaging.example");
  });

  it("R-ACT-5: the technical delegate's alias with capitals", async () => {
    const current = await api.as(api.a.mailAdmin).account.delegate();
    for (const d of current) await api.as(api.a.mailAdmin).account.removeDelegate({ id: d.id });
    const d = await api.as(api.a.mailAdmin).account.setDelegate({
      aliasEmail: "IT-Alias@Boulangerie-Dupont.example",
      name: "IT alias",
    });
    expect(d.aliasEmail).toBe("it-alias@boulangerie-dupont.example");
    const [row] = await api.db.select().from(technicalDelegates).where(eq(technicalDelegates.id, d.id));
    expect(row?.aliasEmail).toBe("it-alias@boulangerie-dupont.example");
    expect(await emailOf(d.user.id)).toBe("it-alias@boulangerie-dupont.example");
  });

  it("R-MI-1: a status subscription with capitals is one subscription", async () => {
    await api.as(null).incident.subscribe({ email: "Watcher@Example.COM" });
    await api.as(null).incident.subscribe({ email: " watcher@example.com " });
    const rows = await api.db
      .select()
      .from(statusSubscriptions)
      .where(eq(statusSubscriptions.email, "watcher@example.com"));
    expect(rows).toHaveLength(1);
  });

  it("R-ACT-4: a temporary access grant with capitals; the caller is recognized in any spelling", async () => {
    await api.as(api.a.specialist).staffTicket.grantTemporaryAccess({
      accountId: FAX_ACCOUNT,
      firstName: "Tina",
      lastName: "Temp",
      email: "Tina.Temp@Example.ORG",
    });
    const rows = await api.db
      .select({ email: temporaryAccessGrants.email })
      .from(temporaryAccessGrants)
      .where(eq(temporaryAccessGrants.lastName, "Temp"));
    expect(rows.map((r) => r.email)).toContain("tina.temp@example.org");
    const t = await openForCaller(api, " TINA.temp@example.org ");
    expect(t.number).toMatch(/^TFG \d{7}$/);
  });
});
