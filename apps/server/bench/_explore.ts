import { presets } from "@helpdesk/domain/presets";
import { openTicket } from "@helpdesk/domain/ticket";

const p = presets["messaging-provider" as keyof typeof presets];
const at = Date.parse("2026-03-02T08:00:00Z");
const r = openTicket(
  p,
  {
    number: "RCR 0000001",
    accountId: "a1",
    serviceLevelId: "standard",
    contract: { is24x7: false, expressAllowed: false },
    channel: "portal",
    inquiryType: "incident",
    impact: "high" as any,
    urgency: "high" as any,
    subject: "SMS gateway returns error 503",
    information: { description: "It fails since 9am" } as any,
    contactId: "c1",
  },
  at,
  { kind: "customer", id: "u1", accountId: "a1", role: "customerAdmin" },
);
if (!r.ok) throw r.error;
console.log(JSON.stringify(r.value.snapshot, null, 1).slice(0, 3000));
console.log(
  Object.keys(p),
  p.priorities.map((x: any) => x.id),
);
