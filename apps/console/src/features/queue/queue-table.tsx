/**
 * The queue (R-TKT-4 order): TanStack Table for the row model, TanStack Virtual so 10,000 tickets render
 * only the rows on screen. Keyboard: j/k move, Enter opens, a assigns to me.
 */
import type { Calendar } from "@helpdesk/domain";
import { Badge, cn, PriorityBadge, StatusBadge } from "@helpdesk/ui";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { ShieldAlert, UserRound } from "lucide-react";
import { memo, useEffect, useMemo, useRef } from "react";
import { Deadline } from "../sla/deadline";
import type { QueueRow } from "./types";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, QueueRow>();

export type CalendarOf = (row: QueueRow) => Calendar | null;

const ROW_HEIGHT = 44;

/** Column widths as a CSS grid template (header and rows share it). */
const widths: Record<string, string> = {
  priority: "84px",
  subject: "minmax(240px,1fr)",
  status: "168px",
  assignee: "140px",
  firstResponse: "96px",
  resolution: "100px",
  escalation: "108px",
};

function makeColumns(calendarOf: CalendarOf) {
  return helper.columns([
    helper.accessor("severityRank", {
      id: "priority",
      header: "Priority",
      cell: ({ row }) => <PriorityBadge rank={row.original.severityRank} label={row.original.priorityName} />,
    }),
    helper.accessor("subject", {
      id: "subject",
      header: "Ticket",
      cell: ({ row }) => {
        const r = row.original;
        return (
          <div className="flex min-w-0 flex-col">
            <span className="truncate font-medium">{r.subject}</span>
            <span className="flex min-w-0 items-center gap-1.5 truncate text-xs text-muted-foreground">
              <span className="shrink-0 font-mono">{r.number}</span>
              <span aria-hidden="true">·</span>
              <span className="truncate">{r.accountName}</span>
              <span aria-hidden="true">·</span>
              <span className="truncate">{r.classificationName}</span>
              {r.authorizationPending ? (
                <Badge tone="violet" className="px-1.5 py-0 text-[10px]">
                  <ShieldAlert className="size-3" aria-hidden="true" /> auth pending
                </Badge>
              ) : null}
            </span>
          </div>
        );
      },
    }),
    helper.accessor("status", {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="flex items-center gap-1">
          <StatusBadge status={row.original.status} />
          {row.original.breached ? (
            <Badge tone="red" className="px-1.5" title="An SLA target of this ticket was breached">
              breached
            </Badge>
          ) : null}
        </span>
      ),
    }),
    helper.accessor("assigneeName", {
      id: "assignee",
      header: "Assignee",
      cell: ({ row }) =>
        row.original.assigneeName ? (
          <span className="flex items-center gap-1 truncate text-xs">
            <UserRound className="size-3 shrink-0" aria-hidden="true" />
            <span className="truncate">{row.original.assigneeName}</span>
          </span>
        ) : (
          <span className="flex flex-col text-xs text-muted-foreground">
            Unassigned
            {row.original.assignmentDueAt ? (
              <Deadline
                label="Assignment"
                compact
                className="-ml-1.5 w-fit"
                calendar={calendarOf(row.original)}
                dueAt={row.original.assignmentDueAt}
                warnWithinMinutes={row.original.assignmentWarnWithin}
              />
            ) : null}
          </span>
        ),
    }),
    helper.accessor("firstResponseDueAt", {
      id: "firstResponse",
      header: "1st response",
      cell: ({ row }) => (
        <Deadline
          label="First response"
          compact
          calendar={calendarOf(row.original)}
          dueAt={row.original.firstResponseDueAt}
          warnWithinMinutes={row.original.firstResponseWarnWithin}
          breached={row.original.breachedClocks.includes("firstResponse")}
        />
      ),
    }),
    helper.accessor("resolutionDueAt", {
      id: "resolution",
      header: "Resolution",
      cell: ({ row }) => (
        <Deadline
          label="Resolution"
          compact
          calendar={calendarOf(row.original)}
          dueAt={row.original.resolutionDueAt}
          warnWithinMinutes={row.original.resolutionWarnWithin}
          paused={row.original.paused}
          breached={row.original.breachedClocks.includes("resolution")}
        />
      ),
    }),
    helper.accessor("nextEscalationAt", {
      id: "escalation",
      header: "Escalation",
      cell: ({ row }) => (
        <span className="flex items-center gap-1">
          {row.original.escalationLevel > 0 ? (
            <Badge
              tone="orange"
              className="px-1.5 py-0"
              title={`Escalation level ${row.original.escalationLevel}`}
            >
              L{row.original.escalationLevel}
            </Badge>
          ) : null}
          <Deadline
            label="Next escalation"
            compact
            calendar={calendarOf(row.original)}
            dueAt={row.original.nextEscalationAt}
          />
        </span>
      ),
    }),
  ]);
}

