import { Badge, cn, DateTime, formatBytes, SanitizedMarkdown } from "@helpdesk/ui";
import { Download, Headset, UserRound } from "lucide-react";
import { useTranslation } from "../../i18n";
import { useLocale } from "../common/use-locale";

export interface ConversationMessage {
  id: string;
  authorKind: string;
  authorName: string;
  channel: string;
  body: string;
  createdAt: number;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

/** Where an attachment downloads from (always as a download, never inline; the server sets the headers). */
export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/**
 * The public conversation (R-TKT-8): the API never sends internal notes to the portal. Bodies are
 * sanitized markdown; a stored <script> or javascript: link never runs.
 */
export function Conversation({ messages, timeZone }: { messages: ConversationMessage[]; timeZone: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="flex flex-col gap-4" aria-label={t("ticket.conversation")}>
      {messages.map((m) => {
        const staff = m.authorKind === "staff";
        const system = m.authorKind === "system";
        return (
          <li key={m.id} className="flex gap-3">
            <span
              aria-hidden="true"
              className={cn(
                "mt-1 flex size-8 shrink-0 items-center justify-center rounded-full",
                staff ? "bg-accent text-accent-foreground" : "bg-muted text-muted-foreground",
              )}
            >
              {staff || system ? <Headset className="size-4" /> : <UserRound className="size-4" />}
            </span>
            <article
              className={cn(
                "min-w-0 flex-1 rounded-lg border bg-card p-4",
                staff ? "border-tone-blue-bg" : "border-border",
              )}
              aria-label={t("ticket.messageFrom", { name: m.authorName })}
            >
              <header className="mb-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold">{m.authorName}</span>
                {staff ? <Badge tone="blue">{t("ticket.support")}</Badge> : null}
                {m.channel !== "portal" ? (
                  <span className="text-xs text-muted-foreground">
                    {t(`channel.${m.channel}`, { defaultValue: m.channel })}
                  </span>
                ) : null}
                <DateTime
                  value={m.createdAt}
                  locale={locale}
                  timeZone={timeZone}
                  className="text-xs text-muted-foreground"
                />
              </header>
              <SanitizedMarkdown>{m.body}</SanitizedMarkdown>
              {m.attachments.length ? (
                <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("attachments.title")}>
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a
                        href={attachmentUrl(a.id)}
                        download={a.filename}
                        className="inline-flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1 text-sm no-underline hover:bg-muted"
                      >
                        <Download aria-hidden="true" className="size-3.5" />
                        <span className="max-w-56 truncate">{a.filename}</span>
                        <span className="text-xs text-muted-foreground">{formatBytes(a.size, locale)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
