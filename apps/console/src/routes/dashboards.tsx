/**
 * Dashboards (R-SLA-4, R-SUR-1): SLA compliance (per clock, by week and by preset), backlog by priority,
 * volume per day, escalations by level, satisfaction — recharts with the numbers on hover, CSV each.
 */
import { PageHeader, Select } from "@helpdesk/ui";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Page, QueryError } from "../components/states";
import { axisProps, ChartCard, palette, tooltipStyle } from "../features/dashboards/chart-card";
import { usePolicies } from "../features/policy/use-policies";
import { serverNow } from "../lib/clock";
import { trpc } from "../lib/trpc";

const DAY = 86_400_000;
const clockLabel: Record<string, string> = {
  firstResponse: "First response",
  assignment: "Assignment",
  callback: "Callback",
  resolution: "Resolution",
};

export default function DashboardsPage() {
  const [days, setDays] = useState(90);
  const [policyId, setPolicyId] = useState("");
  const policies = usePolicies();
  const range = useMemo(() => {
    const to = Math.ceil(serverNow() / DAY) * DAY;
    return { from: to - days * DAY, to, policyId: policyId || undefined };
  }, [days, policyId]);

  return (
    <Page>
      <PageHeader
        title="Dashboards"
        description="Hover a chart for its numbers; each chart exports its data as CSV."
        actions={
          <div className="flex items-center gap-2">
            <label htmlFor="dash-range" className="text-sm text-muted-foreground">
              Period
            </label>
            <Select
              id="dash-range"
              className="h-9 w-40"
              value={days}
              onChange={(e) => setDays(Number(e.target.value))}
            >
              <option value={30}>Last 30 days</option>
              <option value={90}>Last 90 days</option>
              <option value={180}>Last 180 days</option>
              <option value={365}>Last 365 days</option>
            </Select>
            <label htmlFor="dash-policy" className="text-sm text-muted-foreground">
              Preset
            </label>
            <Select
              id="dash-policy"
              className="h-9 w-48"
              value={policyId}
              onChange={(e) => setPolicyId(e.target.value)}
            >
              <option value="">All presets</option>
              {(policies.data ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
        }
      />
      <div className="grid grid-cols-2 gap-4">
        <SlaByClock range={range} />
        <SlaByWeek range={range} />
        <SlaByPreset range={range} presets={(policies.data ?? []).map((p) => ({ id: p.id, name: p.name }))} />
        <Backlog policyId={policyId} />
        <Volume range={range} />
        <Escalations range={range} />
        <Satisfaction range={range} />
      </div>
    </Page>
  );
}

type Range = { from: number; to: number; policyId?: string };

function pct(v: number) {
  return Math.round(v * 1000) / 10;
}

function SlaByClock({ range }: { range: Range }) {
  const q = useQuery(trpc.report.slaCompliance.queryOptions(range));
  if (q.isError) return <QueryError query={q} title="SLA compliance could not be loaded" />;
  const rows = (q.data?.clocks ?? []).map((c) => ({
    clock: clockLabel[c.clock] ?? c.clock,
    met: c.met,
    breached: c.breached,
    compliance: pct(c.compliance),
  }));
  return (
    <ChartCard
      title="SLA compliance by clock"
      description={`${q.data?.total ?? 0} tickets opened in the period; % met per clock.`}
      rows={q.data?.total ? rows : []}
      filename="sla-compliance-by-clock.csv"
      testId="chart-sla-clock"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="clock" {...axisProps} />
          <YAxis {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="met" name="Met" stackId="a" fill={palette[1]} />
          <Bar isAnimationActive={false} dataKey="breached" name="Breached" stackId="a" fill={palette[3]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function weekStarts(range: Range): number[] {
  const out: number[] = [];
  const WEEK = 7 * DAY;
  for (let t = range.to - WEEK; t >= range.from && out.length < 26; t -= WEEK) out.unshift(t);
  return out;
}

function SlaByWeek({ range }: { range: Range }) {
  const weeks = weekStarts(range);
  const results = useQueries({
    queries: weeks.map((from) =>
      trpc.report.slaCompliance.queryOptions({ from, to: from + 7 * DAY, policyId: range.policyId }),
    ),
  });
  const failed = results.find((r) => r.isError);
  if (failed) return <QueryError query={failed} title="Weekly SLA compliance could not be loaded" />;
  const rows = weeks.map((from, i) => {
    const d = results[i]?.data;
    const c = (k: string) => d?.clocks.find((x) => x.clock === k);
    return {
      week: new Date(from).toISOString().slice(0, 10),
      tickets: d?.total ?? 0,
      firstResponse: d?.total ? pct(c("firstResponse")?.compliance ?? 1) : null,
      resolution: d?.total ? pct(c("resolution")?.compliance ?? 1) : null,
    };
  });
  const any = rows.some((r) => r.tickets > 0);
  return (
    <ChartCard
      title="SLA compliance by week"
      description="% of the week's tickets whose first response and resolution were met."
      rows={any ? rows : []}
      filename="sla-compliance-by-week.csv"
      testId="chart-sla-week"
    >
      <ResponsiveContainer>
        <LineChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="week" {...axisProps} />
          <YAxis domain={[0, 100]} unit="%" {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Legend />
          <Line
            type="monotone"
            dataKey="firstResponse"
            name="First response %"
            stroke={palette[0]}
            connectNulls
          />
          <Line
            isAnimationActive={false}
            type="monotone"
            dataKey="resolution"
            name="Resolution %"
            stroke={palette[2]}
            connectNulls
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function SlaByPreset({ range, presets }: { range: Range; presets: { id: string; name: string }[] }) {
  const list = range.policyId ? presets.filter((p) => p.id === range.policyId) : presets;
  const results = useQueries({
    queries: list.map((p) =>
      trpc.report.slaCompliance.queryOptions({ from: range.from, to: range.to, policyId: p.id }),
    ),
  });
  const rows = list.map((p, i) => {
    const d = results[i]?.data;
    const c = (k: string) => d?.clocks.find((x) => x.clock === k);
    return {
      preset: p.name,
      tickets: d?.total ?? 0,
      firstResponse: pct(c("firstResponse")?.compliance ?? 1),
      resolution: pct(c("resolution")?.compliance ?? 1),
    };
  });
  return (
    <ChartCard
      title="SLA compliance by preset"
      description="Each preset has its own classes; % met per clock."
      rows={rows.some((r) => r.tickets) ? rows : []}
      filename="sla-compliance-by-preset.csv"
      testId="chart-sla-preset"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="preset" {...axisProps} />
          <YAxis domain={[0, 100]} unit="%" {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Legend />
          <Bar isAnimationActive={false} dataKey="firstResponse" name="First response %" fill={palette[0]} />
          <Bar isAnimationActive={false} dataKey="resolution" name="Resolution %" fill={palette[2]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

const backlogStatuses: [id: string, label: string][] = [
  ["new", "New"],
  ["open", "In progress"],
  ["waitingForCustomer", "Waiting for customer"],
  ["resolved", "Resolution proposed"],
];

function Backlog({ policyId }: { policyId: string }) {
  const q = useQuery(trpc.report.backlog.queryOptions({ policyId: policyId || undefined }));
  const policies = usePolicies();
  const statuses = backlogStatuses.map(([id]) => id);
  const rows = useMemo(() => {
    // priority ids → the policies' names, ordered by rank (most urgent first)
    const names = new Map<string, { name: string; rank: number }>();
    for (const p of policies.data ?? [])
      for (const pr of p.priorities)
        if (!names.has(pr.id)) names.set(pr.id, { name: pr.name, rank: pr.rank });
    const by = new Map<string, Record<string, number | string>>();
    for (const r of q.data ?? []) {
      const row = by.get(r.priorityId) ?? { priority: names.get(r.priorityId)?.name ?? r.priorityId };
      row[r.status] = Number(row[r.status] ?? 0) + r.n;
      by.set(r.priorityId, row);
    }
    return [...by.entries()]
      .sort(([a], [b]) => (names.get(a)?.rank ?? 99) - (names.get(b)?.rank ?? 99))
      .map(([, row]) => row);
  }, [q.data, policies.data]);
  if (q.isError) return <QueryError query={q} title="The backlog could not be loaded" />;
  return (
    <ChartCard
      title="Backlog by priority"
      description="Live tickets now, by priority and status."
      rows={rows}
      columns={["priority", ...statuses]}
      filename="backlog-by-priority.csv"
      testId="chart-backlog"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="priority" {...axisProps} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Legend />
          {backlogStatuses.map(([id, label], i) => (
            <Bar isAnimationActive={false} key={id} dataKey={id} stackId="s" name={label} fill={palette[i]} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Volume({ range }: { range: Range }) {
  const q = useQuery(trpc.report.volumePerDay.queryOptions(range));
  if (q.isError) return <QueryError query={q} title="Volume could not be loaded" />;
  const rows = (q.data ?? []).map((r) => ({ day: r.day, tickets: r.n }));
  return (
    <ChartCard
      title="Volume per day"
      description="Tickets opened per day (UTC)."
      rows={rows}
      filename="volume-per-day.csv"
      testId="chart-volume"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="day" {...axisProps} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Bar isAnimationActive={false} dataKey="tickets" name="Tickets" fill={palette[0]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Escalations({ range }: { range: Range }) {
  const q = useQuery(trpc.report.escalationsByLevel.queryOptions(range));
  if (q.isError) return <QueryError query={q} title="Escalations could not be loaded" />;
  const rows = (q.data ?? []).map((r) => ({ level: `L${r.level}`, tickets: r.n }));
  return (
    <ChartCard
      title="Escalations by level"
      description="Tickets opened in the period, by the highest level they reached."
      rows={rows}
      filename="escalations-by-level.csv"
      testId="chart-escalations"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="level" {...axisProps} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Bar isAnimationActive={false} dataKey="tickets" name="Tickets" fill={palette[2]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function Satisfaction({ range }: { range: Range }) {
  const q = useQuery(trpc.report.satisfaction.queryOptions(range));
  if (q.isError) return <QueryError query={q} title="Satisfaction could not be loaded" />;
  const rows = (q.data?.distribution ?? []).map((d) => ({ score: String(d.score), answers: d.n }));
  const avg = q.data?.average;
  return (
    <ChartCard
      title="Satisfaction scores"
      description={
        q.data
          ? `${q.data.answers} answers to ${q.data.invited} surveys${avg != null ? ` · average ${avg.toFixed(2)}` : ""}`
          : "Survey answers in the period."
      }
      rows={rows}
      filename="satisfaction.csv"
      testId="chart-satisfaction"
    >
      <ResponsiveContainer>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" opacity={0.3} />
          <XAxis dataKey="score" {...axisProps} />
          <YAxis allowDecimals={false} {...axisProps} />
          <Tooltip {...tooltipStyle} />
          <Bar isAnimationActive={false} dataKey="answers" name="Answers" fill={palette[4]} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
