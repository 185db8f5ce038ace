import { readFileSync } from "node:fs";
import { join } from "node:path";
import { invoiceLines } from "@helpdesk/db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("charge explanations people read (R-CHG-4)", () => {
  // new decisions are written without ids (domain: charging.test.ts); lines stored before are cleaned
  it("R-CHG-4: custom migration 0010 takes the ids out of lines stored before", async () => {
    const t = await api.as(api.a.msgAdmin).ticket.open({
      inquiryType: "serviceRequest",
      subject: "A report",
      description: "Please send the delivery report.",
    });
    const [line] = await api.db
      .insert(invoiceLines)
      .values({
        ticketId: t.id,
        accountId: t.accountId ?? "",
        categoryId: "report-request",
        explanation:
          "Charged as 'Report Request' (R-CHG-1): Reports are charged. Because x (R-CHG-2). SRQ Express adds a surcharge of €30.00 (R-SLA-6, R-CHG-3).",
        amount: 49,
        currency: "EUR",
        period: "2026-03",
      })
      .returning();
    const file = join(import.meta.dirname, "../../../db/drizzle/0010_plain_charge_explanations.sql");
    for (const statement of readFileSync(file, "utf8").split("--> statement-breakpoint"))
      await api.db.execute(sql.raw(statement));
    const [after] = await api.db.select().from(invoiceLines).where(eq(invoiceLines.id, line!.id));
    expect(after?.explanation).toBe(
      "Charged as 'Report Request': Reports are charged. Because x. SRQ Express adds a surcharge of €30.00.",
    );
  });
});
