/**
 * Reply, internal note, request information, propose resolution — only the modes the domain allows
 * now. The draft lives in localStorage per ticket and mode, so a refused save (CONFLICT), a reload or
 * a crash never loses it. Ctrl/Cmd-Enter sends.
 */
import { Button, cn, Label, Textarea } from "@helpdesk/ui";
import { Lock, Send } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import type { TicketEventType } from "../../lib/api-types";
import { readJson, writeJson } from "../../lib/storage";
import { type ComposerFile, ComposerFiles } from "./composer-files";

export type ComposerMode = "reply" | "note" | "requestInformation" | "proposeResolution";

const modes: { mode: ComposerMode; label: string; event: TicketEventType; hint: string; send: string }[] = [
  {
    mode: "reply",
    label: "Reply",
    event: "ticket.reply",
    hint: "Sent to the customer. The first public reply is the first response.",
    send: "Send reply",
  },
  {
    mode: "note",
    label: "Internal note",
    event: "ticket.reply",
    hint: "Only staff see internal notes; they are never sent to the customer.",
    send: "Add note",
  },
  {
    mode: "requestInformation",
    label: "Request information",
    event: "ticket.requestInformation",
    hint: "Sent to the customer; the ticket waits for them and the resolution clock pauses.",
    send: "Ask the customer",
  },
  {
    mode: "proposeResolution",
    label: "Propose resolution",
    event: "ticket.proposeResolution",
    hint: "Sent to the customer; they confirm, object or ask for more time.",
    send: "Propose resolution",
  },
];

interface Draft {
  text: string;
  /** the ticket version the agent saw when they started writing; null after a refused save (use the shown one) */
  baseVersion: number | null;
}

const draftKey = (ticketId: string, mode: ComposerMode) => `helpdesk.console.draft.${ticketId}.${mode}`;

export function Composer({
  ticketId,
  version,
  allowed,
  onSend,
  missingInformation,
}: {
  ticketId: string;
  version: number;
  allowed: readonly string[];
  onSend: (
    mode: ComposerMode,
    body: string,
    expectedVersion: number,
    attachments: { fileName: string; contentBase64: string }[],
  ) => Promise<boolean>;
  missingInformation: readonly string[];
}) {
  const available = modes.filter((m) => allowed.includes(m.event));
  const [mode, setMode] = useState<ComposerMode>(available[0]?.mode ?? "reply");
  const current = available.find((m) => m.mode === mode) ?? available[0];
  const [draft, setDraft] = useState<Draft | null>(() =>
    readJson<Draft | null>(draftKey(ticketId, mode), null),
  );
  const [busy, setBusy] = useState(false);
  // files of a reply or note (a reply's go out as the mail's attachments, R-MAIL-5); not kept in the draft
  const [files, setFiles] = useState<ComposerFile[]>([]);
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const versionRef = useRef(version);
  versionRef.current = version;

  useEffect(() => {
    setDraft(readJson<Draft | null>(draftKey(ticketId, mode), null));
  }, [ticketId, mode]);

  useEffect(() => {
    const focus = (e: Event) => {
      const m = (e as CustomEvent<ComposerMode>).detail;
      if (m && available.some((a) => a.mode === m)) setMode(m);
      setTimeout(() => ref.current?.focus(), 0);
    };
    window.addEventListener("helpdesk:compose", focus);
    return () => window.removeEventListener("helpdesk:compose", focus);
  }, [available]);

  if (!current) return null;

  const text = draft?.text ?? "";
  const update = (value: string) => {
    const next: Draft | null = value
      ? { text: value, baseVersion: draft ? draft.baseVersion : version }
      : null;
    setDraft(next);
    writeJson(draftKey(ticketId, mode), next);
  };
  const stale = draft !== null && draft.baseVersion !== null && draft.baseVersion !== version;

  const send = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    const withFiles = current.mode === "reply" || current.mode === "note";
    const attachments = withFiles
      ? files.map((f) => ({ fileName: f.fileName, contentBase64: f.contentBase64 }))
      : [];
    const ok = await onSend(current.mode, text, draft?.baseVersion ?? versionRef.current, attachments);
    setBusy(false);
    if (ok) {
      if (withFiles) setFiles([]);
      setDraft(null);
      writeJson(draftKey(ticketId, mode), null);
    } else {
      // keep the text; the next send is against the state the agent now sees
      const kept: Draft = { text, baseVersion: null };
      setDraft(kept);
      writeJson(draftKey(ticketId, mode), kept);
    }
  };

  return (
    <section aria-label="Compose" className="rounded-lg border border-border bg-card">
      <div role="tablist" aria-label="What to write" className="flex gap-1 border-b border-border px-2 pt-2">
        {available.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="tab"
            aria-selected={m.mode === current.mode}
            onClick={() => setMode(m.mode)}
            className={cn(
              "-mb-px flex items-center gap-1 rounded-t-md border-b-2 px-3 py-1.5 text-sm",
              m.mode === current.mode
                ? m.mode === "note"
                  ? "border-tone-amber-fg font-medium text-tone-amber-fg"
                  : "border-primary font-medium text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {m.mode === "note" ? <Lock className="size-3.5" aria-hidden="true" /> : null}
            {m.label}
          </button>
        ))}
      </div>
      <div className={cn("flex flex-col gap-2 p-3", current.mode === "note" && "bg-tone-amber-bg/40")}>
        <Label htmlFor={id} className="sr-only">
          {current.label}
        </Label>
        <Textarea
          id={id}
          ref={ref}
          rows={5}
          value={text}
          data-testid="composer"
          placeholder={
            current.mode === "requestInformation" && missingInformation.length
              ? `Still missing: ${missingInformation.join(", ")}`
              : current.mode === "note"
                ? "Write a note for your colleagues…"
                : "Write to the customer… (Markdown)"
          }
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void send();
            }
          }}
        />
        {current.mode === "reply" || current.mode === "note" ? (
          <ComposerFiles files={files} onChange={setFiles} disabled={busy} />
        ) : null}
        {stale ? (
          <p className="text-xs text-tone-amber-fg" role="status">
            The ticket changed after you started writing. Check the conversation above before you send.
          </p>
        ) : null}
        <div className="flex items-center justify-between gap-2">
          <p className="text-xs text-muted-foreground">{current.hint}</p>
          <Button size="sm" onClick={() => void send()} loading={busy} disabled={!text.trim()}>
            <Send className="size-3.5" aria-hidden="true" /> {current.send}
            <span className="sr-only"> (Ctrl+Enter)</span>
          </Button>
        </div>
      </div>
    </section>
  );
}
