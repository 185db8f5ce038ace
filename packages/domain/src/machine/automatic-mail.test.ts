/**
 * R-MAIL-4 (with R-LC-2, R-LC-5/6, R-LC-7): an automatic mail (out-of-office, auto-reply, bulk, bounce) is
 * recorded on the ticket and is never a customer reply: it wakes no waiting ticket, reopens nothing,
 * stops and moves no timer, and notifies nobody.
 */
import { describe, expect, it } from "vitest";
import { applyTicketEvent } from "../ticket/index";
import { baseInput, customer, DAY, HOUR, MIN, staff, system, TicketDriver, testPolicy } from "./fixture";

const TUE_1000 = Date.parse("2026-11-24T10:00:00+01:00");
const open = () => new TicketDriver(testPolicy, { ...baseInput, channel: "email" }, TUE_1000, customer);
const charged = () => {
  const t = open();
  t.do({
    type: "ticket.setChargeCategory",
    at: TUE_1000 + MIN,
    actor: staff,
    categoryId: "incident-at-provider",
  });
  return t;
};
const automatic = (at: number, kind: "autoReply" | "bulk" | "bounce" = "autoReply") =>
  ({ type: "ticket.recordAutomaticMail", at, actor: system, kind, from: "jane@acme.example" }) as const;

describe("R-MAIL-4: an automatic mail only records", () => {
  it("R-MAIL-4 / R-LC-2: an out-of-office to a ticket waiting for the customer leaves it waiting, its reminder and auto-close where they were", () => {
    const t = charged();
    t.do({ type: "ticket.requestInformation", at: TUE_1000 + HOUR, actor: staff });
    const before = t.view.deadlines;
    t.do(automatic(TUE_1000 + 2 * HOUR));
    expect(t.view.status).toBe("waitingForCustomer");
    expect(t.view.deadlines).toEqual(before);
    expect(t.effects.filter((e) => e.type !== "scheduleDeadlines")).toEqual([]);
    // the timers still fire as if the automatic mail never came (R-LC-6)
    t.sweep(TUE_1000 + HOUR + 14 * DAY);
    expect(t.view.status).toBe("closed");
  });

  it("R-MAIL-4 / R-LC-5: an auto-reply to a resolved ticket does not stop or postpone its auto-close", () => {
    const t = charged();
    t.do({ type: "ticket.proposeResolution", at: TUE_1000 + HOUR, actor: staff });
    const closeAt = t.view.deadlines.autoClose;
    t.do(automatic(TUE_1000 + 2 * HOUR, "bulk"));
    expect(t.view.status).toBe("resolved");
    expect(t.view.deadlines.autoClose).toBe(closeAt);
    t.sweep(TUE_1000 + HOUR + 10 * DAY);
    expect(t.view.status).toBe("closed");
  });

  it("R-MAIL-4 / R-LC-7: a bounce on a closed ticket is recorded without reopening it", () => {
    const t = charged();
    t.do({ type: "ticket.close", at: TUE_1000 + HOUR, actor: staff, reason: "done by phone" });
    const version = t.view.version;
    t.do(automatic(TUE_1000 + 2 * HOUR, "bounce"));
    expect(t.view.status).toBe("closed");
    expect(t.view.version).toBe(version + 1);
    expect(t.view.history.at(-1)?.summary).toMatch(/Bounce received from jane@acme.example/);
  });

  it("R-MAIL-4 / R-LC-1: an automatic mail notifies nobody and is not a first response", () => {
    const t = open();
    const out = t.do(automatic(TUE_1000 + MIN));
    expect(out.effects.filter((e) => e.type === "notify")).toEqual([]);
    expect(t.view.firstRespondedAt).toBeNull();
    expect(t.view.status).toBe("new");
  });

  it("R-MAIL-4 / R-LC-9: only the system (the mail intake) records automatic mail; a person is refused", () => {
    const t = open();
    for (const actor of [customer, staff]) {
      const r = applyTicketEvent(testPolicy, t.snapshot, { ...automatic(TUE_1000 + MIN), actor });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe("FORBIDDEN");
    }
  });
});
