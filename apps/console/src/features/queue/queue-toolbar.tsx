/** Queue filters: toggles, selects, search and saved views. */
import type { Policy } from "@helpdesk/domain";
import { type Severity, severities, severityScale } from "@helpdesk/domain/classification";
import {
  Button,
  cn,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  Input,
  Select,
} from "@helpdesk/ui";
import { Bookmark, ChevronDown, Search, Trash2, X } from "lucide-react";
import type { RefObject } from "react";
import { builtInViews, type SavedView } from "./saved-views";
import { emptyFilters, type QueueFilters } from "./types";

const toggles: { key: "mine" | "unassigned" | "breached" | "escalated" | "waiting"; label: string }[] = [
  { key: "mine", label: "Mine" },
  { key: "unassigned", label: "Unassigned" },
  { key: "breached", label: "Breached" },
  { key: "escalated", label: "Escalated" },
  { key: "waiting", label: "Waiting" },
];

export function QueueToolbar({
  filters,
  onChange,
  policies,
  accounts,
  views,
  onSaveView,
  onRemoveView,
  searchRef,
}: {
  filters: QueueFilters;
  onChange: (f: QueueFilters) => void;
  policies: Policy[];
  accounts: { id: string; name: string }[];
  views: SavedView[];
  onSaveView: () => void;
  onRemoveView: (id: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const set = <K extends keyof QueueFilters>(k: K, v: QueueFilters[K]) => onChange({ ...filters, [k]: v });
  const scoped = filters.policyId ? policies.filter((p) => p.id === filters.policyId) : policies;
  const classes = uniqueBy(scoped.flatMap((p) => p.classifications.map((c) => ({ id: c.id, name: c.name }))));
  // R-TKT-4: one scale for every policy's priorities; each level names the priorities it holds
  const priorityNamesOn = (s: Severity) => [
    ...new Set(
      scoped.flatMap((p) => [...severityScale(p)].filter(([, v]) => v === s).map(([id]) => nameOf(p, id))),
    ),
  ];
  const dirty = JSON.stringify(filters) !== JSON.stringify(emptyFilters);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative w-64">
          <Search
            className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-muted-foreground"
            aria-hidden="true"
          />
          <Input
            ref={searchRef}
            aria-label="Search subject or ticket number"
            placeholder="Search subject or number"
            className="h-9 pl-8"
            value={filters.text}
            onChange={(e) => set("text", e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") (e.target as HTMLInputElement).blur();
            }}
          />
        </div>
        <fieldset className="flex items-center gap-1" aria-label="Quick filters">
          {toggles.map((t) => (
            <button
              key={t.key}
              type="button"
              aria-pressed={filters[t.key]}
              onClick={() => {
                const next = { ...filters, [t.key]: !filters[t.key] };
                if (t.key === "mine" && next.mine) next.unassigned = false;
                if (t.key === "unassigned" && next.unassigned) next.mine = false;
                onChange(next);
              }}
              className={cn(
                "h-8 rounded-full border px-3 text-sm transition-colors",
                filters[t.key]
                  ? "border-primary bg-primary text-primary-foreground"
                  : "border-border bg-card text-foreground hover:bg-muted",
              )}
            >
              {t.label}
            </button>
          ))}
        </fieldset>
        <div className="ml-auto flex items-center gap-2">
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline" size="sm">
                <Bookmark className="size-4" aria-hidden="true" /> Views{" "}
                <ChevronDown className="size-3.5" aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>Built in</DropdownMenuLabel>
              {builtInViews.map((v) => (
                <DropdownMenuItem key={v.id} onSelect={() => onChange(v.filters)}>
                  {v.name}
                </DropdownMenuItem>
              ))}
              <DropdownMenuSeparator />
              <DropdownMenuLabel>Saved in this browser</DropdownMenuLabel>
              {views.length === 0 ? (
                <DropdownMenuItem disabled>No saved views yet</DropdownMenuItem>
              ) : (
                views.map((v) => (
                  <DropdownMenuItem
                    key={v.id}
                    onSelect={() => onChange(v.filters)}
                    className="justify-between gap-4"
                  >
                    {v.name}
                    <button
                      type="button"
                      aria-label={`Delete view ${v.name}`}
                      className="rounded p-0.5 hover:bg-muted"
                      onClick={(e) => {
                        e.stopPropagation();
                        e.preventDefault();
                        onRemoveView(v.id);
                      }}
                    >
                      <Trash2 className="size-3.5" aria-hidden="true" />
                    </button>
                  </DropdownMenuItem>
                ))
              )}
            </DropdownMenuContent>
          </DropdownMenu>
          <Button variant="outline" size="sm" onClick={onSaveView} disabled={!dirty}>
            Save view
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <FilterSelect
          label="Preset"
          value={filters.policyId}
          onChange={(v) => onChange({ ...filters, policyId: v, classificationId: "", priorityId: "" })}
        >
          {policies.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Class"
          value={filters.classificationId}
          onChange={(v) => set("classificationId", v)}
        >
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label="Priority"
          value={filters.severity ?? ""}
          onChange={(v) => onChange({ ...filters, severity: v, priorityId: "" })}
        >
          {severities.map((s) => (
            <option key={s} value={s} title={priorityNamesOn(s).join(", ")}>
              {severityLabels[s]}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label="Account" value={filters.accountId} onChange={(v) => set("accountId", v)}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </FilterSelect>
        {dirty ? (
          <Button variant="ghost" size="sm" onClick={() => onChange(emptyFilters)}>
            <X className="size-4" aria-hidden="true" /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: React.ReactNode;
}) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <div className="flex items-center gap-1.5 text-sm text-muted-foreground">
      <label htmlFor={id}>{label}</label>
      <Select
        id={id}
        className="h-8 w-44 py-0 text-sm text-foreground"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">Any</option>
        {children}
      </Select>
    </div>
  );
}

function uniqueBy<T extends { id: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    if (seen.has(x.id)) return false;
    seen.add(x.id);
    return true;
  });
}

const severityLabels: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  normal: "Normal",
  low: "Low",
};

const nameOf = (p: Policy, id: string) => p.priorities.find((x) => x.id === id)?.name ?? id;
