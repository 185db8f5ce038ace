/** The queue (R-TKT-4). */
import { Button, EmptyState, toast } from "@helpdesk/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { QueryError } from "../components/states";
import { useCalendarLookup, usePolicies } from "../features/policy/use-policies";
import { QueueTable } from "../features/queue/queue-table";
import { QueueToolbar } from "../features/queue/queue-toolbar";
import { useSavedViews } from "../features/queue/saved-views";
import { emptyFilters, type QueueFilters, type QueueRow } from "../features/queue/types";
import { useQueue } from "../features/queue/use-queue";
import { useMe } from "../features/session/session";
import { paletteActions } from "../features/shell/command-palette";
import { useStaffNames } from "../features/staff/use-staff-names";
import { useHotkeys } from "../lib/keys";
import { readJson, writeJson } from "../lib/storage";
import { ticketPath } from "../lib/ticket-path";
import { errorMessage, trpc, trpcErrorCode } from "../lib/trpc";

const FILTER_KEY = "helpdesk.console.queueFilters";

export default function QueuePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [filters, setFiltersState] = useState<QueueFilters>(() => ({
    ...emptyFilters,
    ...readJson<Partial<QueueFilters>>(FILTER_KEY, {}),
  }));
  const setFilters = useCallback((f: QueueFilters) => {
    setFiltersState(f);
    writeJson(FILTER_KEY, f);
  }, []);
  const names = useStaffNames();
  const nameOf = useCallback(
    (id: string) => (id === me.id ? `${me.name} (me)` : (names.get(id) ?? null)),
    [me, names],
  );
  const { query, rows } = useQueue(filters, nameOf);
  const policies = usePolicies();
  const calendarLookup = useCalendarLookup();
  const calendarOf = useCallback((r: QueueRow) => calendarLookup(r.policyId, r.calendarId), [calendarLookup]);
  const { views, save, remove } = useSavedViews();
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);

  const accounts = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of rows) if (r.accountId) m.set(r.accountId, r.accountName);
    if (filters.accountId && !m.has(filters.accountId)) m.set(filters.accountId, filters.accountId);
    return [...m.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [rows, filters.accountId]);

  useEffect(() => {
    if (selected >= rows.length && rows.length > 0) setSelected(rows.length - 1);
  }, [rows.length, selected]);

  const claim = useMutation({
    ...trpc.staffTicket.claim.mutationOptions(),
    onSuccess: (t) => {
      toast.success(`${t.number} is now assigned to you.`);
      void queryClient.invalidateQueries({ queryKey: trpc.staffTicket.queue.infiniteQueryKey() });
    },
    onError: (e) => {
      toast.error(
        trpcErrorCode(e) === "CONFLICT"
          ? "Someone changed this ticket meanwhile. The queue was refreshed; try again."
          : errorMessage(e),
      );
      void queryClient.invalidateQueries({ queryKey: trpc.staffTicket.queue.infiniteQueryKey() });
    },
  });

  const open = useCallback((r: QueueRow) => navigate(ticketPath(r.number)), [navigate]);

  useHotkeys((key, e) => {
    if (key === "j" || key === "ArrowDown") {
      e.preventDefault();
      setSelected((s) => Math.min(rows.length - 1, s + 1));
    } else if (key === "k" || key === "ArrowUp") {
      e.preventDefault();
      setSelected((s) => Math.max(0, s - 1));
    } else if (key === "Enter") {
      const r = rows[selected];
      if (r) open(r);
    } else if (key === "a") {
      const r = rows[selected];
      if (!r) return;
      if (r.assigneeId === me.id) toast.info(`${r.number} is already yours.`);
      else claim.mutate({ id: r.id, expectedVersion: r.version });
    } else if (key === "/") {
      e.preventDefault();
      searchRef.current?.focus();
    }
  });

  useEffect(() => {
    paletteActions.set("queue", [
      ...views.map((v) => ({
        id: `view-${v.id}`,
        label: `Queue view: ${v.name}`,
        run: () => setFilters(v.filters),
      })),
      { id: "clear", label: "Queue: clear filters", run: () => setFilters(emptyFilters) },
    ]);
    return () => {
      paletteActions.delete("queue");
    };
  }, [views, setFilters]);

  const onEndReached = useCallback(() => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [query]);

  return (
    <div className="flex h-full flex-col gap-3 px-6 py-4">
      <div className="flex items-center justify-between">
        <div>
          <h1 className="text-xl font-semibold">Queue</h1>
          <p className="text-sm text-muted-foreground">
            Priority first, then first come, first served. Countdowns run in service time.{" "}
            <span className="hidden xl:inline">
              <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd> assign to me ·{" "}
              <kbd>/</kbd> search
            </span>
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm text-muted-foreground" aria-live="polite">
          <span data-testid="queue-count">
            {rows.length}
            {query.hasNextPage ? "+" : ""} tickets
          </span>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => void query.refetch()}
            aria-label="Refresh the queue"
            disabled={query.isFetching}
          >
            <RefreshCw className={`size-4 ${query.isFetching ? "animate-spin" : ""}`} aria-hidden="true" />
          </Button>
        </div>
      </div>
      <QueueToolbar
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setSelected(0);
        }}
        policies={policies.data ?? []}
        accounts={accounts}
        views={views}
        onSaveView={() => {
          const name = window.prompt("Name this view (saved in this browser):");
          if (name?.trim()) {
            save(name.trim(), filters);
            toast.success(`View “${name.trim()}” saved.`);
          }
        }}
        onRemoveView={remove}
        searchRef={searchRef}
      />
      {query.isError && rows.length === 0 ? (
        <QueryError query={query} title="The queue could not be loaded" />
      ) : query.isPending ? (
        <div className="flex flex-1 flex-col gap-1" role="status" aria-label="Loading the queue">
          {Array.from({ length: 12 }, (_, i) => (
            <div key={i} className="h-10 animate-pulse rounded bg-muted" />
          ))}
        </div>
      ) : rows.length === 0 ? (
        <EmptyState
          title="No tickets match"
          description={
            JSON.stringify(filters) === JSON.stringify(emptyFilters)
              ? "The queue is empty. New tickets appear here on their own."
              : "Clear or change the filters to see more tickets."
          }
          action={
            <Button variant="outline" size="sm" onClick={() => setFilters(emptyFilters)}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <QueueTable
          rows={rows}
          selected={selected}
          onSelect={setSelected}
          onOpen={open}
          calendarOf={calendarOf}
          onEndReached={onEndReached}
        />
      )}
    </div>
  );
}
