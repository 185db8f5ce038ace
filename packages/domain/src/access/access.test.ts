import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../policy";
import { faxReseller, mailFilterVendor, messagingProvider } from "../presets";
import { type Actor, staffRoles } from "../ticket/types";
import {
  type LoginState,
  loginAfterFailedPassword,
  loginAfterPasswordReset,
  loginAfterSuccessfulPassword,
  matchContactByPhone,
  mayAddDelegate,
  mayConfigureAccount,
  mayOpenTicket,
  mayViewTicket,
  reactivateLogin,
  requireStaff,
  type SupportContact,
  staffActions,
  staffMay,
  type TemporaryGrant,
  temporaryGrantStatus,
  visibleMessages,
} from "./index";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 15, 10);
const account = { id: "acc-1", name: "Acme GmbH", adminName: "Jane Admin", adminEmail: "jane@acme.example" };
const contacts: SupportContact[] = [
  {
    id: "c1",
    accountId: "acc-1",
    firstName: "Ann",
    lastName: "Active",
    email: "Ann@Acme.example",
    active: true,
  },
  {
    id: "c2",
    accountId: "acc-1",
    firstName: "Ian",
    lastName: "Inactive",
    email: "ian@acme.example",
    active: false,
  },
  {
    id: "c3",
    accountId: "acc-2",
    firstName: "Olga",
    lastName: "Other",
    email: "olga@other.example",
    active: true,
  },
];
const base = { policy: messagingProvider, account, contacts, at: T0 };

const customer = (over: Partial<Extract<Actor, { kind: "customer" }>> = {}): Actor => ({
  kind: "customer",
  id: "u1",
  accountId: "acc-1",
  role: "customerStaff",
  ...over,
});
const staff = (...roles: (typeof staffRoles)[number][]): Actor => ({ kind: "staff", id: "s1", roles });

