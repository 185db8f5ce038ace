/** The workspace's side panels: SLA, escalation, account, history (R-SLA-3/4, R-ESC-1/3). */
import type { Calendar, Policy } from "@helpdesk/domain";
import {
  Badge,
  DescriptionList,
  EmptyState,
  formatDateTime,
  formatMinutes,
  humanize,
  RelativeTime,
  StatusBadge,
  type TicketStatusName,
} from "@helpdesk/ui";
import { AlertOctagon, CheckCircle2, Pause } from "lucide-react";
import type { AccountPanelData, TicketDetail, TicketHistoryEntry } from "../../lib/api-types";
import { Deadline } from "../sla/deadline";
import { describeHistoryType } from "./use-ticket";

function targetOf(
  t: { byClassification: Record<string, number>; byPriority: Record<string, number> } | undefined,
  c: string | null,
  p: string,
) {
  if (!t) return null;
  return (c ? t.byClassification[c] : undefined) ?? t.byPriority[p] ?? null;
}

export function serviceLevelFor(policy: Policy | undefined, ticket: TicketDetail) {
  if (!policy) return undefined;
  const id = ticket.account?.serviceLevelId;
  return (
    policy.serviceLevels.find((s) => s.id === id) ??
    policy.serviceLevels.find((s) => s.id === policy.defaultServiceLevelId)
  );
}

/** Spans the resolution clock was paused (waiting for the customer, resolved), from the history's statuses (R-SLA-3). */
export function pausedSpans(
  history: TicketHistoryEntry[],
): { from: number; to: number | null; status: string }[] {
  const spans: { from: number; to: number | null; status: string }[] = [];
  let open: { from: number; status: string } | null = null;
  for (const h of history) {
    const status = (h.data as { status?: string } | null)?.status;
    if (!status) continue;
    const paused = status === "waitingForCustomer" || status === "resolved";
    if (paused && !open) open = { from: h.at, status };
    else if (!paused && open) {
      spans.push({ ...open, to: h.at });
      open = null;
    }
  }
  if (open) spans.push({ ...open, to: null });
  return spans;
}

export function breachesOf(history: TicketHistoryEntry[]) {
  return history
    .filter((h) => h.type === "sla.breach")
    .map((h) => {
      const d = h.data as { clock?: string; dueAt?: number };
      return { clock: d.clock ?? "?", dueAt: d.dueAt ?? null, at: h.at };
    });
}

const clockNames: Record<string, string> = {
  firstResponse: "First response",
  assignment: "Assignment",
  callback: "Callback",
  resolution: "Resolution",
};

