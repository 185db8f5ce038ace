/** The ticket workspace (R-LC-1 to R-LC-9). */

import { severityRank } from "@helpdesk/domain/classification";
import {
  Alert,
  Badge,
  Button,
  ErrorState,
  LoadingState,
  PriorityBadge,
  StatusBadge,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from "@helpdesk/ui";
import { ArrowLeft, Eye, ShieldAlert, Siren } from "lucide-react";
import { useCallback, useMemo } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { hintFor } from "../components/states";
import { useActiveIncidents } from "../features/incidents/use-incidents";
import { useCalendarLookup, usePolicyMap } from "../features/policy/use-policies";
import { useMe } from "../features/session/session";
import { useStaffDirectory } from "../features/staff/use-staff-names";
import { TicketActions } from "../features/ticket/actions";
import { Composer, type ComposerMode } from "../features/ticket/composer";
import { Conversation } from "../features/ticket/conversation";
import {
  AccountPanel,
  EscalationPanel,
  HistoryPanel,
  SlaPanel,
  serviceLevelFor,
} from "../features/ticket/panels";
import { RequestDetails } from "../features/ticket/request-details";
import { TicketAddress } from "../features/ticket/ticket-address";
import { useOtherViewers, useTicket } from "../features/ticket/use-ticket";
import { useHotkeys } from "../lib/keys";
import { errorMessage, trpcClient, trpcErrorCode } from "../lib/trpc";

/** The address names the ticket by number (R-TKT-1); the workspace works on its id. */
export default function TicketPage() {
  const { id: param = "" } = useParams();
  return <TicketAddress param={param}>{(id) => <TicketWorkspace key={id} id={id} />}</TicketAddress>;
}

function TicketWorkspace({ id }: { id: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const staff = useStaffDirectory();
  const nameOf = useCallback(
    (sid: string) => (sid === me.id ? `${me.name} (me)` : (staff.names.get(sid) ?? null)),
    [me, staff.names],
  );
  const { query, notice, dismissNotice, run } = useTicket(id, me.id, nameOf);
  const others = useOtherViewers(id);
  const policies = usePolicyMap();
  const calendarLookup = useCalendarLookup();
  const incidents = useActiveIncidents();

  useHotkeys((key) => {
    if (key === "Escape" || key === "u") navigate("/");
  });

  const t = query.data;
  const policy = t ? policies.get(t.policyId) : undefined;
  // active incidents carry their title; a resolved one is still linked, shown without it
  const incidentTitle = t?.majorIncidentId
    ? incidents.find((i) => i.id === t.majorIncidentId)?.title
    : undefined;
  const calendar = useMemo(() => {
    if (!t) return null;
    const sl = serviceLevelFor(policy, t);
    // the ticket's own calendar: a paged 24x7 Urgent ticket counts on the after-hours one (R-SLA-5)
    return calendarLookup(t.policyId, t.calendarId ?? sl?.calendarId ?? null, sl?.id);
  }, [t, policy, calendarLookup]);

  if (query.isPending)
    return (
      <div className="p-6">
        <LoadingState label="Loading the ticket…" lines={8} />
      </div>
    );
  if (query.isError || !t)
    return (
      <div className="p-6">
        <ErrorState
          title={
            // a malformed id in the address is the same as an unknown one for the agent
            ["NOT_FOUND", "BAD_REQUEST"].includes(trpcErrorCode(query.error) ?? "")
              ? "There is no ticket at this address"
              : "This ticket could not be loaded"
          }
          message={
            trpcErrorCode(query.error) === "BAD_REQUEST"
              ? "The link does not contain a valid ticket id."
              : errorMessage(query.error)
          }
          hint={
            trpcErrorCode(query.error) === "BAD_REQUEST"
              ? "Check the link or search for the ticket number with Ctrl K."
              : hintFor(query.error)
          }
          onRetry={() => void query.refetch()}
        />
      </div>
    );

  const onSend = (
    mode: ComposerMode,
    body: string,
    expectedVersion: number,
    attachments: { fileName: string; contentBase64: string }[],
  ) => {
    const labels: Record<ComposerMode, string> = {
      reply: "Reply sent.",
      note: "Internal note added.",
      requestInformation: "Information requested; the ticket waits for the customer.",
      proposeResolution: "Resolution proposed.",
    };
    return run(
      labels[mode],
      (ev) => {
        const input = { id: t.id, expectedVersion: ev, body };
        if (mode === "reply") return trpcClient.staffTicket.reply.mutate({ ...input, attachments });
        if (mode === "note") return trpcClient.staffTicket.note.mutate({ ...input, attachments });
        if (mode === "requestInformation") return trpcClient.staffTicket.requestInformation.mutate(input);
        return trpcClient.staffTicket.proposeResolution.mutate(input);
      },
      expectedVersion,
    );
  };

  return (
    <div className="flex h-full flex-col overflow-hidden">
      <header className="flex flex-col gap-2 border-b border-border bg-card px-6 py-3">
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          <Link to="/" className="inline-flex items-center gap-1 no-underline">
            <ArrowLeft className="size-4" aria-hidden="true" /> Queue
          </Link>
          <span aria-hidden="true">/</span>
          <span className="font-mono">{t.number}</span>
          <span className="ml-auto text-xs">
            version {t.version} · <kbd>r</kbd> reply · <kbd>n</kbd> note · <kbd>c</kbd> claim · <kbd>e</kbd>{" "}
            escalate · <kbd>Esc</kbd> back
          </span>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-2 text-lg font-semibold" data-testid="ticket-subject">
            {t.subject}
          </h1>
          <StatusBadge status={t.status} />
          <PriorityBadge rank={severityRank(t.severity)} label={t.priorityName} />
          {t.classificationName ? (
            <Badge tone="indigo">{t.classificationName}</Badge>
          ) : (
            <Badge>not triaged</Badge>
          )}
          {t.express ? <Badge tone="violet">Express</Badge> : null}
          {/* escalation ends when the ticket is resolved (R-ESC-4): the level stays in the history */}
          {t.escalationLevel > 0 && ["new", "open", "waitingForCustomer"].includes(t.status) ? (
            <Badge tone="orange">Escalated L{t.escalationLevel}</Badge>
          ) : null}
          {t.breached ? <Badge tone="red">SLA breached</Badge> : null}
          {t.authorizationPending ? (
            <Badge tone="violet">
              <ShieldAlert className="size-3" aria-hidden="true" /> authorization pending
            </Badge>
          ) : null}
          {t.majorIncidentId ? (
            <Link
              to={`/incidents/${t.majorIncidentId}`}
              className="no-underline"
              data-testid="major-incident"
              title="Open the major incident this ticket is linked to"
            >
              <Badge tone="red">
                <Siren className="size-3" aria-hidden="true" /> major incident
                {incidentTitle ? `: ${incidentTitle}` : ""}
              </Badge>
            </Link>
          ) : null}
          {others.length ? (
            <Badge
              tone="blue"
              data-testid="also-viewing"
              title="They see your saves; yours may be refused if they save first."
            >
              <Eye className="size-3" aria-hidden="true" /> Also open:{" "}
              {others.map((o) => nameOf(o) ?? "a colleague").join(", ")}
            </Badge>
          ) : null}
          <span className="ml-auto text-sm text-muted-foreground" data-testid="assignee">
            {t.assigneeId ? `Assigned to ${nameOf(t.assigneeId) ?? "a colleague"}` : "Unassigned"}
          </span>
        </div>
        <TicketActions
          ticket={t}
          policy={policy}
          meId={me.id}
          staff={staff.list}
          incidents={incidents}
          run={run}
        />
      </header>
      {notice ? (
        <div className="px-6 pt-3">
          <Alert
            tone="warning"
            role="alert"
            title={`Changed by ${notice.by} while you had it open`}
            action={
              <Button size="sm" variant="outline" onClick={dismissNotice}>
                Got it
              </Button>
            }
          >
            {notice.by} {notice.what} (now version {t.version}). What you see is the new state; your unsent
            text is kept.
          </Alert>
        </div>
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_400px] gap-0">
        <section
          className="flex min-h-0 flex-col gap-3 overflow-y-auto px-6 py-4"
          aria-label="Conversation and reply"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
          tabIndex={0}
        >
          <RequestDetails
            // the description is the conversation's first message: shown there, not twice
            details={t.requestDetails.filter((d) => d.id !== "description" || d.missing)}
            live={["new", "open", "waitingForCustomer"].includes(t.status)}
          />
          <Conversation messages={t.messages} />
          <Composer
            ticketId={t.id}
            version={t.version}
            allowed={t.allowedEvents}
            onSend={onSend}
            missingInformation={t.requestDetails.filter((d) => d.missing).map((d) => d.label)}
          />
        </section>
        <aside
          className="min-h-0 overflow-y-auto border-l border-border bg-card px-4 py-3"
          aria-label="Ticket details"
        >
          <Tabs defaultValue="sla">
            <TabsList>
              <TabsTrigger value="sla">SLA</TabsTrigger>
              <TabsTrigger value="escalation">Escalation</TabsTrigger>
              <TabsTrigger value="account">Account</TabsTrigger>
              <TabsTrigger value="history">History</TabsTrigger>
            </TabsList>
            <TabsContent value="sla">
              <SlaPanel ticket={t} policy={policy} calendar={calendar} />
            </TabsContent>
            <TabsContent value="escalation">
              <EscalationPanel ticket={t} policy={policy} calendar={calendar} nameOf={nameOf} />
            </TabsContent>
            <TabsContent value="account">
              <AccountPanel account={t.account} ticket={t} />
            </TabsContent>
            <TabsContent value="history">
              <HistoryPanel history={t.history} nameOf={nameOf} policy={policy} />
            </TabsContent>
          </Tabs>
        </aside>
      </div>
    </div>
  );
}
