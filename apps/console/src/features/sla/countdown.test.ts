import type { Calendar } from "@helpdesk/domain";
import { describe, expect, it } from "vitest";
import { deadlineState } from "./countdown";

const MIN = 60_000;
/** Mon–Fri 08:00–17:00 in Chicago (the fax-reseller preset's calendar shape). */
const central: Calendar = {
  id: "central",
  name: "Central business hours",
  kind: "business",
  timeZone: "America/Chicago",
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })),
  holidays: [],
};

describe("deadlineState", () => {
  const now = Date.parse("2026-11-23T15:00:00Z"); // Monday 09:00 in Chicago
  it("R-SLA-4: ok, then amber within the warning window, then red once due", () => {
    expect(deadlineState({ dueAt: now + 60 * MIN, warnWithinMinutes: 10 }, now, null).tone).toBe("ok");
    expect(deadlineState({ dueAt: now + 5 * MIN, warnWithinMinutes: 10 }, now, null).tone).toBe("warning");
    const over = deadlineState({ dueAt: now - 2 * MIN }, now, null);
    expect(over).toMatchObject({ tone: "breached", label: "2m over" });
  });

  it("R-SLA-4: a recorded breach stays red even after its deadline was cleared", () => {
    expect(deadlineState({ dueAt: null, breached: true }, now, null)).toMatchObject({
      tone: "breached",
      label: "breached",
    });
    expect(deadlineState({ dueAt: null }, now, null).tone).toBe("done");
  });

  it("R-SLA-3: a paused clock shows what is left instead of counting down", () => {
    expect(deadlineState({ dueAt: now + MIN, paused: true, remainingMinutes: 90 }, now, null)).toMatchObject({
      tone: "paused",
      label: "paused · 1h 30m left",
    });
  });

  it("R-SLA-2: time left counts service time only", () => {
    // due Tuesday 09:00 Chicago: Monday 09:00–17:00 and Tuesday 08:00–09:00 are 9 service hours, not 24
    const s = deadlineState({ dueAt: now + 24 * 60 * MIN }, now, central);
    expect(s.minutesLeft).toBe(9 * 60);
    expect(s.label).toBe("9h 00m");
  });
});
