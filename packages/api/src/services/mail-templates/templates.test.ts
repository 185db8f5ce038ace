import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { complaintStatuses } from "@helpdesk/domain";
import { describe, expect, it } from "vitest";
import { ticketMailPayload } from "../mail-out";
import { MAIL_LANGUAGES, MAIL_TEMPLATES, mailLanguageOf, renderMail } from "./index";

const DOMAIN_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../domain/src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

/** Every `template:` a `notify` effect of the domain can carry, read from its source. */
function domainTemplateNames(): string[] {
  const names = new Set<string>();
  for (const file of sources(DOMAIN_SRC)) {
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/template:\s*"([^"]+)"/g)) names.add(m[1] as string);
    for (const m of src.matchAll(/template:\s*`([^`]*)`/g)) {
      // the one computed name: billingComplaint.<status>
      if (m[1] === `billingComplaint.$\{next.status}`)
        for (const s of complaintStatuses) names.add(`billingComplaint.${s}`);
      else names.add(`unknown computed template in ${path.basename(file)}: ${m[1]}`);
    }
  }
  return [...names].sort();
}

const SAMPLE = {
  number: "RCR 1234567",
  subject: "Printer on fire",
  link: "/tickets/00000000-0000-4000-8000-000000000000",
  reply: "Hello, **try** turning it off.",
  data: {
    number: "RCR 1234567",
    ticketNumber: "RCR 1234567",
    missing: ["serial number"],
    closesAt: Date.UTC(2026, 0, 15, 9, 30),
    reason: "wrong category",
    level: 2,
    function: "team lead",
    automated: true,
    currency: "EUR",
    answer: { kind: "creditNote", amount: 120.5, correctedAmount: 80, note: "sorry", reason: "as agreed" },
  },
};

describe("mail templates (R-MAIL-5, R-TKT-7)", () => {
  it("R-MAIL-5: every notify template the domain can emit has a mail template", () => {
    const names = domainTemplateNames();
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !(n in MAIL_TEMPLATES))).toEqual([]);
  });

  it.each(Object.keys(MAIL_TEMPLATES).flatMap((t) => MAIL_LANGUAGES.map((l) => [t, l] as const)))(
    "R-TKT-7: %s in %s renders with the tag and no placeholder left",
    (template, lang) => {
      const m = renderMail(template, lang, SAMPLE);
      expect(m.subject.startsWith("[RCR 1234567] ")).toBe(true);
      for (const s of [m.subject, m.body]) {
        expect(s.trim()).not.toBe("");
        expect(s).not.toMatch(/undefined|null|NaN|\[object|\$\{|\{\{/);
      }
    },
  );

  it("R-TKT-7: French and English differ, and the language is the ticket's, else the account's", () => {
    expect(renderMail("ticketClosed", "fr", SAMPLE).body).not.toBe(
      renderMail("ticketClosed", "en", SAMPLE).body,
    );
    expect(mailLanguageOf("fr", "en")).toBe("fr");
    expect(mailLanguageOf("de", "fr")).toBe("fr");
    expect(mailLanguageOf(null, null)).toBe("en");
  });

  it("R-MAIL-5: a staff reply's mail is the reply's text", () => {
    expect(renderMail("staffReplied", "en", SAMPLE).body).toBe(SAMPLE.reply);
  });

  it.each(["informationRequested", "resolutionProposed"].flatMap((t) => MAIL_LANGUAGES.map((l) => [t, l])))(
    "R-MAIL-5: %s (%s) carries the agent's words, not only a notice",
    (template, lang) => {
      expect(renderMail(template, lang as "en", SAMPLE).body).toContain(SAMPLE.reply);
      const { reply: _none, ...withoutWords } = SAMPLE;
      expect(renderMail(template, lang as "en", withoutWords).body).not.toMatch(/undefined/);
    },
  );

  it("R-MAIL-5: the staff message's text goes into the customer's mail of the transition, never staff's", () => {
    const facts = {
      ticket: { id: "t1", number: "RCR 1234567", subject: "Printer on fire" },
      template: "informationRequested",
      data: { missing: [] },
      language: "en" as const,
      reply: { id: "m1", body: "Which printer model is it?" },
    };
    expect(ticketMailPayload({ ...facts, to: "c@example.com", role: "customer" }).body).toContain(
      "Which printer model is it?",
    );
    expect(
      ticketMailPayload({ ...facts, template: "customerReplied", to: "a@example.com", role: "assignee" })
        .body,
    ).not.toContain("Which printer model");
  });
});
