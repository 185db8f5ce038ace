import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, codeOf, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("ticket lookup by number (R-TKT-1)", () => {
  it("R-TKT-1: staff find a ticket by its number typed any way, its address form, digits alone or the old UUID", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      subject: "Find me by number",
      description: "Looked up by number.",
    });
    const staff = api.as(api.a.specialist);
    const digits = t.number.slice(-7);
    const prefix = t.number.slice(0, -8);
    for (const ref of [
      t.number,
      `${prefix}${digits}`,
      `${prefix.toLowerCase()} ${digits}`,
      `${prefix}-${digits}`,
      t.id,
    ])
      expect((await staff.staffTicket.lookup({ ref })).map((m) => m.id)).toEqual([t.id]);
    expect((await staff.staffTicket.lookup({ ref: digits })).map((m) => m.id)).toContain(t.id);
    expect((await staff.staffTicket.lookup({ ref: String(Number(digits)) })).map((m) => m.id)).toContain(
      t.id,
    );
    expect(await codeOf(staff.staffTicket.lookup({ ref: `${prefix} 9999999` }))).toBe("NOT_FOUND");
    expect(await codeOf(staff.staffTicket.lookup({ ref: "not a number" }))).toBe("BAD_REQUEST");
  });

  it("R-ACT-3, R-ACT-6: a customer finds its own ticket by number; another account's answers NOT_FOUND", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "incident",
      subject: "Mine only",
      description: "Only my account sees this.",
    });
    const own = await api.as(api.a.msgAdmin).ticket.lookup({ ref: t.number.replace(" ", "-") });
    expect(own).toEqual([{ id: t.id, number: t.number, subject: "Mine only" }]);
    expect(await codeOf(api.as(api.a.faxAdmin).ticket.lookup({ ref: t.number }))).toBe("NOT_FOUND");
    expect(await codeOf(api.as(api.a.faxAdmin).ticket.lookup({ ref: t.id }))).toBe("NOT_FOUND");
  });
});
