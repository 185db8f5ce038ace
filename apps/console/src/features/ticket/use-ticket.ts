/**
 * The ticket workspace's data: the detail (polled, so a second agent's change shows up), the version
 * the agent is working on, and one way to run an action that handles a refused save (CONFLICT): the
 * new state is loaded, the draft is kept, and the agent is told who changed what.
 */
import { toast } from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage, trpc, trpcClient, trpcErrorCode } from "../../lib/trpc";

export const TICKET_POLL_MS = 5_000;

export interface ChangeNotice {
  version: number;
  by: string | null;
  what: string;
}

export function useTicket(id: string, meId: string, nameOf: (id: string) => string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.staffTicket.byId.queryOptions({ id }),
    refetchInterval: TICKET_POLL_MS,
  });
  const [notice, setNotice] = useState<ChangeNotice | null>(null);
  const seenVersion = useRef<number | null>(null);
  const ownSaves = useRef(new Set<number>());

  // "changed by X": a newer version that this agent did not make
  useEffect(() => {
    const t = query.data;
    if (!t) return;
    const prev = seenVersion.current;
    seenVersion.current = t.version;
    if (prev === null || t.version <= prev || ownSaves.current.has(t.version)) return;
    const last = [...t.history].reverse().find((h) => h.type !== "sla.warning");
    if (last?.actorKind === "staff" && last.actorId === meId) return;
    const by =
      last?.actorKind === "staff"
        ? ((last.actorId ? nameOf(last.actorId) : null) ?? "another agent")
        : last?.actorKind === "customer"
          ? "the customer"
          : "the system";
    setNotice({ version: t.version, by, what: last ? describeHistoryType(last.type) : "updated the ticket" });
  }, [query.data, meId, nameOf]);

  const invalidate = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.staffTicket.byId.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.staffTicket.queue.infiniteQueryKey() });
  }, [queryClient, id]);

  /**
   * Runs one action against the version the agent saw. Returns true on success. On CONFLICT the
   * fresh state is loaded and false is returned — the caller keeps its draft.
   */
  const run = useCallback(
    async <T extends { version: number }>(
      label: string,
      fn: (expectedVersion: number) => Promise<T>,
      expectedVersion: number,
    ): Promise<boolean> => {
      try {
        const out = await fn(expectedVersion);
        ownSaves.current.add(out.version);
        seenVersion.current = out.version;
        setNotice(null);
        toast.success(label);
        await invalidate();
        return true;
      } catch (e) {
        const code = trpcErrorCode(e);
        if (code === "CONFLICT") {
          await invalidate();
          // a stale version (the server says "reload it") is already reloaded here; a refusal by the
          // domain carries its own reason, which the agent needs to read
          const reason = errorMessage(e);
          const stale = reason.startsWith("The ticket changed meanwhile");
          toast.error("Not saved: the ticket changed meanwhile", {
            description: `${stale ? "It is reloaded above." : reason} Your text is kept — review the new state, then send again.`,
            duration: 10_000,
          });
          setNotice(
            (n) => n ?? { version: expectedVersion + 1, by: "another agent", what: "changed the ticket" },
          );
        } else {
          toast.error("Not saved", { description: `${errorMessage(e)}` });
        }
        return false;
      }
    },
    [invalidate],
  );

  return { query, notice, dismissNotice: () => setNotice(null), run };
}

/**
 * Who else has this ticket open (advisory: saves stay guarded by the version). Says "I am here" with
 * every ticket poll and "I left" when the workspace closes.
 */
export function useOtherViewers(id: string): string[] {
  const viewing = useQuery({
    queryKey: ["presence", id],
    queryFn: () => trpcClient.presence.viewing.mutate({ id }),
    refetchInterval: TICKET_POLL_MS,
    staleTime: 0,
    retry: false,
  });
  useEffect(
    () => () => {
      void trpcClient.presence.left.mutate({ id }).catch(() => undefined);
    },
    [id],
  );
  return viewing.data?.others ?? [];
}

const historyLabels: Record<string, string> = {
  "ticket.open": "opened the ticket",
  "ticket.triage": "triaged it",
  "ticket.assign": "changed the assignee",
  "ticket.reply": "replied",
  "ticket.requestInformation": "asked the customer for information",
  "ticket.proposeResolution": "proposed a resolution",
  "ticket.confirmResolution": "confirmed the resolution",
  "ticket.objectResolution": "objected to the resolution",
  "ticket.requestMoreTime": "asked for more time to test",
  "ticket.close": "closed it",
  "ticket.reject": "rejected it",
  "ticket.reopen": "reopened it",
  "ticket.reclassify": "reclassified it",
  "ticket.requestReclassification": "asked for a reclassification",
  "ticket.escalate": "escalated it",
  "ticket.setChargeCategory": "set the charge category",
  "ticket.linkMajorIncident": "linked a major incident",
  "ticket.statusPosted": "posted a status update",
  "ticket.matchAccount": "matched the account",
  "ticket.authorize": "recorded the authorization",
  "ticket.deadline": "ran a timer",
  "ticket.recordAutomaticMail": "recorded an automatic mail (not a customer reply)",
  "escalation.automated": "escalated automatically",
  "sla.breach": "recorded an SLA breach",
  "sla.warning": "recorded an SLA warning",
};

export function describeHistoryType(type: string): string {
  return (
    historyLabels[type] ??
    type
      .replace(/^ticket\./, "")
      .replace(/([A-Z])/g, " $1")
      .toLowerCase()
  );
}