export function SlaPanel({
  ticket,
  policy,
  calendar,
}: {
  ticket: TicketDetail;
  policy: Policy | undefined;
  calendar: Calendar | null;
}) {
  const sl = serviceLevelFor(policy, ticket);
  const fr = targetOf(sl?.firstResponse, ticket.classificationId, ticket.priorityId);
  const res = targetOf(sl?.resolution, ticket.classificationId, ticket.priorityId);
  const cb = targetOf(sl?.callback, ticket.classificationId, ticket.priorityId);
  const share = sl ? 1 - sl.warnAtFraction : 0.2;
  const breaches = breachesOf(ticket.history);
  const spans = pausedSpans(ticket.history);
  const breached = (clock: string) => breaches.some((b) => b.clock === clock);
  const d = ticket.deadlines;
  const row = (
    label: string,
    clock: string,
    target: number | null,
    dueAt: number | null,
    doneAt: number | null,
    paused = false,
  ) => ({
    key: clock,
    term: (
      <span>
        {label}
        {target !== null ? <span className="block text-xs">target {formatMinutes(target)}</span> : null}
      </span>
    ),
    value: doneAt ? (
      <span className="flex items-center gap-1 text-xs text-success-text">
        <CheckCircle2 className="size-3.5" aria-hidden="true" /> met {formatDateTime(doneAt)}
      </span>
    ) : breached(clock) ? (
      <span
        className="inline-flex items-center gap-1 rounded bg-tone-red-bg px-1.5 py-0.5 text-xs text-tone-red-fg"
        data-tone="breached"
      >
        <AlertOctagon className="size-3" aria-hidden="true" /> breached
      </span>
    ) : (
      <span className="flex flex-col gap-0.5">
        <Deadline
          label={label}
          calendar={calendar}
          dueAt={dueAt}
          paused={paused && dueAt === null}
          warnWithinMinutes={target !== null ? Math.max(1, Math.round(target * share)) : null}
        />
        {dueAt ? <span className="text-xs text-muted-foreground">due {formatDateTime(dueAt)}</span> : null}
      </span>
    ),
  });
  const items = [
    row("First response", "firstResponse", fr, d.firstResponse, ticket.firstResponseAt),
    ...(sl?.assignmentMinutes
      ? [row("Assignment", "assignment", sl.assignmentMinutes, d.assignment, null)]
      : []),
    ...(cb !== null ? [row("Callback", "callback", cb, d.callback, null)] : []),
    row("Resolution", "resolution", res, d.resolution, ticket.resolvedAt, ticket.paused),
  ].map((i) =>
    i.key === "assignment" && ticket.assigneeId
      ? { ...i, value: <span className="text-xs text-success-text">assigned</span> }
      : i,
  );

  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="sla-panel">
      <p className="text-muted-foreground">
        {sl ? `${sl.name} · ` : ""}
        {calendar
          ? calendar.kind === "always"
            ? "24 × 7"
            : `${calendar.name} (${calendar.timeZone})`
          : "calendar unknown"}{" "}
        · clocks count service time only
      </p>
      <DescriptionList items={items} />
      <div>
        <h3 className="mb-1 font-semibold">Paused spans</h3>
        {spans.length === 0 ? (
          <p className="text-muted-foreground">The resolution clock has not paused.</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {spans.map((s) => (
              <li key={s.from} className="flex items-center gap-1.5">
                <Pause className="size-3.5 text-muted-foreground" aria-hidden="true" />
                {formatDateTime(s.from)} → {s.to ? formatDateTime(s.to) : "now"}{" "}
                <span className="text-muted-foreground">({humanize(s.status)})</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Breaches</h3>
        {breaches.length === 0 ? (
          <p className="text-muted-foreground">No breach recorded.</p>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="breaches">
            {breaches.map((b) => (
              <li key={`${b.clock}-${b.at}`} className="flex items-center gap-1.5 text-danger-text">
                <AlertOctagon className="size-3.5" aria-hidden="true" />
                {clockNames[b.clock] ?? b.clock} due {b.dueAt ? formatDateTime(b.dueAt) : "—"}, recorded{" "}
                {formatDateTime(b.at)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function EscalationPanel({
  ticket,
  policy,
  calendar,
  nameOf,
}: {
  ticket: TicketDetail;
  policy: Policy | undefined;
  calendar: Calendar | null;
  nameOf?: (id: string) => string | null;
}) {
  const ladder = policy?.escalation.ladder ?? [];
  const level = ticket.escalationLevel;
  const current = level > 0 ? ladder[level - 1] : undefined;
  const next = ladder[level];
  const steps = ticket.history.filter((h) => h.type === "ticket.escalate" || h.type.startsWith("escalation"));
  const ended = ticket.status === "resolved" || ticket.status === "closed" || ticket.status === "rejected";
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="escalation-panel">
      <DescriptionList
        items={[
          {
            key: "level",
            term: "Level",
            value:
              level > 0 ? (
                <span>
                  <Badge tone="orange">L{level}</Badge> {current?.name}
                </span>
              ) : (
                "Not escalated"
              ),
          },
          {
            key: "notified",
            term: "Notified",
            value: current ? `${current.function} · ${current.contact}` : "Nobody yet",
          },
          {
            key: "next",
            term: "Next automatic step",
            value: ended ? (
              "None — escalation ends when the ticket is resolved"
            ) : next ? (
              <span className="flex flex-col gap-0.5">
                <span>
                  L{next.level} {next.name} ({next.contact})
                </span>
                {ticket.deadlines.escalation ? (
                  <span className="flex items-center gap-2">
                    <Deadline
                      label="Next escalation"
                      calendar={calendar}
                      dueAt={ticket.deadlines.escalation}
                    />
                    <span className="text-xs text-muted-foreground">
                      {formatDateTime(ticket.deadlines.escalation)}
                    </span>
                  </span>
                ) : (
                  <span className="text-xs text-muted-foreground">
                    {next.afterPreviousMinutes === null
                      ? "only on request"
                      : ticket.paused
                        ? "held while the ticket waits for the customer"
                        : `${formatMinutes(next.afterPreviousMinutes)} of service time after the previous level`}
                  </span>
                )}
              </span>
            ) : (
              "Top of the ladder"
            ),
          },
        ]}
      />
      <div>
        <h3 className="mb-1 font-semibold">Escalation history</h3>
        {steps.length === 0 ? (
          <p className="text-muted-foreground">No escalation so far.</p>
        ) : (
          <ul className="flex flex-col gap-1">
            {steps.map((h) => {
              if (h.type === "escalation.automated") {
                // R-ESC-3: the step the server took when the timer ran out, and whom it notified
                const d = h.data as { level?: number; function?: string; contact?: string };
                return (
                  <li key={h.id} data-step="automated">
                    {formatDateTime(h.at)} — Level {d.level} ({d.function}) — automatic, notified {d.contact}
                  </li>
                );
              }
              return (
                <li key={h.id}>
                  {formatDateTime(h.at)} —{" "}
                  {h.actorKind === "system"
                    ? "automated"
                    : h.actorKind === "staff"
                      ? ((h.actorId ? nameOf?.(h.actorId) : null) ?? "staff")
                      : "customer"}
                  : {String((h.data as { note?: string }).note ?? describeHistoryType(h.type))}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}

export function AccountPanel({
  account,
  ticket,
}: {
  account: AccountPanelData | null;
  ticket: TicketDetail;
}) {
  if (!account)
    return (
      <EmptyState
        title="No account yet"
        description={
          ticket.callerNumber
            ? `Only the caller's number is known: ${ticket.callerNumber}. Match it to an account in the Inbox.`
            : "Match this request to an account and contact in the Inbox."
        }
      />
    );
  const contract = account.contract as { is24x7?: boolean; expressAllowed?: boolean; name?: string } | null;
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="account-panel">
      <DescriptionList
        items={[
          { key: "name", term: "Account", value: `${account.name} (${account.customerNumber})` },
          {
            key: "contract",
            term: "Contract",
            value: (
              <span className="flex flex-wrap gap-1">
                {contract?.is24x7 ? <Badge tone="violet">24x7</Badge> : <Badge>business hours</Badge>}
                {contract?.expressAllowed ? <Badge tone="blue">Express allowed</Badge> : null}
                <span className="text-muted-foreground">
                  {account.serviceLevelId ?? "default service level"}
                </span>
              </span>
            ),
          },
          { key: "lang", term: "Language", value: account.language },
          { key: "tz", term: "Time zone", value: account.timeZone },
          {
            key: "partner",
            term: "Partner",
            value: account.partner
              ? account.partner.name
              : account.isPartner
                ? "This account is a partner"
                : "—",
          },
          ...(ticket.onBehalfIdentifier
            ? [
                {
                  key: "obh",
                  term: "On behalf of",
                  value: <span className="font-mono">{ticket.onBehalfIdentifier}</span>,
                },
              ]
            : []),
          { key: "open", term: "Open tickets", value: String(account.openTickets) },
        ]}
      />
      <div>
        <h3 className="mb-1 font-semibold">Authorized contacts</h3>
        {account.contacts.length === 0 ? (
          <p className="text-muted-foreground">None. Only authorized contacts may open tickets.</p>
        ) : (
          <ul className="flex flex-col gap-1.5">
            {account.contacts.map((c) => (
              <li key={c.id} className={c.active ? "" : "opacity-60"}>
                <span className="font-medium">
                  {c.firstName} {c.lastName}
                </span>{" "}
                {c.active ? null : <Badge>inactive</Badge>}
                <span className="block text-xs text-muted-foreground">
                  {c.email}
                  {c.phone ? ` · ${c.phone}` : ""}
                  {c.mobile ? ` · ${c.mobile}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** History details worth a line, with the label they are shown under. */
const historyFields: [key: string, label: string][] = [
  ["reason", "Reason"],
  ["note", "Note"],
  ["classificationId", "Class"],
  ["priorityId", "Priority"],
  ["categoryId", "Charge category"],
  ["clock", "Clock"],
  ["assigneeId", "Assignee"],
  // an automated escalation step (R-ESC-3)
  ["level", "Level"],
  ["contact", "Notified"],
];

const clockLabels: Record<string, string> = {
  firstResponse: "First response",
  assignment: "Assignment",
  callback: "Callback",
  resolution: "Resolution",
};

export function HistoryPanel({
  history,
  nameOf,
  policy,
}: {
  history: TicketHistoryEntry[];
  nameOf: (id: string) => string | null;
  policy?: Policy;
}) {
  if (history.length === 0) return <p className="text-sm text-muted-foreground">No history yet.</p>;
  // ids → the names agents know them by (policy data, staff names)
  const show = (key: string, value: unknown): string => {
    const v = String(value);
    switch (key) {
      case "classificationId":
        return policy?.classifications.find((c) => c.id === v)?.name ?? v;
      case "priorityId":
        return policy?.priorities.find((p) => p.id === v)?.name ?? v;
      case "categoryId":
        return policy?.charging.catalog.find((c) => c.id === v)?.name ?? v;
      case "assigneeId":
        return nameOf(v) ?? v;
      case "clock":
        return clockLabels[v] ?? humanize(v);
      default:
        return v;
    }
  };
  return (
    <ol className="flex flex-col gap-2 text-sm" data-testid="history">
      {[...history].reverse().map((h) => {
        const data = (h.data ?? {}) as Record<string, unknown>;
        const who =
          h.actorKind === "staff"
            ? ((h.actorId ? nameOf(h.actorId) : null) ?? "Staff")
            : h.actorKind === "customer"
              ? "Customer"
              : "System";
        const extra = historyFields
          .filter(([k]) => data[k] !== undefined && data[k] !== null)
          .map(([k, label]) => `${label}: ${show(k, data[k])}`);
        const what =
          h.type === "ticket.reply" && data.visibility === "internal"
            ? "added an internal note"
            : describeHistoryType(h.type);
        return (
          <li key={h.id} className="border-l-2 border-border pl-3" data-type={h.type}>
            <div className="flex items-center gap-2">
              <span className="font-medium">{who}</span>
              <span>{what}</span>
              {typeof data.status === "string" ? (
                <StatusBadge status={data.status as TicketStatusName} className="py-0" />
              ) : null}
              <span className="ml-auto text-xs text-muted-foreground">
                <RelativeTime value={h.at} />
              </span>
            </div>
            {extra.length ? <p className="text-xs text-muted-foreground">{extra.join(" · ")}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
