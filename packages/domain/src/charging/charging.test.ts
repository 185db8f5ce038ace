import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { transition } from "xstate";
import { chargeReasons } from "../policy/schema";
import { faxReseller, messagingProvider, presets } from "../presets";
import type { Actor } from "../ticket/types";
import { ticketStatuses } from "../ticket/types";
import {
  applyComplaintEvent,
  type ComplaintEvent,
  type ComplaintState,
  chargeDecision,
  complaintMachine,
  invoiceLineAtClose,
  type StartComplaintInput,
  startComplaint,
} from "./index";

const rcr = messagingProvider;
const value = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};

describe("charge decisions (R-CHG-1, R-CHG-2, R-CHG-4)", () => {
  it("R-CHG-1: the messaging-provider catalog decides chargeable or not", () => {
    for (const id of ["fax-blacklist", "incident-at-provider", "virus-complaint-justified"])
      expect(value(chargeDecision(rcr, { categoryId: id, express: false }))).toMatchObject({
        chargeable: false,
        amount: 0,
        reasons: [],
      });
    const research = value(chargeDecision(rcr, { categoryId: "research-analysis", express: false }));
    expect(research).toMatchObject({
      chargeable: true,
      reasons: ["specialRequest"],
      amount: 9500,
      currency: "EUR",
    });
    const atCustomer = value(chargeDecision(rcr, { categoryId: "incident-at-customer", express: false }));
    expect(atCustomer.reasons).toEqual(["outsideSphere"]);
  });

  it("R-CHG-4: the explanation names the rule and the category", () => {
    const d = value(chargeDecision(rcr, { categoryId: "incident-at-customer", express: false }));
    expect(d.explanation).toContain("Incident at Customer / Communication Partner");
    expect(d.explanation).toContain("Charged as 'Incident at Customer / Communication Partner'");
    expect(d.explanation).toContain("outside the provider's sphere of influence.");
    // people read it: the spec's internal rule ids stay out of the sentence
    expect(d.explanation).not.toMatch(/R-[A-Z]+-\d/);
    const free = value(chargeDecision(rcr, { categoryId: "fax-blacklist", express: false }));
    expect(free.explanation).toMatch(/^Not charged: 'Fax Blacklist Requests'/);
  });

  it("R-CHG-2: an extra reason makes a free category chargeable, and says why", () => {
    const d = value(
      chargeDecision(rcr, { categoryId: "fax-blacklist", express: false, extraReasons: ["outsideContract"] }),
    );
    expect(d).toMatchObject({ chargeable: true, reasons: ["outsideContract"] });
    expect(d.explanation).toContain("not covered by your contract");
  });

  it("R-SLA-6: Express adds the surcharge and says so", () => {
    const d = value(chargeDecision(rcr, { categoryId: "customer-change", express: true }));
    expect(d.surcharge).toBe(9900);
    expect(d.explanation).toContain("SRQ Express adds a surcharge of EUR 99.00");
  });

  it("R-CHG-1: an unknown category is INVALID_INPUT naming the field", () => {
    const r = chargeDecision(rcr, { categoryId: "nope", express: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("INVALID_INPUT");
      expect(r.error.issues[0]?.path).toEqual(["categoryId"]);
    }
  });

  it("R-CHG-4: every decision of every preset has an explanation; chargeable iff catalog or extra reason (property)", () => {
    const policies = Object.values(presets);
    fc.assert(
      fc.property(
        fc
          .constantFrom(...policies)
          .chain((p) => fc.tuple(fc.constant(p), fc.constantFrom(...p.charging.catalog))),
        fc.boolean(),
        fc.subarray([...chargeReasons]),
        ([p, cat], express, extraReasons) => {
          const d = value(chargeDecision(p, { categoryId: cat.id, express, extraReasons }));
          expect(d.chargeable).toBe(cat.chargeable || extraReasons.length > 0);
          expect(d.explanation.length).toBeGreaterThan(20);
          expect(d.reasons.length > 0).toBe(d.chargeable);
          if (!express) expect(d.surcharge).toBe(0);
          if (!d.chargeable) expect(d.amount).toBe(0);
        },
      ),
    );
  });
});

describe("invoice lines (R-CHG-3)", () => {
  const ticket = {
    number: "RCR 0000042",
    status: "closed" as const,
    chargeCategoryId: "report-request",
    express: false,
    closedAt: 1,
  };

  it("R-CHG-3: a chargeable closed ticket becomes a line with its reason", () => {
    expect(value(invoiceLineAtClose(rcr, { ticket }))).toMatchObject({
      ticketNumber: "RCR 0000042",
      amount: 4900,
      surcharge: 0,
      total: 4900,
      reasons: ["specialRequest"],
    });
  });

  it("R-CHG-3: a free ticket yields no line, unless it was Express", () => {
    const free = { ...ticket, chargeCategoryId: "incident-at-provider" };
    expect(value(invoiceLineAtClose(rcr, { ticket: free }))).toBeNull();
    expect(value(invoiceLineAtClose(rcr, { ticket: { ...free, express: true } }))).toMatchObject({
      amount: 0,
      surcharge: 9900,
      total: 9900,
    });
  });

  it("R-CHG-3: only after close, for every other status (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ticketStatuses.filter((s) => s !== "closed")), (status) => {
        const r = invoiceLineAtClose(rcr, { ticket: { ...ticket, status } });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.rule).toBe("R-CHG-3");
      }),
    );
  });

  it("R-CHG-1: a closed ticket without a category is refused", () => {
    const r = invoiceLineAtClose(faxReseller, { ticket: { ...ticket, chargeCategoryId: null } });
    expect(r.ok || r.error.code).toBe("INVALID_INPUT");
  });
});