describe("opening tickets (R-ACT-3, R-ACT-4, R-ACT-6)", () => {
  it("R-ACT-3: an active authorized contact may open, matched by email case-insensitively or by id", () => {
    expect(mayOpenTicket({ ...base, requester: { email: " ann@acme.EXAMPLE " } })).toEqual({
      ok: true,
      value: { authorizationPending: false, via: "contact", contactId: "c1" },
    });
    expect(mayOpenTicket({ ...base, requester: { contactId: "c1" } }).ok).toBe(true);
  });

  it("R-ACT-3: anyone else is refused with NOT_AUTHORIZED naming the account admin", () => {
    for (const requester of [
      { email: "ian@acme.example" },
      { email: "stranger@x.example" },
      { email: "olga@other.example" },
      {},
    ]) {
      const r = mayOpenTicket({ ...base, requester });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("NOT_AUTHORIZED");
        expect(r.error.message).toContain("Jane Admin (jane@acme.example)");
      }
    }
    const inactive = mayOpenTicket({ ...base, requester: { email: "ian@acme.example" } });
    if (!inactive.ok) expect(inactive.error.message).toMatch(/inactive/);
  });

  it("R-TKT-5/R-ACT-3: a caller's number matches a contact's phone or mobile, national or international", () => {
    const withPhones: SupportContact[] = [
      { ...contacts[0]!, phone: "+49 89 5528 2525" },
      { ...contacts[1]!, mobile: "0171 2345678" },
    ];
    expect(matchContactByPhone(withPhones, "0049 (89) 5528-2525")?.id).toBe("c1");
    expect(matchContactByPhone(withPhones, "089 55282525")?.id).toBe("c1");
    expect(matchContactByPhone(withPhones, "+49 171 2345678")?.id).toBe("c2");
    expect(matchContactByPhone(withPhones, "+49 89 5528 2526")).toBeUndefined();
    expect(matchContactByPhone(withPhones, "12")).toBeUndefined();
    expect(
      mayOpenTicket({ ...base, contacts: withPhones, requester: { phone: "+49 89 55282525" } }),
    ).toMatchObject({ ok: true, value: { via: "contact", contactId: "c1" } });
    // the inactive contact's mobile matches, but it may not open
    expect(mayOpenTicket({ ...base, contacts: withPhones, requester: { phone: "01712345678" } }).ok).toBe(
      false,
    );
  });

  it("R-ACT-3: a specialist may open a confirmed incident first; the ticket is flagged authorization pending", () => {
    const stranger = { email: "stranger@x.example" };
    const pending = { ...base, requester: stranger, isStaffConfirmedIncident: true };
    expect(
      mayOpenTicket({ ...pending, openedBy: staff("supportSpecialist"), inquiryType: "incident" }),
    ).toEqual({
      ok: true,
      value: { authorizationPending: true, via: "staffConfirmedIncident" },
    });
  });

  it("R-ACT-3, R-ACT-7: only the roles the table allows open pending authorization, and only for an incident", () => {
    const pending = { ...base, requester: { email: "stranger@x.example" }, isStaffConfirmedIncident: true };
    for (const role of staffRoles) {
      const r = mayOpenTicket({ ...pending, openedBy: staff(role), inquiryType: "incident" });
      expect(r.ok, role).toBe(staffMay([role], "ticket.openUnauthorizedIncident"));
      if (!r.ok) expect(r.error).toMatchObject({ code: "FORBIDDEN", rule: "R-ACT-3" });
    }
    // nobody named, or a customer claiming the exception: refused
    expect(mayOpenTicket({ ...pending, inquiryType: "incident" }).ok).toBe(false);
    expect(
      mayOpenTicket({ ...pending, openedBy: customer({ role: "customerAdmin" }), inquiryType: "incident" })
        .ok,
    ).toBe(false);
    for (const inquiryType of ["serviceRequest", "standardChange", "nonStandardChange"] as const) {
      const r = mayOpenTicket({ ...pending, openedBy: staff("supportSpecialist"), inquiryType });
      expect(r.ok, inquiryType).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: "INVALID_INPUT", rule: "R-ACT-3" });
    }
  });

  it("R-ACT-4: temporary access counts until it lapses unconfirmed after the policy's window", () => {
    const p = faxReseller; // confirmWithinDays 5
    const grant: TemporaryGrant = {
      accountId: "acc-1",
      email: "temp@acme.example",
      grantedAt: T0,
      confirmedAt: null,
    };
    const ask = (at: number, g = grant) =>
      mayOpenTicket({
        ...base,
        policy: p,
        at,
        requester: { email: "temp@acme.example" },
        temporaryGrants: [g],
      });
    expect(ask(T0 + DAY)).toMatchObject({ ok: true, value: { via: "temporary" } });
    expect(ask(T0 + 5 * DAY - 1).ok).toBe(true);
    const lapsed = ask(T0 + 5 * DAY);
    expect(lapsed.ok).toBe(false);
    if (!lapsed.ok) expect(lapsed.error.message).toMatch(/lapsed.*5 days/);
    expect(ask(T0 + 30 * DAY, { ...grant, confirmedAt: T0 + 2 * DAY }).ok).toBe(true);
    expect(ask(T0 + DAY, { ...grant, revokedAt: T0 + 1 }).ok).toBe(false);
    // a policy without temporary access ignores grants
    expect(
      mayOpenTicket({ ...base, requester: { email: "temp@acme.example" }, temporaryGrants: [grant] }).ok,
    ).toBe(false);
  });

  it("R-ACT-4: an unconfirmed grant is awaiting confirmation, then lapsed, for any time (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * DAY }), (dt) => {
        const s = temporaryGrantStatus(
          faxReseller,
          { accountId: "a", email: "e", grantedAt: T0, confirmedAt: null },
          T0 + dt,
        );
        expect(s).toBe(dt < 5 * DAY ? "awaitingConfirmation" : "lapsed");
      }),
    );
  });

  it("R-ACT-6: a partner opens for a managed customer only with a valid public IPv4", () => {
    const links = [{ partnerAccountId: "isp-1", customerAccountId: "acc-1", customerHasDelegation: false }];
    const ask = (partnerAccountId: string, ip?: string) =>
      mayOpenTicket({
        ...base,
        policy: mailFilterVendor,
        requester: { partnerAccountId, email: "noc@isp.example" },
        partnerLinks: links,
        onBehalfIdentifier: ip ?? null,
      });
    expect(ask("isp-1", "203.0.113.7")).toEqual({
      ok: true,
      value: { authorizationPending: false, via: "partner" },
    });
    for (const bad of [undefined, "", "256.1.1.1", "1.2.3", "01.2.3.4", "a.b.c.d", "1.2.3.4.5"]) {
      const r = ask("isp-1", bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("INVALID_INPUT");
        expect(r.error.issues[0]?.path).toEqual(["onBehalfIdentifier"]);
        expect(r.error.message).toContain("Customer's MailCleaner public IP");
      }
    }
    const unlinked = ask("isp-2", "203.0.113.7");
    expect(unlinked.ok || unlinked.error.code).toBe("NOT_AUTHORIZED");
    // partners are off in the messaging-provider preset
    const off = mayOpenTicket({
      ...base,
      requester: { partnerAccountId: "isp-1" },
      partnerLinks: links,
      onBehalfIdentifier: "203.0.113.7",
    });
    expect(off.ok).toBe(false);
  });
});

