/** One active policy, read-only: classes, priorities, targets, calendars, ladder, charges. */
import type { Calendar, Policy, Targets } from "@helpdesk/domain";
import {
  Badge,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  formatMinutes,
  formatMoney,
  Table,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";

const dayNames = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function target(t: Targets | undefined, classId: string, priorityId: string): string {
  if (!t) return "—";
  const m = t.byClassification[classId] ?? t.byPriority[priorityId];
  return m === undefined ? "—" : formatMinutes(m);
}

function calendarSummary(c: Calendar): string {
  if (c.kind === "always") return "24 × 7";
  const byHours = new Map<string, number[]>();
  for (const w of c.weekly) {
    const k = `${w.start}–${w.end}`;
    byHours.set(k, [...(byHours.get(k) ?? []), w.day]);
  }
  return [...byHours.entries()]
    .map(([h, days]) => {
      const sorted = [...days].sort();
      const first = sorted[0]!;
      const last = sorted[sorted.length - 1]!;
      const contiguous = last - first + 1 === sorted.length;
      return `${contiguous && sorted.length > 1 ? `${dayNames[first]}–${dayNames[last]}` : sorted.map((d) => dayNames[d]).join(", ")} ${h}`;
    })
    .join("; ");
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function PolicyView({ policy }: { policy: Policy }) {
  return (
    <div className="grid grid-cols-2 gap-4" data-testid={`policy-${policy.id}`}>
      <Section title="Classes and priorities">
        <div className="flex flex-col gap-3 text-sm">
          <div className="flex flex-wrap gap-1.5">
            {policy.classifications.map((c) => (
              <Badge key={c.id} tone={c.express ? "violet" : "indigo"} title={c.description}>
                {c.name}
              </Badge>
            ))}
          </div>
          <div className="flex flex-wrap gap-1.5">
            {policy.priorities.map((p) => (
              <Badge
                key={p.id}
                tone={p.rank === 1 ? "red" : p.rank === 2 ? "orange" : "gray"}
                title={p.description}
              >
                {p.name}
                {p.id === policy.defaultPriorityId ? " (default)" : ""}
              </Badge>
            ))}
          </div>
          <p className="text-muted-foreground">
            Ticket ids <span className="font-mono">{policy.ticketIdPrefix} 1234567</span> · languages{" "}
            {policy.languages.join(", ")}
          </p>
        </div>
      </Section>
      <Section title="Calendars">
        <ul className="flex flex-col gap-2 text-sm">
          {policy.calendars.map((c) => (
            <li key={c.id}>
              <span className="font-medium">{c.name}</span>{" "}
              <span className="text-muted-foreground">
                {calendarSummary(c)}
                {c.kind === "business" ? ` · ${c.timeZone}` : ""}
                {c.kind === "business" && c.holidays.length ? ` · ${c.holidays.length} holidays` : ""}
              </span>
            </li>
          ))}
        </ul>
      </Section>
      <div className="col-span-2">
        <Section title="Service levels and targets in service time">
          <div className="flex flex-col gap-4">
            {policy.serviceLevels.map((sl) => (
              <div key={sl.id}>
                <p className="mb-2 text-sm">
                  <span className="font-semibold">{sl.name}</span>{" "}
                  <span className="text-muted-foreground">
                    calendar {policy.calendars.find((c) => c.id === sl.calendarId)?.name ?? sl.calendarId}
                    {sl.assignmentMinutes ? ` · assigned within ${formatMinutes(sl.assignmentMinutes)}` : ""}{" "}
                    · warning at {Math.round(sl.warnAtFraction * 100)}% of a target
                  </span>
                </p>
                <Table caption={`Targets of ${sl.name}`}>
                  <THead>
                    <Tr>
                      <Th>Class</Th>
                      {policy.priorities.map((p) => (
                        <Th key={p.id}>{p.name}: first response / resolution / callback</Th>
                      ))}
                    </Tr>
                  </THead>
                  <TBody>
                    {policy.classifications.map((c) => (
                      <Tr key={c.id}>
                        <Th scope="row" className="normal-case tracking-normal">
                          {c.name}
                        </Th>
                        {policy.priorities.map((p) => (
                          <Td key={p.id} className="font-mono text-xs">
                            {target(sl.firstResponse, c.id, p.id)} / {target(sl.resolution, c.id, p.id)} /{" "}
                            {target(sl.callback, c.id, p.id)}
                          </Td>
                        ))}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            ))}
          </div>
        </Section>
      </div>
      <Section title="Escalation ladder">
        <ol className="flex flex-col gap-2 text-sm">
          {policy.escalation.ladder.map((l) => (
            <li key={l.level} className="flex gap-2">
              <Badge tone="orange">L{l.level}</Badge>
              <span>
                <span className="font-medium">{l.name}</span> — {l.function} ·{" "}
                <span className="text-muted-foreground">{l.contact}</span> ·{" "}
                {l.afterPreviousMinutes === null
                  ? "on request"
                  : `${formatMinutes(l.afterPreviousMinutes)} of service time after the previous level`}
              </span>
            </li>
          ))}
          {policy.escalation.ladder.length === 0 ? (
            <li className="text-muted-foreground">No ladder.</li>
          ) : null}
        </ol>
      </Section>
      <Section title="Lifecycle">
        <ul className="flex flex-col gap-1 text-sm">
          <li>
            Resolved tickets close after {policy.lifecycle.autoCloseResolvedDays} days without an answer;
            notice {policy.lifecycle.autoCloseNoticeDays} days before.
          </li>
          <li>More time for testing adds {policy.lifecycle.moreTimeDays} days.</li>
          <li>
            Waiting for customer: reminder after {policy.lifecycle.waiting.reminderDays} days, closed after{" "}
            {policy.lifecycle.waiting.autoCloseDays} days.
          </li>
          <li>
            Reopen:{" "}
            {policy.lifecycle.reopen.mode === "withinDays"
              ? `within ${policy.lifecycle.reopen.days} days`
              : policy.lifecycle.reopen.mode === "always"
                ? "always"
                : "never (a new linked ticket)"}
          </li>
        </ul>
      </Section>
      <div className="col-span-2">
        <Section title="Charge catalog">
          <Table caption="Charge categories">
            <THead>
              <Tr>
                <Th>Category</Th>
                <Th>Chargeable</Th>
                <Th>Price</Th>
                <Th>What the customer sees</Th>
              </Tr>
            </THead>
            <TBody>
              {policy.charging.catalog.map((c) => (
                <Tr key={c.id}>
                  <Td className="font-medium">{c.name}</Td>
                  <Td>
                    {c.chargeable ? <Badge tone="amber">chargeable</Badge> : <Badge tone="green">free</Badge>}
                  </Td>
                  <Td>{c.price ? formatMoney(c.price.amount, c.price.currency) : "—"}</Td>
                  <Td className="text-muted-foreground">{c.explanation}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          {policy.charging.expressSurcharge ? (
            <p className="mt-2 text-sm text-muted-foreground">
              Express surcharge:{" "}
              {formatMoney(
                policy.charging.expressSurcharge.amount,
                policy.charging.expressSurcharge.currency,
              )}
            </p>
          ) : null}
        </Section>
      </div>
      {policy.assumptions.length ? (
        <div className="col-span-2">
          <Section title="Assumptions (figures the guide leaves open)">
            <ul className="flex flex-col gap-1 text-sm">
              {policy.assumptions.map((a) => (
                <li key={a.path}>
                  <span className="font-mono text-xs">{a.path}</span> — {a.note}
                </li>
              ))}
            </ul>
          </Section>
        </div>
      ) : null}
    </div>
  );
}
