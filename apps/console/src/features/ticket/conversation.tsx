/** The conversation (R-TKT-8): public messages, and internal notes that look unmistakably different. */
import { Badge, cn, EmptyState, formatDateTime, RelativeTime, SanitizedMarkdown } from "@helpdesk/ui";
import { Lock, Paperclip, Phone, UserRound } from "lucide-react";
import type { TicketMessage } from "../../lib/api-types";

export function Conversation({ messages }: { messages: TicketMessage[] }) {
  if (messages.length === 0)
    return (
      <EmptyState
        title="No messages yet"
        description="Write the first reply below; it counts as the first response."
      />
    );
  return (
    <ol className="flex flex-col gap-3" aria-label="Conversation">
      {messages.map((m) => {
        const internal = m.visibility === "internal";
        const staff = m.authorKind === "staff";
        return (
          <li
            key={m.id}
            data-visibility={m.visibility}
            className={cn(
              "rounded-lg border px-4 py-3",
              internal
                ? "border-dashed border-tone-amber-fg/40 bg-tone-amber-bg/60"
                : staff
                  ? "border-border bg-accent/40"
                  : "border-border bg-card",
            )}
          >
            <div className="mb-1.5 flex flex-wrap items-center gap-2 text-sm">
              {m.channel === "voicemail" || m.channel === "phone" ? (
                <Phone className="size-3.5 text-muted-foreground" aria-hidden="true" />
              ) : (
                <UserRound className="size-3.5 text-muted-foreground" aria-hidden="true" />
              )}
              <span className="font-semibold">{m.authorName}</span>
              <span className="text-xs text-muted-foreground">
                {m.authorKind === "customer" ? "customer" : m.authorKind === "staff" ? "support" : "system"} ·
                via {m.channel}
              </span>
              {internal ? (
                <Badge tone="amber" className="ml-1">
                  <Lock className="size-3" aria-hidden="true" /> Internal note — never shown to the customer
                </Badge>
              ) : null}
              <span className="ml-auto text-xs text-muted-foreground" title={formatDateTime(m.createdAt)}>
                <RelativeTime value={m.createdAt} />
              </span>
            </div>
            <SanitizedMarkdown>{m.body}</SanitizedMarkdown>
            {m.attachments.length ? (
              <ul className="mt-2 flex flex-wrap gap-2">
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a
                      href={`/api/attachments/${a.id}`}
                      download={a.filename}
                      className="inline-flex items-center gap-1 rounded border border-border px-2 py-0.5 text-xs"
                    >
                      <Paperclip className="size-3" aria-hidden="true" /> {a.filename}{" "}
                      <span className="text-muted-foreground">({Math.ceil(a.size / 1024)} KB)</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