describe("visibility (R-ACT-6, R-TKT-8)", () => {
  const own = { accountId: "acc-1" };
  const byPartner = { accountId: "acc-1", openedByPartnerAccountId: "isp-1" };
  const link = (customerHasDelegation: boolean) => [
    { partnerAccountId: "isp-1", customerAccountId: "acc-1", customerHasDelegation },
  ];

  it("R-ACT-6: customers see their account's tickets; staff see all; other accounts see nothing", () => {
    expect(mayViewTicket(customer(), own)).toBe(true);
    expect(mayViewTicket(customer({ accountId: "acc-2" }), own)).toBe(false);
    expect(mayViewTicket(staff("billing"), own)).toBe(true);
  });

  it("R-ACT-6: a partner sees the tickets it opened; the customer only with its own delegation", () => {
    const partner = customer({ accountId: "acc-1", partnerAccountId: "isp-1" });
    expect(mayViewTicket(partner, byPartner)).toBe(true);
    expect(mayViewTicket(partner, own)).toBe(false);
    expect(mayViewTicket(customer({ accountId: "isp-1" }), byPartner)).toBe(true);
    expect(mayViewTicket(customer(), byPartner, link(false))).toBe(false);
    expect(mayViewTicket(customer(), byPartner, link(true))).toBe(true);
    expect(mayViewTicket(customer({ partnerAccountId: "isp-2" }), byPartner)).toBe(false);
  });

  it("R-TKT-8: internal notes never reach customers, for any list of messages (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ id: fc.nat(), visibility: fc.constantFrom("public" as const, "internal" as const) }),
        ),
        (msgs) => {
          const seen = visibleMessages(customer({ role: "customerAdmin" }), msgs);
          expect(seen.every((m) => m.visibility === "public")).toBe(true);
          expect(seen.length).toBe(msgs.filter((m) => m.visibility === "public").length);
          expect(visibleMessages(staff("serviceEngineer"), msgs)).toEqual(msgs);
        },
      ),
    );
  });
});

describe("account configuration and delegates (R-ACT-2, R-ACT-5)", () => {
  it("R-ACT-2: only a customer admin of the same account configures it", () => {
    expect(mayConfigureAccount(customer({ role: "customerAdmin" }), "acc-1")).toBe(true);
    expect(mayConfigureAccount(customer({ role: "customerStaff" }), "acc-1")).toBe(false);
    expect(mayConfigureAccount(customer({ role: "customerAdmin" }), "acc-2")).toBe(false);
    expect(mayConfigureAccount(customer({ role: "customerAdmin", partnerAccountId: "isp-1" }), "acc-1")).toBe(
      false,
    );
    expect(mayConfigureAccount(staff("administrator"), "acc-1")).toBe(true);
    expect(mayConfigureAccount(staff("billing"), "acc-1")).toBe(false);
  });

  it("R-ACT-5: at most one technical delegate", () => {
    expect(mayAddDelegate(mailFilterVendor, [])).toEqual({ ok: true, value: { remaining: 0 } });
    const second = mayAddDelegate(mailFilterVendor, [{ active: true }]);
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toMatch(/at most 1 technical delegate login/);
    expect(mayAddDelegate(mailFilterVendor, [{ active: false }]).ok).toBe(true);
    expect(mayAddDelegate(messagingProvider, 0).ok).toBe(false);
  });

  it("R-ACT-5/R-SEC-2: a policy offers no or one technical delegate, never more", () => {
    const two = parsePolicy({ ...mailFilterVendor, delegates: { max: 2 } });
    expect(two.ok).toBe(false);
    if (!two.ok) expect(JSON.stringify(two.error.issues)).toContain("at most one technical delegate");
    expect(parsePolicy(mailFilterVendor).ok).toBe(true);
  });
});

