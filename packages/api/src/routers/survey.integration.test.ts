/** Integration tests of the survey router: answering in the app (R-SUR-1). */
import { surveyInvitations } from "@helpdesk/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, codeOf, setupApi } from "../test-support";

let api: Api;
beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

describe("survey.mine", () => {
  it("R-SUR-1: a portal user sees their own open survey invitations and answers one in the app, once", async () => {
    const admin = api.as(api.a.msgAdmin);
    const mine = await admin.ticket.open({
      inquiryType: "incident",
      subject: "survey in app",
      description: "x",
    });
    const other = await api
      .as(api.a.msgStaff)
      .ticket.open({ inquiryType: "incident", subject: "colleague's ticket", description: "x" });
    await api.db.insert(surveyInvitations).values([
      // sent to the admin's authorized contact
      {
        token: "survey-in-app-0001",
        ticketId: mine.id,
        accountId: api.seed.accounts.msg,
        contactId: api.seed.contacts.msgAdmin ?? null,
      },
      // a ticket without a contact: the survey goes to whoever opened it (a colleague)
      { token: "survey-in-app-0002", ticketId: other.id, accountId: api.seed.accounts.msg, contactId: null },
    ]);

    const open = await admin.survey.mine();
    expect(open.map((s) => s.token)).toContain("survey-in-app-0001");
    expect(open.map((s) => s.token)).not.toContain("survey-in-app-0002");
    const entry = open.find((s) => s.token === "survey-in-app-0001");
    expect(entry?.ticketNumber).toBe(mine.number);
    expect(entry?.subject).toBe("survey in app");
    expect((await api.as(api.a.msgStaff).survey.mine()).map((s) => s.token)).toContain("survey-in-app-0002");
    // another account's people never see it
    expect((await api.as(api.a.faxAdmin).survey.mine()).map((s) => s.token)).not.toContain(
      "survey-in-app-0001",
    );

    await admin.survey.answer({ token: "survey-in-app-0001", score: 5, comment: "Answered in the portal" });
    expect((await admin.survey.mine()).map((s) => s.token)).not.toContain("survey-in-app-0001");
    expect(await codeOf(admin.survey.answer({ token: "survey-in-app-0001", score: 3 }))).toBe("CONFLICT");
    // the mail link now says it was answered
    expect((await api.as(null).survey.byToken({ token: "survey-in-app-0001" })).answered).toBe(true);
  });

  it("R-SUR-1: only portal users have pending surveys (staff FORBIDDEN, signed out UNAUTHORIZED)", async () => {
    expect(await codeOf(api.as(api.a.specialist).survey.mine())).toBe("FORBIDDEN");
    expect(await codeOf(api.as(null).survey.mine())).toBe("UNAUTHORIZED");
  });
});
