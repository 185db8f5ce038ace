/**
 * Major incidents (R-MI-1, R-MI-2): declare, post updates, resolve, link tickets, and preview the public
 * status page (R-MI-1). While an incident is active its posts count as the first response of linked
 * tickets (R-MI-2).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Checkbox,
  EmptyState,
  Field,
  formatDateTime,
  Input,
  PageHeader,
  RelativeTime,
  SanitizedMarkdown,
  Select,
  StatusBadge,
  Textarea,
  toast,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Globe, Siren } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Page, QueryBoundary } from "../components/states";
import { useMe } from "../features/session/session";
import { can } from "../lib/roles";
import { ticketPath } from "../lib/ticket-path";
import { errorMessage, trpc, trpcClient } from "../lib/trpc";

type Incident = NonNullable<ReturnType<typeof useIncidents>["data"]>[number];
const statuses = ["investigating", "identified", "monitoring", "resolved"] as const;
const tone = { investigating: "red", identified: "orange", monitoring: "blue", resolved: "green" } as const;

function useIncidents(includeResolved: boolean) {
  return useQuery({ ...trpc.incident.list.queryOptions({ includeResolved }), refetchInterval: 15_000 });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: trpc.incident.list.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.incident.status.queryKey() });
  };
}

export default function IncidentsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [showResolved, setShowResolved] = useState(false);
  const [declaring, setDeclaring] = useState(false);
  // R-ACT-7: declaring and posting follow the domain's table (incident.manage)
  const manages = can(useMe().roles, "incident.manage");
  const incidents = useIncidents(showResolved || Boolean(id));
  const selected = incidents.data?.find((i) => i.id === id);
  return (
    <Page>
      <PageHeader
        title="Major incidents"
        description="Declare an incident, keep the public status page current, and link the tickets it causes."
        actions={
          manages ? (
            <Button onClick={() => setDeclaring(true)}>
              <Siren className="size-4" aria-hidden="true" /> Declare incident
            </Button>
          ) : null
        }
      />
      <div className="grid grid-cols-[340px_minmax(0,1fr)] gap-4">
        <div className="flex flex-col gap-3">
          <Checkbox
            label="Show resolved incidents"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
          />
          <QueryBoundary query={incidents} label="Loading incidents…">
            {(list) =>
              list.length === 0 ? (
                <EmptyState
                  title="No active major incident"
                  description="Declare one when an outage affects many customers."
                />
              ) : (
                <ul className="flex flex-col gap-2" aria-label="Incidents">
                  {list.map((i) => (
                    <li key={i.id}>
                      <Link
                        to={`/incidents/${i.id}`}
                        aria-current={i.id === id ? "page" : undefined}
                        className={`block rounded-lg border px-3 py-2 text-foreground no-underline hover:bg-muted ${i.id === id ? "border-primary bg-accent" : "border-border bg-card"}`}
                      >
                        <span className="flex items-center gap-2">
                          <Badge tone={tone[i.status as keyof typeof tone] ?? "gray"}>{i.status}</Badge>
                          <span className="truncate font-medium">{i.title}</span>
                        </span>
                        <span className="text-xs text-muted-foreground">
                          started <RelativeTime value={i.startedAt} /> ·{" "}
                          {i.services.join(", ") || "no services named"}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryBoundary>
        </div>
        <div className="flex flex-col gap-4">
          {declaring ? (
            <DeclareForm
              onDone={(newId) => {
                setDeclaring(false);
                if (newId) navigate(`/incidents/${newId}`);
              }}
            />
          ) : null}
          {selected ? (
            <IncidentDetail incident={selected} />
          ) : id && incidents.data ? (
            <Alert tone="warning">This incident does not exist or was removed.</Alert>
          ) : null}
          <StatusPreview />
        </div>
      </div>
    </Page>
  );
}

function labels(s: string) {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

function DeclareForm({ onDone }: { onDone: (id?: string) => void }) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [services, setServices] = useState("");
  const [dataCenters, setDataCenters] = useState("");
  const [busy, setBusy] = useState(false);
  const refresh = useRefresh();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Declare a major incident</CardTitle>
        <CardDescription>It appears on the public status page at once.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid grid-cols-2 gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              const i = await trpcClient.incident.declare.mutate({
                title,
                description,
                services: labels(services),
                dataCenters: labels(dataCenters),
              });
              toast.success("Incident declared; it is on the status page.");
              refresh();
              onDone(i.id);
            } catch (err) {
              toast.error(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Field label="Title" required className="col-span-2">
            <Input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="Fax delivery delayed in EU"
            />
          </Field>
          <Field label="Services affected" help="Comma-separated, e.g. Fax, SMS">
            <Input value={services} onChange={(e) => setServices(e.target.value)} />
          </Field>
          <Field label="Data centers" help="Comma-separated, e.g. FRA1">
            <Input value={dataCenters} onChange={(e) => setDataCenters(e.target.value)} />
          </Field>
          <Field label="What customers should know" className="col-span-2">
            <Textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <div className="col-span-2 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => onDone()}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!title.trim()}>
              Declare
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function IncidentDetail({ incident }: { incident: Incident }) {
  const manages = can(useMe().roles, "incident.manage");
  const [status, setStatus] = useState<(typeof statuses)[number]>(
    incident.status === "investigating" ? "identified" : (incident.status as (typeof statuses)[number]),
  );
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [ticketNumber, setTicketNumber] = useState("");
  const refresh = useRefresh();
  const resolved = incident.status === "resolved";
  const post = async (s: (typeof statuses)[number], text: string) => {
    setBusy(true);
    try {
      const r = await trpcClient.incident.post.mutate({ incidentId: incident.id, status: s, body: text });
      toast.success(
        s === "resolved"
          ? "Incident resolved."
          : `Update posted${r.firstResponses ? `; it was the first response of ${r.firstResponses} linked tickets` : ""}.`,
      );
      setBody("");
      refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const link = async () => {
    setBusy(true);
    try {
      const q = await trpcClient.staffTicket.queue.query({ search: ticketNumber.trim(), limit: 5 });
      const t = q.items.find(
        (x) => x.number.replace(/\s/g, "") === ticketNumber.replace(/\s/g, "").toUpperCase(),
      );
      if (!t) {
        toast.error(`No live ticket ${ticketNumber}. Check the number (e.g. RCR 0000123).`);
        return;
      }
      await trpcClient.staffTicket.linkMajorIncident.mutate({
        id: t.id,
        expectedVersion: t.version,
        incidentId: incident.id,
      });
      toast.success(`${t.number} linked.`);
      setTicketNumber("");
      refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="incident-detail">
      <CardHeader>
        <div className="flex items-center gap-2">
          <Badge tone={tone[incident.status as keyof typeof tone] ?? "gray"}>{incident.status}</Badge>
          <CardTitle as="h2">{incident.title}</CardTitle>
        </div>
        <CardDescription>
          Started {formatDateTime(incident.startedAt)}
          {incident.resolvedAt ? ` · resolved ${formatDateTime(incident.resolvedAt)}` : ""} · services{" "}
          {incident.services.join(", ") || "—"} · data centers {incident.dataCenters.join(", ") || "—"}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {incident.description ? <SanitizedMarkdown>{incident.description}</SanitizedMarkdown> : null}
        <ol className="flex flex-col gap-2 border-l-2 border-border pl-3" aria-label="Updates">
          {incident.updates.length === 0 ? (
            <li className="text-sm text-muted-foreground">No update posted yet.</li>
          ) : null}
          {incident.updates.map((u) => (
            <li key={u.id} className="text-sm">
              <span className="flex items-center gap-2">
                <Badge tone={tone[u.status as keyof typeof tone] ?? "gray"}>{u.status}</Badge>
                <span className="text-xs text-muted-foreground">{formatDateTime(u.postedAt)}</span>
              </span>
              <SanitizedMarkdown>{u.body}</SanitizedMarkdown>
            </li>
          ))}
        </ol>
        {resolved || !manages ? null : (
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void post(status, body);
            }}
          >
            <div className="grid grid-cols-[200px_1fr] gap-3">
              <Field label="New status">
                <Select
                  value={status}
                  onChange={(e) => setStatus(e.target.value as (typeof statuses)[number])}
                >
                  {statuses.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Status update" help="Published on the status page and mailed to subscribers.">
                <Textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
              </Field>
            </div>
            <div className="flex justify-end gap-2">
              <Button
                variant="outline"
                loading={busy}
                disabled={!body.trim()}
                onClick={() => void post("resolved", body)}
              >
                Resolve with this text
              </Button>
              <Button type="submit" loading={busy} disabled={!body.trim()}>
                Post update
              </Button>
            </div>
          </form>
        )}
        <section aria-labelledby={`linked-${incident.id}`} className="flex flex-col gap-1">
          <h3 id={`linked-${incident.id}`} className="text-sm font-semibold">
            Linked tickets ({incident.linkedTickets.length})
          </h3>
          {incident.linkedTickets.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No ticket is linked yet. Link the tickets this incident causes, here or from a ticket.
            </p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" aria-label="Linked tickets">
              {incident.linkedTickets.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center gap-2" data-ticket={t.number}>
                  <Link to={ticketPath(t.number)} className="font-mono text-xs">
                    {t.number}
                  </Link>
                  <span className="truncate">{t.subject}</span>
                  <StatusBadge status={t.status} className="py-0" />
                  <span className="ml-auto text-xs text-muted-foreground">
                    {t.firstResponseAt
                      ? `first response ${formatDateTime(t.firstResponseAt)}`
                      : "no first response yet"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {resolved || !manages ? null : (
          <form
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void link();
            }}
          >
            <Field
              label="Link a ticket"
              help="Its first response is the status post while the incident is active."
            >
              <Input
                value={ticketNumber}
                onChange={(e) => setTicketNumber(e.target.value)}
                placeholder="RCR 0000123"
                className="w-56"
              />
            </Field>
            <Button type="submit" variant="outline" loading={busy} disabled={!ticketNumber.trim()}>
              Link
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}

function StatusPreview() {
  const status = useQuery({ ...trpc.incident.status.queryOptions(), refetchInterval: 30_000 });
  return (
    <Card data-testid="status-preview">
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <Globe className="size-4" aria-hidden="true" /> Public status page (preview)
        </CardTitle>
        <CardDescription>What customers and subscribers see right now.</CardDescription>
      </CardHeader>
      <CardContent>
        <QueryBoundary query={status} label="Loading the status page…">
          {(s) => {
            const data = s as {
              incidents?: {
                id: string;
                title: string;
                status: string;
                updates?: { id: string; body: string; postedAt: number; status: string }[];
              }[];
              maintenance?: { id: string; title: string; startsAt: number; endsAt: number }[];
            };
            const incidents = data.incidents ?? [];
            const active = incidents.filter((i) => i.status !== "resolved");
            return (
              <div className="flex flex-col gap-3 rounded-md border border-border p-4">
                <p
                  className={`text-base font-semibold ${active.length ? "text-danger-text" : "text-success-text"}`}
                >
                  {active.length
                    ? `${active.length} ongoing incident${active.length > 1 ? "s" : ""}`
                    : "All systems operational"}
                </p>
                {incidents.map((i) => (
                  <div key={i.id} className="text-sm">
                    <span className="font-medium">{i.title}</span> — {i.status}
                    {i.updates?.length ? (
                      <p className="text-muted-foreground">{i.updates[i.updates.length - 1]?.body}</p>
                    ) : null}
                  </div>
                ))}
                {(data.maintenance ?? []).map((m) => (
                  <p key={m.id} className="text-sm">
                    Scheduled maintenance: {m.title}, {formatDateTime(m.startsAt)} –{" "}
                    {formatDateTime(m.endsAt)}
                  </p>
                ))}
              </div>
            );
          }}
        </QueryBoundary>
      </CardContent>
    </Card>
  );
}