function useQueueTable(columns: ReturnType<typeof makeColumns>, rows: QueueRow[]) {
  return useTable({ features, columns, data: rows, getRowId: (r) => r.id });
}

export function QueueTable({
  rows,
  selected,
  onSelect,
  onOpen,
  calendarOf,
  onEndReached,
}: {
  onEndReached?: () => void;
  rows: QueueRow[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (row: QueueRow) => void;
  calendarOf: CalendarOf;
}) {
  // made again when the calendars arrive (calendarOf changes once the policies are loaded): the rows are
  // memoized, and columns made before would count every deadline in wall time for the page's lifetime
  const columns = useMemo(() => makeColumns(calendarOf), [calendarOf]);
  const table = useQueueTable(columns, rows);
  const modelRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: modelRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => modelRows[i]?.id ?? i,
    overscan: 8,
    // React 19 batches scroll updates into the frame; flushSync on every scroll event re-rendered all rows
    useFlushSync: false,
  });

  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onEndReached && lastIndex >= modelRows.length - 20) onEndReached();
  }, [lastIndex, modelRows.length, onEndReached]);

  // follow the selection when it moves — not when another page of tickets arrives while scrolling
  const rowCount = useRef(modelRows.length);
  rowCount.current = modelRows.length;
  useEffect(() => {
    if (selected >= 0 && selected < rowCount.current) virtualizer.scrollToIndex(selected, { align: "auto" });
  }, [selected, virtualizer]);

  const template = table
    .getAllLeafColumns()
    .map((c) => widths[c.id] ?? "120px")
    .join(" ");
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  return (
    <section
      ref={scrollRef}
      className="min-h-0 flex-1 overflow-y-auto rounded-lg border border-border bg-card"
      data-testid="queue-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Ticket queue, scrollable"
    >
      {/* a real <table> laid out as a grid, so rows can be absolutely positioned (virtualized) */}
      <table className="grid w-full text-sm" aria-label="Ticket queue" aria-rowcount={modelRows.length + 1}>
        <thead className="sticky top-0 z-[1] grid bg-muted">
          <tr
            className="grid items-center gap-2 border-b border-border px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted-foreground"
            style={{ gridTemplateColumns: template }}
          >
            {headers.map((h) => (
              <th key={h.id} scope="col" className="truncate font-semibold">
                <table.FlexRender header={h} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="relative grid" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = modelRows[item.index];
            if (!row) return null;
            return (
              <QueueRowView
                key={row.id}
                row={row}
                index={item.index}
                start={item.start}
                selected={item.index === selected}
                template={template}
                onSelect={onSelect}
                onOpen={onOpen}
                Cell={table.FlexRender}
              />
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

type ModelRow = ReturnType<ReturnType<typeof useQueueTable>["getRowModel"]>["rows"][number];

/** One row; memoized so a scroll step renders only the rows that enter, not every row on screen. */
const QueueRowView = memo(function QueueRowView({
  row,
  index,
  start,
  selected,
  template,
  onSelect,
  onOpen,
  Cell,
}: {
  row: ModelRow;
  index: number;
  start: number;
  selected: boolean;
  template: string;
  onSelect: (index: number) => void;
  onOpen: (row: QueueRow) => void;
  Cell: ReturnType<typeof useQueueTable>["FlexRender"];
}) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-ticket={row.original.number}
      data-index={index}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(row.original)}
      className={cn(
        "absolute left-0 grid w-full cursor-pointer items-center gap-2 border-b border-border px-3",
        selected
          ? "bg-accent text-accent-foreground outline outline-1 -outline-offset-1 outline-primary"
          : "hover:bg-muted/60",
        row.original.breached && "shadow-[inset_3px_0_0_var(--danger)]",
      )}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)`, gridTemplateColumns: template }}
    >
      {row.getAllCells().map((cell) => (
        <td key={cell.id} className="min-w-0 overflow-hidden">
          <Cell cell={cell} />
        </td>
      ))}
    </tr>
  );
});