describe("login safety (R-ACT-8)", () => {
  const fresh: LoginState = {
    accountId: "acc-1",
    active: true,
    failedPasswordCount: 0,
    deactivatedReason: null,
    deactivatedAt: null,
  };
  const deactivated = () => {
    let s = fresh;
    for (let i = 0; i < messagingProvider.login.maxFailedPasswords; i++)
      s = loginAfterFailedPassword(s, messagingProvider, T0 + i);
    return s;
  };

  it("R-ACT-8: the policy's number of wrong passwords deactivates the login", () => {
    let s = fresh;
    for (let i = 1; i < messagingProvider.login.maxFailedPasswords; i++) {
      s = loginAfterFailedPassword(s, messagingProvider, T0);
      expect(s.active).toBe(true);
    }
    const d = deactivated();
    expect(d).toMatchObject({ active: false, deactivatedReason: "tooManyFailedPasswords" });
    expect(loginAfterSuccessfulPassword(d).ok).toBe(false);
    expect(loginAfterSuccessfulPassword(loginAfterFailedPassword(fresh, messagingProvider))).toEqual({
      ok: true,
      value: fresh,
    });
  });

  it("R-ACT-8: a password reset does not reactivate, however often (property)", () => {
    fc.assert(
      fc.property(fc.nat(5), (n) => {
        let s = deactivated();
        for (let i = 0; i <= n; i++) s = loginAfterPasswordReset(s);
        expect(s.active).toBe(false);
      }),
    );
  });

  it("R-ACT-8: only a customer admin of the same account or staff reactivates", () => {
    const d = deactivated();
    expect(reactivateLogin(d, customer({ role: "customerAdmin" }))).toMatchObject({
      ok: true,
      value: { active: true, failedPasswordCount: 0 },
    });
    expect(reactivateLogin(d, staff("supportSpecialist")).ok).toBe(true);
    for (const actor of [
      customer({ role: "customerStaff" }),
      customer({ role: "customerAdmin", accountId: "acc-2" }),
      staff("billing"),
    ]) {
      const r = reactivateLogin(d, actor);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("FORBIDDEN");
    }
  });
});

describe("staff roles (R-ACT-7)", () => {
  it("R-ACT-7: billing handles complaints and credit notes; administrators edit policy and staff", () => {
    expect(staffMay(["billing"], "billing.complaints")).toBe(true);
    expect(staffMay(["billing"], "billing.creditNotes")).toBe(true);
    expect(staffMay(["supportSpecialist"], "billing.creditNotes")).toBe(false);
    expect(staffMay(["administrator"], "policy.edit")).toBe(true);
    expect(staffMay(["administrator"], "staff.manage")).toBe(true);
    expect(staffMay(["serviceEngineer"], "policy.edit")).toBe(false);
    expect(staffMay(["supportSpecialist"], "ticket.triage")).toBe(true);
    expect(staffMay(["supportSpecialist"], "ticket.openUnauthorizedIncident")).toBe(true);
    expect(staffMay(["billing"], "ticket.reply")).toBe(false);
    expect(requireStaff(customer({ role: "customerAdmin" }), "ticket.view").ok).toBe(false);
  });

  it("R-ACT-7: every action has a role, and roles combine as a union (property)", () => {
    fc.assert(
      fc.property(
        fc.subarray([...staffRoles]),
        fc.subarray([...staffRoles]),
        fc.constantFrom(...staffActions),
        (a, b, action) => {
          expect(staffMay([...a, ...b], action)).toBe(staffMay(a, action) || staffMay(b, action));
          expect(staffRoles.some((r) => staffMay([r], action))).toBe(true);
        },
      ),
    );
  });
});
