import { describe, expect, it } from "vitest";
import { addServiceMinutes, isServiceTime } from "../calendar";
import { parsePolicy } from "../policy";
import { requiredFieldIds } from "../policy/schema";
import {
  faxReseller,
  mailFilterVendor,
  messagingProvider,
  presetIds,
  presets,
  resolvePolicyPath,
} from "./index";

describe("presets (SPEC §8)", () => {
  it.each(presetIds)("%s validates with parsePolicy", (id) => {
    const r = parsePolicy(presets[id]);
    if (!r.ok) throw r.error;
    expect(r.value.id).toBe(id);
  });

  it.each(presetIds)("%s: every assumption path names a real policy field", (id) => {
    const p = presets[id];
    expect(p.assumptions.length).toBeGreaterThan(0);
    for (const a of p.assumptions)
      expect(resolvePolicyPath(p, a.path), a.path).toMatchObject({ found: true });
  });

  it("the path resolver refuses paths that name nothing", () => {
    expect(resolvePolicyPath(messagingProvider, "lifecycle.nope").found).toBe(false);
    expect(resolvePolicyPath(messagingProvider, "serviceLevels.gold").found).toBe(false);
    expect(resolvePolicyPath(messagingProvider, "escalation.ladder.2.afterPreviousMinutes")).toEqual({
      found: true,
      value: 1440,
    });
  });

  it.each(presetIds)("R-TKT-6: %s carries the guides' required-information matrix exactly", (id) => {
    const m = Object.fromEntries(presets[id].requiredInformation.map((f) => [f.id, f.inquiryTypes]));
    expect(Object.keys(m).sort()).toEqual([...requiredFieldIds].sort());
    const all = ["incident", "serviceRequest", "standardChange", "nonStandardChange"];
    expect(m.customerNumber).toEqual(all);
    expect(m.contactPhone).toEqual(all);
    expect(m.description).toEqual(all);
    expect(m.impactedTransactions).toEqual(["incident", "serviceRequest"]);
    expect(m.testPermission).toEqual(["incident", "serviceRequest"]);
    for (const f of ["reproduction", "stepsTaken", "occurredBefore"]) expect(m[f]).toEqual(["incident"]);
  });

  it.each(presetIds)("R-TKT-5: %s — email never sets a priority nor pages on call", (id) => {
    expect(presets[id].channels.email).toMatchObject({ maySetPriority: false, mayPageOnCall: false });
  });
});

describe("messaging-provider", () => {
  const p = messagingProvider;
  it("R-TKT-1: prefix RCR", () => expect(p.ticketIdPrefix).toBe("RCR"));
  it("R-TKT-3: classes IC1–3, SRQ Standard and SRQ Express (express)", () => {
    expect(p.classifications.map((c) => c.name)).toEqual([
      "Incident Class 1",
      "Incident Class 2",
      "Incident Class 3",
      "SRQ Express",
      "SRQ Standard",
    ]);
    expect(p.classifications.filter((c) => c.express).map((c) => c.id)).toEqual(["srq-express"]);
  });
  it("R-ESC-1: five-level ladder, 8/24/48/72 business hours, level 1 only if needed", () => {
    expect(p.escalation.ladder.map((l) => l.afterPreviousMinutes)).toEqual([null, 480, 1440, 2880, 4320]);
    expect(p.escalation.ladder.map((l) => l.function)).toEqual([
      "Global Support Team",
      "Functional Leads Service & Solution",
      "Heads Service & Solution",
      "Directors Service & Solution",
      "CTO",
    ]);
    expect(p.escalation.ladder[4]?.contact).toBe("ITOEscalationCTO@messaging-provider.example");
  });
  it("R-CHG-1: the charge catalog is the guide's table", () => {
    const chargeable = (flag: boolean) =>
      p.charging.catalog.filter((c) => c.chargeable === flag).map((c) => c.id);
    expect(chargeable(false)).toEqual(["fax-blacklist", "incident-at-provider", "virus-complaint-justified"]);
    expect(chargeable(true)).toEqual([
      "customer-change",
      "service-question",
      "incident-at-customer",
      "report-request",
      "research-analysis",
      "spam-request",
      "virus-complaint-unjustified",
    ]);
    for (const c of p.charging.catalog.filter((x) => x.chargeable)) {
      expect(c.reason).toBeDefined();
      expect(c.price?.amount).toBeGreaterThan(0);
    }
    expect(p.charging.expressSurcharge?.amount).toBeGreaterThan(0);
  });
  it("R-LC-5: auto-close 10 days after resolution, notice before", () => {
    expect(p.lifecycle.autoCloseResolvedDays).toBe(10);
    expect(p.lifecycle.autoCloseNoticeDays).toBeLessThan(10);
  });
  it("R-MI-2 and R-SUR-1: status post is first response; surveys on", () => {
    expect(p.majorIncidents.statusPostIsFirstResponse).toBe(true);
    expect(p.surveys.enabled).toBe(true);
  });
  it("R-SLA-1: every class has first-response and resolution targets on every level", () => {
    for (const s of p.serviceLevels)
      for (const c of p.classifications) {
        expect(s.firstResponse.byClassification[c.id]).toBeGreaterThan(0);
        expect(s.resolution.byClassification[c.id]).toBeGreaterThan(
          s.firstResponse.byClassification[c.id] ?? 0,
        );
      }
  });
});

