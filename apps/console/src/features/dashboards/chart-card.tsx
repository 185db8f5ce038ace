/** A dashboard chart in a card: title, the numbers on hover (recharts tooltip), and a CSV export. */
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from "@helpdesk/ui";
import { Download } from "lucide-react";
import type { ReactNode } from "react";
import { downloadCsv } from "../../lib/csv";

export function ChartCard({
  title,
  description,
  rows,
  columns,
  filename,
  children,
  testId,
}: {
  title: string;
  description?: string;
  rows: Record<string, unknown>[];
  columns?: string[];
  filename: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card data-testid={testId}>
      <CardHeader className="flex flex-row items-start justify-between gap-2">
        <div className="flex flex-col gap-1">
          <CardTitle as="h2">{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        <Button
          variant="outline"
          size="sm"
          disabled={rows.length === 0}
          onClick={() => downloadCsv(filename, rows, columns)}
          aria-label={`Export ${title} as CSV`}
        >
          <Download className="size-4" aria-hidden="true" /> CSV
        </Button>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState
            title="No data for this period"
            description="Pick a longer period, or come back once tickets have been worked."
          />
        ) : (
          <div className="h-64 w-full">{children}</div>
        )}
      </CardContent>
    </Card>
  );
}

/** Series colors that read in light and dark mode. */
export const palette = [
  "#2563eb",
  "#16a34a",
  "#f59e0b",
  "#dc2626",
  "#7c3aed",
  "#0891b2",
  "#db2777",
  "#65a30d",
];

export const axisProps = {
  stroke: "currentColor",
  tick: { fill: "currentColor", fontSize: 12 },
  tickLine: false,
} as const;

export const tooltipStyle = {
  contentStyle: {
    background: "var(--card)",
    border: "1px solid var(--border)",
    borderRadius: 6,
    color: "var(--card-foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--card-foreground)", fontWeight: 600 },
  itemStyle: { color: "var(--card-foreground)" },
} as const;