describe("billing complaints (R-CHG-5, R-ESC-5)", () => {
  const customer: Actor = { kind: "customer", id: "u1", accountId: "acc-1", role: "customerStaff" };
  const billing: Actor = { kind: "staff", id: "b1", roles: ["billing"] };
  const specialist: Actor = { kind: "staff", id: "s1", roles: ["supportSpecialist"] };
  const closed = {
    number: "RCR 0000042",
    status: "closed" as const,
    chargeCategoryId: "report-request",
    express: false,
    closedAt: 1,
  };
  // the line the close produced (R-CHG-3): the only thing a complaint starts from
  const drafted = invoiceLineAtClose(rcr, { ticket: closed });
  const atClose = drafted.ok && drafted.value ? drafted.value : null;
  if (!atClose) throw new Error("the report request is chargeable");
  const line = { ...atClose, accountId: "acc-1" };
  const ticket = { number: "RCR 0000042", status: "closed" as const, accountId: "acc-1" };
  const dispute = { line, ticket, openComplaints: 0 };
  const submitted = () =>
    value(startComplaint({ ...dispute, reason: "Incident was at your side", actor: customer, at: 10 })).state;
  const step = (s: ComplaintState, e: ComplaintEvent) => applyComplaintEvent(s, e);
  const reviewing = () =>
    value(step(submitted(), { type: "complaint.review", at: 20, actor: billing })).state;

  it("R-CHG-5: a dispute needs a reason and comes from the invoiced account", () => {
    expect(startComplaint({ ...dispute, reason: "  ", actor: customer, at: 1 }).ok).toBe(false);
    const other = startComplaint({
      ...dispute,
      reason: "why",
      actor: { ...customer, accountId: "acc-2" } as Actor,
      at: 1,
    });
    expect(other.ok || other.error.code).toBe("FORBIDDEN");
    const started = value(startComplaint({ ...dispute, reason: "why", actor: customer, at: 1 }));
    expect(started.state.status).toBe("submitted");
    expect(started.state.context.lineAmount).toBe(4900);
    expect(started.effects).toEqual([expect.objectContaining({ type: "notify", to: "billing" })]);
  });

  it("R-CHG-5: only the charge of a closed ticket is disputed, for every other status (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ticketStatuses.filter((s) => s !== "closed")), (status) => {
        const r = startComplaint({
          ...dispute,
          ticket: { ...ticket, status },
          reason: "why",
          actor: customer,
          at: 1,
        });
        expect(r.ok || r.error.code).toBe("EVENT_NOT_ALLOWED");
        if (!r.ok) expect(r.error.message).toContain(`RCR 0000042 is ${status}`);
      }),
    );
  });

  it("R-CHG-5: a hand-made or corrected line is not a charge the close produced", () => {
    const refused = (l: StartComplaintInput["line"], t = ticket) =>
      startComplaint({ ...dispute, line: l, ticket: t, reason: "why", actor: customer, at: 1 });
    // another ticket's line, a total that is not amount + surcharge, a line with no close, a correction
    for (const r of [
      refused({ ...line, ticketNumber: "RCR 0000043" }),
      refused({ ...line, total: 1 }),
      refused({ ...line, closedAt: Number.NaN }),
      refused({ ...line, correction: true }),
      refused(line, { ...ticket, accountId: "acc-2" }),
    ])
      expect(r.ok || r.error.code).toBe("EVENT_NOT_ALLOWED");
  });

  it("R-CHG-5/R-SEC-2: one open complaint a charge", () => {
    const r = startComplaint({ ...dispute, openComplaints: 1, reason: "again", actor: customer, at: 2 });
    expect(r.ok || r.error.code).toBe("CONFLICT");
    if (!r.ok) expect(r.error.message).toBe("This charge is already disputed; billing will answer.");
  });

  it("R-CHG-5/R-ESC-5: only billing reviews; support staff cannot (a charge complaint is not an escalation)", () => {
    const r = step(submitted(), { type: "complaint.review", at: 20, actor: specialist });
    expect(r.ok || r.error.code).toBe("FORBIDDEN");
    expect(reviewing().status).toBe("underReview");
  });

  it("R-CHG-5: a credit note of at most the line amount issues a credit note", () => {
    const over = step(reviewing(), {
      type: "complaint.credit",
      at: 30,
      actor: billing,
      amount: 4901,
      note: "x",
    });
    expect(over.ok || over.error.code).toBe("INVALID_INPUT");
    const done = value(
      step(reviewing(), {
        type: "complaint.credit",
        at: 30,
        actor: billing,
        amount: 4900,
        note: "Justified",
      }),
    );
    expect(done.state.status).toBe("credited");
    expect(done.effects[0]).toEqual({
      type: "issueCreditNote",
      ticketNumber: "RCR 0000042",
      amount: 4900,
      currency: "EUR",
      reason: "Justified",
    });
  });

  it("R-CHG-5: a corrected invoice lowers the line", () => {
    const done = value(
      step(reviewing(), {
        type: "complaint.correct",
        at: 30,
        actor: billing,
        correctedAmount: 2000,
        note: "Half",
      }),
    );
    expect(done.state).toMatchObject({
      status: "corrected",
      context: { answer: { kind: "correctedInvoice", correctedAmount: 2000 } },
    });
  });

  it("R-CHG-5: a rejection needs a reason; answered complaints take no more events", () => {
    const noReason = step(reviewing(), { type: "complaint.reject", at: 30, actor: billing, reason: " " });
    expect(noReason.ok || noReason.error.code).toBe("INVALID_INPUT");
    const rejected = value(
      step(reviewing(), {
        type: "complaint.reject",
        at: 30,
        actor: billing,
        reason: "Issue was at the customer's mail server",
      }),
    );
    expect(rejected.state.status).toBe("rejected");
    expect(rejected.effects).toEqual([
      expect.objectContaining({ to: "customer", template: "billingComplaint.rejected" }),
    ]);
    const again = step(rejected.state, {
      type: "complaint.credit",
      at: 40,
      actor: billing,
      amount: 1,
      note: "",
    });
    expect(again.ok || again.error.code).toBe("EVENT_NOT_ALLOWED");
    // skipping the review is not allowed either
    const early = step(submitted(), { type: "complaint.reject", at: 15, actor: billing, reason: "no" });
    expect(early.ok || early.error.code).toBe("EVENT_NOT_ALLOWED");
  });

  it("R-CHG-5: the machine's own guards hold without the helper (credit over the line, rejection without reason)", () => {
    const s = reviewing();
    const snap = complaintMachine.resolveState({ value: s.status, context: s.context });
    const [over] = transition(complaintMachine, snap, {
      type: "complaint.credit",
      at: 1,
      actor: billing,
      amount: 5000,
      note: "",
    });
    expect(over.value).toBe("underReview");
    const [blank] = transition(complaintMachine, snap, {
      type: "complaint.reject",
      at: 1,
      actor: billing,
      reason: "",
    });
    expect(blank.value).toBe("underReview");
    const [byCustomer] = transition(complaintMachine, snap, {
      type: "complaint.credit",
      at: 1,
      actor: customer,
      amount: 1,
      note: "",
    });
    expect(byCustomer.value).toBe("underReview");
  });

  it("R-CHG-5: no credit ever exceeds the line, for any amount (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 20_000 }), (amount) => {
        const r = step(reviewing(), { type: "complaint.credit", at: 30, actor: billing, amount, note: "n" });
        expect(r.ok).toBe(amount > 0 && amount <= line.total);
        if (r.ok && r.value.state.context.answer?.kind === "creditNote")
          expect(r.value.state.context.answer.amount).toBeLessThanOrEqual(line.total);
      }),
    );
  });
});