describe("fax-reseller", () => {
  const p = faxReseller;
  it("R-TKT-4: Urgent/High/Medium/Low, Medium default", () => {
    expect(p.priorities.map((x) => x.name)).toEqual(["Urgent", "High", "Medium", "Low"]);
    expect(p.defaultPriorityId).toBe("medium");
  });
  it("R-SLA-1: Mon–Fri 08:00–17:00 US Central, assignment 30 min, callback Urgent 30 / Medium 120", () => {
    const cal = p.calendars.find((c) => c.id === p.serviceLevels[0]?.calendarId);
    expect(cal).toMatchObject({ kind: "business", timeZone: "America/Chicago" });
    if (cal?.kind === "business") expect(cal.weekly).toHaveLength(5);
    for (const s of p.serviceLevels) {
      expect(s.assignmentMinutes).toBe(30);
      expect(s.callback?.byPriority).toMatchObject({ urgent: 30, medium: 120 });
    }
  });
  it("R-SLA-5: Urgent pages on call; 24x7 level has an always calendar; portal/phone/voicemail may page", () => {
    expect(p.onCall.pagingPriorityIds).toEqual(["urgent"]);
    const lvl = p.serviceLevels.find((s) => s.afterHoursCalendarId);
    expect(p.calendars.find((c) => c.id === lvl?.afterHoursCalendarId)?.kind).toBe("always");
    for (const ch of ["portal", "phone", "voicemail"] as const)
      expect(p.channels[ch].mayPageOnCall).toBe(true);
  });
  it("R-TKT-2/R-ACT-4: professional services and temporary access on", () => {
    expect(p.professionalServices.enabled).toBe(true);
    expect(p.temporaryAccess.enabled).toBe(true);
  });
});

describe("mail-filter-vendor", () => {
  const p = mailFilterVendor;
  it("R-TKT-7: languages are exactly English and French", () =>
    expect([...p.languages].sort()).toEqual(["en", "fr"]));
  it("R-LC-6/R-LC-7: reminder then auto-close while waiting; reopen always", () => {
    expect(p.lifecycle.waiting.autoCloseDays).toBeGreaterThan(p.lifecycle.waiting.reminderDays);
    expect(p.lifecycle.reopen.mode).toBe("always");
  });
  it("R-ACT-6/R-ACT-5: partners with the customer's public IP; one delegate", () => {
    expect(p.partners).toEqual({
      enabled: true,
      onBehalfIdentifier: { label: "Customer's MailCleaner public IP", kind: "ipv4" },
    });
    expect(p.delegates.max).toBe(1);
  });
});

describe("preset calendars with the service-time arithmetic (R-SLA-2, R-SLA-5)", () => {
  const calendarOf = (p: typeof faxReseller, id: string) => {
    const c = p.calendars.find((x) => x.id === id);
    if (!c) throw new Error(`no calendar ${id}`);
    return c;
  };
  const at = (iso: string) => Date.parse(iso);

  it("R-SLA-2: fax-reseller — a Medium ticket opened Friday 16:30 Central with a 2 h callback is due Monday 09:30", () => {
    const level = faxReseller.serviceLevels.find((s) => s.id === "standard");
    const cal = calendarOf(faxReseller, level?.calendarId ?? "");
    const due = addServiceMinutes(
      cal,
      at("2026-06-12T16:30:00-05:00"),
      level?.callback?.byPriority.medium ?? 0,
    );
    expect(new Date(due).toISOString()).toBe(new Date(at("2026-06-15T09:30:00-05:00")).toISOString());
  });

  it("R-SLA-2: fax-reseller skips Thanksgiving and the day after", () => {
    const cal = calendarOf(faxReseller, "central-business");
    // Wednesday 2026-11-25 16:00 CST + 2 h → Monday 2026-11-30 09:00 CST
    const due = addServiceMinutes(cal, at("2026-11-25T16:00:00-06:00"), 120);
    expect(new Date(due).toISOString()).toBe(new Date(at("2026-11-30T09:00:00-06:00")).toISOString());
  });

  it("R-SLA-2: messaging-provider skips German holidays (Good Friday and Easter Monday 2026)", () => {
    const cal = calendarOf(messagingProvider, "berlin-business");
    expect(isServiceTime(cal, at("2026-04-03T10:00:00+02:00"))).toBe(false);
    expect(isServiceTime(cal, at("2026-04-06T10:00:00+02:00"))).toBe(false);
    expect(isServiceTime(cal, at("2026-04-07T10:00:00+02:00"))).toBe(true);
    // R-ESC-1: 8 business hours after Thursday 2026-04-02 14:00 → Tuesday 2026-04-07 12:00
    const due = addServiceMinutes(cal, at("2026-04-02T14:00:00+02:00"), 480);
    expect(new Date(due).toISOString()).toBe(new Date(at("2026-04-07T12:00:00+02:00")).toISOString());
  });

  it("R-SLA-5: the 24x7 levels' after-hours calendar is always in service", () => {
    for (const p of [messagingProvider, faxReseller]) {
      const lvl = p.serviceLevels.find((s) => s.id === "premium-24x7");
      const cal = calendarOf(p, lvl?.afterHoursCalendarId ?? "");
      expect(isServiceTime(cal, at("2026-12-25T03:00:00Z"))).toBe(true);
    }
  });
});
