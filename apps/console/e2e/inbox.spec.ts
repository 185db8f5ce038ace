import { expect, test } from "@playwright/test";
import { E2E_MAIL_INBOUND_SECRET } from "./mail-secret";
import { apiMutation, apiQuery, authFile, expectAccessible, open, shot } from "./support";

test.describe("journey 4: the inbox of unidentified requests", () => {
  test.use({ storageState: authFile("specialist") });

  test("a voicemail from an unknown number is matched to an account and contact (R-TKT-5, R-ACT-3)", async ({
    page,
  }) => {
    await open(page, "/inbox", "specialist");
    const caller = `+1 512 555 ${String(Date.now()).slice(-4)}`;
    const voicemail = page
      .getByRole("form", { name: "Log a voicemail" })
      .or(page.locator("form").filter({ hasText: "Caller's number" }));
    await voicemail.getByLabel("Policy").selectOption({ label: "Fax reseller" });
    await voicemail.getByLabel("Caller's number").fill(caller);
    await voicemail
      .getByLabel("What the caller said")
      .fill("Our fax line drops every call since this morning.");
    await voicemail.getByRole("button", { name: "Log voicemail" }).click();
    const logged = page.getByText(/^Voicemail logged as /);
    await expect(logged).toBeVisible();
    const number = (await logged.textContent())?.match(/as (.+)\.$/)?.[1];
    expect(number).toBeTruthy();

    const item = page.locator(`[data-ticket="${number}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText("unidentified");
    await item.getByRole("button", { name: "Match to account…" }).click();
    await item.getByLabel("Find account").fill("Lone Star");
    await item.getByLabel("Account", { exact: true }).selectOption({ label: "Lone Star Clinics (20001)" });
    const contact = item.getByLabel("Authorized contact");
    await expect(contact.locator("option")).not.toHaveCount(1);
    await contact.selectOption({ index: 1 });
    await shot(page, "inbox-match");
    await expectAccessible(page, "inbox with the match form");
    await item.getByRole("button", { name: "Match", exact: true }).click();
    await expect(page.getByText(`${number} matched.`)).toBeVisible();
    await expect(item).toHaveCount(0);

    // the matched ticket now belongs to the account
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Queue" }).click();
    await page.getByPlaceholder(/Search subject or number/).fill(number!);
    const row = page.locator(`tbody tr[data-ticket="${number}"]`);
    await expect(row).toContainText("Lone Star Clinics");
  });

  test("temporary access asks the account's primary contact to confirm (R-ACT-4)", async ({ page }) => {
    await open(page, "/inbox", "specialist");
    const grant = page.locator("form").filter({ has: page.getByRole("button", { name: "Grant access" }) });
    await grant.getByLabel("First name").fill("Tina");
    await grant.getByLabel("Last name").fill("Temp");
    await grant.getByLabel("Email").fill(`tina.${Date.now()}@lonestar-clinics.example`);
    // the messaging-provider preset has no temporary access: refused with the reason, form kept
    await grant.getByLabel("Account").selectOption({ label: "Acme Messaging GmbH" });
    await grant.getByRole("button", { name: "Grant access" }).click();
    await expect(page.getByText("This policy does not allow temporary access.")).toBeVisible();
    await expect(grant.getByLabel("First name")).toHaveValue("Tina");
    // the fax reseller's does (confirm within 5 days)
    await grant.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await grant.getByRole("button", { name: "Grant access" }).click();
    await expect(
      page.getByText(/^Temporary access granted until .*the primary contact was asked to confirm\.$/),
    ).toBeVisible();
    await expect(grant.getByLabel("First name")).toHaveValue("");
  });

  test("a caller who is not an authorized contact is refused, then opened for a confirmed incident as waiting for authorization, and authorized from the inbox (R-ACT-3)", async ({
    page,
  }) => {
    await open(page, "/inbox", "specialist");
    const stamp = Date.now();
    const subject = `Clinic fax line dead ${stamp}`;
    const form = page.getByRole("form", { name: "Open a ticket for a request" });
    await form.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await form.getByLabel("Who it is from").selectOption({ label: "Someone not on the list of contacts" });
    await form.getByLabel("Their name").fill("Carl Caller");
    await form.getByLabel("Their phone").fill(`+1 512 555 ${String(stamp).slice(-4)}`);
    await form.getByLabel("Subject").fill(subject);
    await form.getByLabel("What they report").fill("No fax leaves the Austin clinic since 08:00.");

    // not an authorized contact: refused with the reason and what to do; the form keeps the text
    await form.getByRole("button", { name: "Open ticket" }).click();
    const refusal = form.getByRole("alert").filter({ hasText: "Not opened" });
    await expect(refusal).toContainText("not on the list of authorized support contacts");
    await expect(refusal).toContainText("tick “Support confirmed this incident”");
    await expect(form.getByLabel("Subject")).toHaveValue(subject);
    await expect(page.locator("[data-ticket]").filter({ hasText: subject })).toHaveCount(0);

    // support confirmed the incident: it opens now, flagged authorization pending
    await form.getByLabel(/Support confirmed this incident/).check();
    await form.getByRole("button", { name: "Open ticket" }).click();
    const opened = page.getByText(/ opened; it waits for authorization\.$/);
    await expect(opened).toBeVisible();
    const number = (await opened.textContent())?.match(/^(.+) opened;/)?.[1];
    expect(number).toBeTruthy();
    await expect(form.getByLabel("Subject")).toHaveValue("");

    const item = page.locator(`[data-ticket="${number}"]`);
    await expect(item).toContainText(subject);
    await expect(item).toContainText("authorization pending");
    await expect(item).toContainText("not an authorized contact");
    await expect(item.getByTestId("inbox-account")).toContainText("Lone Star Clinics");
    await item.scrollIntoViewIfNeeded();
    await shot(page, "inbox-authorization-pending");
    await expectAccessible(page, "inbox with a ticket waiting for authorization");

    // the workspace shows it too, with who called
    await item.getByRole("link", { name: subject }).click();
    await expect(page.getByTestId("ticket-subject")).toHaveText(subject);
    await expect(page.locator("header").getByText("authorization pending")).toBeVisible();
    await expect(page.getByText("Called in by Carl Caller")).toBeVisible();
    await page.goBack();

    // the account confirmed the caller: recorded from the inbox, the ticket leaves it
    await item.getByRole("button", { name: "Authorization received" }).click();
    await expect(page.getByText("Authorization recorded.")).toBeVisible();
    await expect(item).toHaveCount(0);
    const ticketId = (
      await apiQuery<{ items: { id: string; number: string }[] }>(page, "staffTicket.queue", {
        search: number,
        limit: 5,
      })
    ).items.find((t) => t.number === number)?.id;
    expect(ticketId).toBeTruthy();
    const after = await apiQuery<{ authorizationPending: boolean; status: string }>(
      page,
      "staffTicket.byId",
      {
        id: ticketId,
      },
    );
    expect(after.authorizationPending).toBe(false);
    expect(after.status).not.toBe("rejected");

    // an authorized contact's call opens at once and never waits here
    const direct = `Clinic printer fax ${Date.now()}`;
    await form.getByLabel("Account").selectOption({ label: "Lone Star Clinics" });
    await form.getByLabel("Who it is from").selectOption({ label: "Maria Lopez" });
    await expect(form.getByLabel(/Support confirmed this incident/)).toHaveCount(0);
    await form.getByLabel("Subject").fill(direct);
    await form.getByLabel("What they report").fill("The fax in room 3 rejects every incoming call.");
    await form.getByRole("button", { name: "Open ticket" }).click();
    await expect(page.getByText(/^[A-Z]+ \d{7} opened\.$/)).toBeVisible();
    await expect(page.locator("[data-ticket]").filter({ hasText: direct })).toHaveCount(0);
  });

  test("a ticket waiting for authorization that the account does not confirm is rejected from the inbox (R-ACT-3)", async ({
    page,
  }) => {
    await open(page, "/inbox", "specialist");
    const subject = `Unconfirmed caller ${Date.now()}`;
    const t = await apiMutation<{ id: string; number: string; authorizationPending: boolean }>(
      page,
      "staffTicket.openFor",
      {
        accountId: "acc-lone-star-clinics",
        contactId: null,
        channel: "phone",
        inquiryType: "incident",
        subject,
        description: "Called from the front desk; not on the contact list.",
        authorizationPending: true,
      },
    );
    expect(t.authorizationPending).toBe(true);
    await page.reload();
    const item = page.locator(`[data-ticket="${t.number}"]`);
    await expect(item).toContainText("authorization pending");
    await item.getByRole("button", { name: "Reject as unauthorized" }).click();
    // a call has no address: the dialog says nobody is told by mail; the reason is recorded
    const dialog = page.getByRole("dialog", { name: `Reject ${t.number} as unauthorized` });
    await expect(dialog.getByTestId("reject-notice")).toContainText("Nothing is sent");
    await expect(dialog.getByLabel("Reason (recorded on the ticket)")).toHaveValue(
      /did not confirm that you may open support tickets/,
    );
    await dialog.getByRole("button", { name: "Reject", exact: true }).click();
    await expect(page.getByText(`${t.number} rejected as unauthorized.`)).toBeVisible();
    await expect(item).toHaveCount(0);
    const after = await apiQuery<{ status: string; messages: { body: string }[] }>(page, "staffTicket.byId", {
      id: t.id,
    });
    expect(after.status).toBe("rejected");
    await page.goto(`/console/tickets/${t.id}`);
    await expect(page.locator("header [data-status]").first()).toHaveText("Rejected");
    await expect(
      page.getByTestId("ticket-actions").getByRole("button", { name: "Authorization received" }),
    ).toHaveCount(0);
  });

  test("a mail from an unknown sender posted to the inbound endpoint waits in the inbox and, matched to an account and contact, becomes its ticket (R-TKT-5, R-ACT-3)", async ({
    page,
    request,
  }) => {
    const stamp = Date.now();
    const from = `frank.${stamp}@unknown-clinic.example`;
    const subject = `Fax server rejects calls ${stamp}`;
    // what an MTA webhook posts: no browser, no session, the shared secret
    const res = await request.post("/api/mail/inbound", {
      headers: { authorization: `Bearer ${E2E_MAIL_INBOUND_SECRET}` },
      data: {
        from,
        fromName: "Frank Unknown",
        subject,
        text: "Hello support,\nsince this morning our fax server rejects every incoming call.\nFrank",
        messageId: `<${stamp}@unknown-clinic.example>`,
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const posted = (await res.json()) as { outcome: string; ticketNumber: string; ticketId: string };
    expect(posted.outcome).toBe("unmatched");

    await open(page, "/inbox", "specialist");
    const item = page.locator(`[data-ticket="${posted.ticketNumber}"]`);
    await expect(item).toBeVisible();
    await expect(item).toContainText("unidentified");
    await expect(item).toContainText("via email");
    const mail = item.getByTestId("inbox-mail");
    await expect(mail).toContainText("Frank Unknown");
    await expect(mail).toContainText(from);
    await expect(item.getByRole("link", { name: subject })).toBeVisible();
    await expect(mail).toContainText("our fax server rejects every incoming call");
    await expect(mail).toContainText("received");
    // R-MAIL-3: no trusted Authentication-Results came with it (the e2e server trusts no authserv-id)
    await expect(mail.getByTestId("inbox-mail-markers")).toContainText("unauthenticated");
    await item.scrollIntoViewIfNeeded();
    await shot(page, "inbox-unknown-mail");
    await expectAccessible(page, "inbox with a mail from an unknown sender");

    // support finds out who it is and matches it to the account and an authorized contact
    await item.getByRole("button", { name: "Match to account…" }).click();
    await item.getByLabel("Find account").fill("Lone Star");
    await item.getByLabel("Account", { exact: true }).selectOption({ label: "Lone Star Clinics (20001)" });
    const contact = item.getByLabel("Authorized contact");
    await expect(contact.locator("option")).not.toHaveCount(1);
    await contact.selectOption("c-faxNight"); // Nina Night
    await item.getByRole("button", { name: "Match", exact: true }).click();
    await expect(page.getByText(`${posted.ticketNumber} matched.`)).toBeVisible();
    await expect(item).toHaveCount(0);

    // the mail is now a ticket of the account, with the mail as its first message
    const after = await apiQuery<{
      accountId: string | null;
      contactId: string | null;
      channel: string;
      messages: { body: string; channel: string }[];
    }>(page, "staffTicket.byId", { id: posted.ticketId });
    expect(after.accountId).toBe("acc-lone-star-clinics");
    expect(after.contactId).toBeTruthy();
    expect(after.channel).toBe("email");
    expect(after.messages[0]?.channel).toBe("email");
    expect(after.messages[0]?.body).toContain("rejects every incoming call");
    await page.goto(`/console/tickets/${posted.ticketId}`);
    await expect(page.getByTestId("ticket-subject")).toHaveText(subject);

    // the MTA delivering the same mail again changes nothing
    const again = await request.post("/api/mail/inbound", {
      headers: { authorization: `Bearer ${E2E_MAIL_INBOUND_SECRET}` },
      data: { from, subject, text: "again", messageId: `<${stamp}@unknown-clinic.example>` },
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, ticketId: posted.ticketId });
  });
  test("rejecting an unknown sender's mail tells the sender why by mail, with the reason staff gave and the ticket id in the subject; a voicemail says nothing is sent (R-ACT-3, R-TKT-1)", async ({
    page,
    request,
  }) => {
    const stamp = Date.now();
    const from = `gary.${stamp}@nowhere-clinic.example`;
    const subject = `Please fix our fax ${stamp}`;
    const res = await request.post("/api/mail/inbound", {
      headers: { authorization: `Bearer ${E2E_MAIL_INBOUND_SECRET}` },
      data: { from, fromName: "Gary Nowhere", subject, text: "Our fax is broken, fix it." },
    });
    expect(res.status(), await res.text()).toBe(201);
    const posted = (await res.json()) as { outcome: string; ticketNumber: string; ticketId: string };
    expect(posted.outcome).toBe("unmatched");

    await open(page, "/inbox", "specialist");
    const item = page.locator(`[data-ticket="${posted.ticketNumber}"]`);
    const reject = item.getByRole("button", { name: "Reject as unauthorized" });
    await reject.click();
    const dialog = page.getByRole("dialog", { name: `Reject ${posted.ticketNumber} as unauthorized` });
    const notice = dialog.getByTestId("reject-notice");
    await expect(notice).toContainText("The sender will be told");
    await expect(notice).toContainText(`Gary Nowhere <${from}>`);
    await expect(notice).toContainText(`[${posted.ticketNumber}] ${subject} — Request not accepted`);
    await expect(notice).toContainText("add them as an authorized support contact");
    // keyboard: the reason has the focus, prefilled; Escape cancels and nothing happens
    const reason = dialog.getByLabel("Reason given to the sender");
    await expect(reason).toBeFocused();
    await expect(reason).toHaveValue(/could not identify you as an authorized support contact/);
    await shot(page, "inbox-reject-mail");
    await expectAccessible(page, "inbox reject dialog for a mail");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(item).toBeVisible();

    // again by keyboard: staff write their own reason and confirm
    await reject.focus();
    await page.keyboard.press("Enter");
    await expect(reason).toBeFocused();
    const why = `Nobody at Lone Star Clinics knows you (${stamp}).`;
    await reason.fill("");
    await expect(dialog.getByRole("button", { name: "Reject", exact: true })).toBeDisabled();
    await page.keyboard.type(why);
    await page.keyboard.press("Tab"); // Cancel
    await page.keyboard.press("Tab"); // Reject
    await expect(dialog.getByRole("button", { name: "Reject", exact: true })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(
      page.getByText(`${posted.ticketNumber} rejected as unauthorized; ${from} is told why.`),
    ).toBeVisible();
    await expect(item).toHaveCount(0);
    const after = await apiQuery<{ status: string }>(page, "staffTicket.byId", { id: posted.ticketId });
    expect(after.status).toBe("rejected");

    // the outbox worker sent it: one mail to the sender, the id in the subject, the reason in the body
    await expect
      .poll(
        async () => {
          const sent = await apiQuery<{ subject: string; body: string }[]>(page, "mail.log", {
            to: from,
            limit: 10,
          });
          return sent.map((m) => [m.subject.includes(`[${posted.ticketNumber}]`), m.body.includes(why)]);
        },
        { timeout: 30_000 },
      )
      .toEqual([[true, true]]);

    // a voicemail has no address: the dialog says nothing is sent
    const v = await apiMutation<{ id: string; number: string }>(page, "staffTicket.logVoicemail", {
      policyId: "fax-reseller",
      callerNumber: `+1 999 555 ${String(stamp).slice(-4)}`,
      transcript: "Call me back about the fax.",
    });
    await page.reload();
    await page
      .locator(`[data-ticket="${v.number}"]`)
      .getByRole("button", { name: "Reject as unauthorized" })
      .click();
    const vDialog = page.getByRole("dialog", { name: `Reject ${v.number} as unauthorized` });
    await expect(vDialog.getByTestId("reject-notice")).toContainText(
      "A voicemail has no address: nobody is told by mail.",
    );
    await vDialog.getByRole("button", { name: "Reject", exact: true }).click();
    await expect(page.getByText(`${v.number} rejected as unauthorized.`)).toBeVisible();
  });
});
