/**
 * R-MAIL-4: what counts as automatic mail (headers per RFC 3834 and what real systems send, then
 * out-of-office subjects in English, French and German), and R-MAIL-3: reading a trusted
 * Authentication-Results header (RFC 8601) and DMARC-style alignment.
 */
import { describe, expect, it } from "vitest";
import { aligned, authenticateByHeader, parseAuthenticationResults } from "./authenticate";
import { detectAutomatic } from "./automatic";

const mail = (
  headers: Record<string, string> = {},
  subject = "Question about invoices",
  from = "jane@acme.example",
) => ({
  headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
  subject,
  from,
  contentType: headers["Content-Type"] ?? "text/plain",
});

describe("R-MAIL-4: automatic mail", () => {
  it.each([
    [{ "Auto-Submitted": "auto-replied" }, "autoReply"],
    [{ "Auto-Submitted": "auto-generated; owner-email=x@y" }, "autoReply"],
    [{ "X-Autoreply": "yes" }, "autoReply"],
    [{ "X-Autorespond": "Out of office" }, "autoReply"],
    [{ "X-Auto-Response-Suppress": "All" }, "autoReply"],
    [{ "X-Auto-Response-Suppress": "DR, OOF, AutoReply" }, "autoReply"],
    [{ Precedence: "bulk" }, "bulk"],
    [{ Precedence: "junk" }, "bulk"],
    [{ Precedence: "list" }, "bulk"],
    [{ "List-Id": "<news.acme.example>" }, "bulk"],
    [{ "Return-Path": "<>" }, "autoReply"],
    [{ "Content-Type": 'multipart/report; report-type="delivery-status"; boundary=x' }, "bounce"],
  ])("R-MAIL-4: %o is %s", (headers, kind) => {
    expect(detectAutomatic(mail(headers))?.kind).toBe(kind);
  });

  it.each([
    "Out of Office: Your ticket",
    "Automatic reply: [RCR 0000001] SMS delayed",
    "AutoReply: holidays",
    "Re: Out of the office until Monday",
    "Réponse automatique : Filtre anti-spam",
    "Absence du bureau",
    "Message d'absence",
    "Abwesenheitsnotiz: Überweisung",
    "AW: Automatische Antwort: Störung",
    "Nicht im Büro: bis 9. März",
  ])("R-MAIL-4: the subject %j is an out-of-office reply", (subject) => {
    expect(detectAutomatic(mail({}, subject))?.kind).toBe("autoReply");
  });

  it.each([
    [{ "Auto-Submitted": "no" }, "Re: [RCR 0000001] delivery reports"],
    [{ "X-Auto-Response-Suppress": "DR, RN, NRN" }, "Invoice question"],
    [{ Precedence: "first-class" }, "Fax down"],
    [{}, "Office move next week: new fax numbers"],
    [{}, "Where is the out-of-office setting in the portal?"],
    [{}, "Support out of office hours for Express tickets?"],
    [{}, "Re: Fax lines on vacation mode?"],
  ])("R-MAIL-4: %o with %j is a person's mail", (headers, subject) => {
    expect(detectAutomatic(mail(headers, subject))).toBeNull();
  });

  it("R-MAIL-4: mail from MAILER-DAEMON or postmaster is a bounce; the SMTP null sender is automatic", () => {
    expect(detectAutomatic(mail({}, "Undelivered", "mailer-daemon@mx.example"))?.kind).toBe("bounce");
    expect(detectAutomatic(mail(), { returnPath: "<>" })?.kind).toBe("autoReply");
  });
});

describe("R-MAIL-3: trusted Authentication-Results", () => {
  it("parses the authserv-id, methods, results and properties, ignoring comments", () => {
    const r = parseAuthenticationResults(
      "MX.Helpdesk.test 1; dkim=pass (2048-bit key) header.d=acme.example header.s=s1; spf=softfail smtp.mailfrom=bounce@acme.example; dmarc=pass (p=reject) header.from=acme.example",
    );
    expect(r.authservId).toBe("mx.helpdesk.test");
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual([
      "dkim=pass",
      "spf=softfail",
      "dmarc=pass",
    ]);
    expect(r.results[0]?.props.get("header.d")).toBe("acme.example");
  });

  it("alignment: the same domain or a subdomain of it", () => {
    expect(aligned("mail.acme.example", "acme.example")).toBe(true);
    expect(aligned("acme.example", "evil.example")).toBe(false);
    expect(aligned("", "acme.example")).toBe(false);
    // no public-suffix list: never aligned across a shared suffix
    expect(aligned("evil.co.uk", "victim.co.uk")).toBe(false);
  });

  const headers = (...values: string[]) => ({
    headers: new Map([["authentication-results", values]]),
    from: "jane@acme.example",
  });
  it.each([
    [["mx.helpdesk.test; dmarc=pass header.from=acme.example"], "pass"],
    [["mx.helpdesk.test; dkim=pass header.d=mail.acme.example"], "pass"],
    [["mx.helpdesk.test; spf=pass smtp.mailfrom=bounces@acme.example"], "pass"],
    [["mx.helpdesk.test; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=evil.example"], "fail"],
    [["mx.helpdesk.test; dmarc=fail header.from=acme.example"], "fail"],
    [["evil.example; dmarc=pass header.from=acme.example"], "none"],
    // the top-most header of our authserv-id counts; a forged one below it does not
    [
      [
        "mx.helpdesk.test; dmarc=fail header.from=acme.example",
        "mx.helpdesk.test; dmarc=pass header.from=acme.example",
      ],
      "fail",
    ],
    [[], "none"],
  ])("R-MAIL-3: %j → %s", (values, status) => {
    expect(authenticateByHeader(headers(...values), "mx.helpdesk.test").status).toBe(status);
  });

  it("R-MAIL-3: without a configured authserv-id nothing is trusted", () => {
    const v = authenticateByHeader(
      headers("mx.helpdesk.test; dmarc=pass header.from=acme.example"),
      undefined,
    );
    expect(v.status).toBe("none");
    expect(v.reason).toContain("MAIL_AUTHSERV_ID");
  });
});
