/**
 * The mail log (what the server sent; without SMTP_URL it went to the operator's spool folder) and, for
 * managers, the outbox. Links that only the recipient may use are redacted (R-SEC-1).
 */
import {
  Badge,
  EmptyState,
  formatDateTime,
  Input,
  PageHeader,
  RelativeTime,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Page, QueryBoundary } from "../components/states";
import { useMe } from "../features/session/session";
import { can } from "../lib/roles";
import { trpc } from "../lib/trpc";

/** How each mail left: SMTP_URL, the spool folder without it, or not at all (the demo's history). */
const TRANSPORT_LABEL: Record<string, string> = {
  smtp: "sent",
  spool: "spool folder",
  log: "logged",
  demo: "demo, not sent",
};

export default function MailPage() {
  const me = useMe();
  const [to, setTo] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const log = useQuery({
    ...trpc.mail.log.queryOptions({ to: to.trim() || undefined, limit: 100 }),
    refetchInterval: 10_000,
    placeholderData: (p) => p,
  });
  // R-ACT-7: the outbox is part of what was mailed (mail.outbox asks the same table entry as the log)
  const manager = can(me.roles, "mail.view");
  return (
    <Page>
      <PageHeader
        title="Mail log"
        description="Every mail the server sent. Links only the recipient may use (password reset, survey, confirmations) are redacted here."
      />
      <Tabs defaultValue="log">
        <TabsList>
          <TabsTrigger value="log">Sent mail</TabsTrigger>
          {manager ? <TabsTrigger value="outbox">Outbox</TabsTrigger> : null}
        </TabsList>
        <TabsContent value="log">
          <div className="mb-3 w-80">
            <Input
              aria-label="Filter by recipient"
              placeholder="Filter by recipient…"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
          <QueryBoundary query={log} label="Loading mail…">
            {(list) =>
              list.length === 0 ? (
                <EmptyState
                  title="No mail yet"
                  description="Replies, reminders, escalations and status posts appear here once sent."
                />
              ) : (
                <ul
                  className="flex flex-col divide-y divide-border rounded-lg border border-border bg-card"
                  aria-label="Mails"
                >
                  {list.map((m) => (
                    <li key={m.id}>
                      <button
                        type="button"
                        className="flex w-full items-center gap-3 px-4 py-2 text-left hover:bg-muted"
                        aria-expanded={openId === m.id}
                        onClick={() => setOpenId(openId === m.id ? null : m.id)}
                      >
                        <span className="w-64 truncate text-sm">{m.to}</span>
                        <span className="flex-1 truncate text-sm font-medium">{m.subject}</span>
                        {m.ticketNumber ? (
                          <span className="text-xs text-muted-foreground">{m.ticketNumber}</span>
                        ) : null}
                        <Badge>
                          {m.transport === "skipped"
                            ? `not sent: ${m.skipReason === "bouncing" ? "the address bounces" : "our own address"}`
                            : (TRANSPORT_LABEL[m.transport] ?? m.transport)}
                        </Badge>
                        <span
                          className="w-28 text-right text-xs text-muted-foreground"
                          title={formatDateTime(m.sentAt)}
                        >
                          <RelativeTime value={m.sentAt} />
                        </span>
                      </button>
                      {openId === m.id ? (
                        <pre className="whitespace-pre-wrap border-t border-border bg-muted/40 px-4 py-3 font-mono text-xs">
                          {m.body}
                        </pre>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryBoundary>
        </TabsContent>
        {manager ? (
          <TabsContent value="outbox">
            <Outbox />
          </TabsContent>
        ) : null}
      </Tabs>
    </Page>
  );
}

function Outbox() {
  const [status, setStatus] = useState<"pending" | "done" | "failed">("pending");
  const q = useQuery({ ...trpc.mail.outbox.queryOptions({ status, limit: 100 }), refetchInterval: 10_000 });
  return (
    <div className="flex flex-col gap-3">
      <fieldset className="flex gap-2">
        <legend className="sr-only">Outbox status</legend>
        {(["pending", "failed", "done"] as const).map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={status === s}
            onClick={() => setStatus(s)}
            className={`h-8 rounded-full border px-3 text-sm ${status === s ? "border-primary bg-primary text-primary-foreground" : "border-border bg-card"}`}
          >
            {s}
          </button>
        ))}
      </fieldset>
      <QueryBoundary query={q} label="Loading the outbox…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title={`Nothing ${status}`}
              description="Effects (mail, pages, surveys) wait here until the worker carries them out."
            />
          ) : (
            <ul className="flex flex-col divide-y divide-border rounded-lg border border-border bg-card">
              {list.map((o) => (
                <li key={o.id} className="flex items-center gap-3 px-4 py-2 text-sm">
                  <Badge>{o.kind}</Badge>
                  <span className="w-56 truncate">{o.to ?? "—"}</span>
                  <span className="flex-1 truncate">{o.subject ?? ""}</span>
                  {o.lastError ? (
                    <span className="truncate text-xs text-danger-text">{o.lastError}</span>
                  ) : null}
                  <span className="text-xs text-muted-foreground">{o.attempts} attempts</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
    </div>
  );
}
