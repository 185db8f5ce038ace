/**
 * Inbox of unidentified requests (journey 4): voicemails and mail from unknown senders to match to an
 * account and contact, or reject; tickets waiting for authorization; temporary access (R-ACT-3, R-ACT-4,
 * R-TKT-5).
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
  EmptyState,
  Field,
  Input,
  PageHeader,
  RelativeTime,
  Select,
  Textarea,
  toast,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Phone, ShieldAlert, ShieldCheck, UserPlus, Voicemail } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { Page, QueryBoundary } from "../components/states";
import { useAccount, useAccounts } from "../features/customers/use-accounts";
import { usePolicies } from "../features/policy/use-policies";
import type { TicketSummary } from "../lib/api-types";
import { errorMessage, trpc, trpcClient, trpcErrorCode } from "../lib/trpc";

export default function InboxPage() {
  const inbox = useQuery({ ...trpc.staffTicket.inbox.queryOptions({ limit: 100 }), refetchInterval: 10_000 });
  return (
    <Page>
      <PageHeader
        title="Inbox"
        description="Requests nobody has identified yet: match them to an account and contact, or reject them. Only authorized contacts may open tickets (R-ACT-3)."
      />
      <div className="grid grid-cols-[minmax(0,1fr)_360px] gap-4">
        <QueryBoundary query={inbox} label="Loading the inbox…" errorTitle="The inbox could not be loaded">
          {(items) =>
            items.length === 0 ? (
              <EmptyState
                title="Nothing to identify"
                description="Voicemails, mail from unknown senders and tickets pending authorization appear here."
              />
            ) : (
              <ul className="flex flex-col gap-3" aria-label="Unidentified requests">
                {items.map((t) => (
                  <InboxItem key={t.id} ticket={t} />
                ))}
              </ul>
            )
          }
        </QueryBoundary>
        <div className="flex flex-col gap-4">
          <LogVoicemail />
          <TemporaryAccess />
        </div>
      </div>
    </Page>
  );
}

function useRefreshInbox() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: trpc.staffTicket.inbox.queryKey() });
    void qc.invalidateQueries({ queryKey: trpc.staffTicket.queue.infiniteQueryKey() });
  };
}

function InboxItem({ ticket }: { ticket: Omit<TicketSummary, "accountName"> }) {
  const [matching, setMatching] = useState(false);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshInbox();
  const unmatched = !ticket.accountId || ticket.accountId === "unmatched" || !ticket.contactId;
  const act = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      toast.success(label);
      refresh();
    } catch (e) {
      toast.error(
        trpcErrorCode(e) === "CONFLICT"
          ? "The ticket changed meanwhile; the inbox was refreshed."
          : errorMessage(e),
      );
      refresh();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li>
      <Card data-ticket={ticket.number}>
        <CardContent className="flex flex-col gap-2 pt-4">
          <div className="flex flex-wrap items-center gap-2">
            {ticket.channel === "voicemail" ? (
              <Voicemail className="size-4 text-muted-foreground" aria-hidden="true" />
            ) : (
              <Phone className="size-4 text-muted-foreground" aria-hidden="true" />
            )}
            <Link to={`/tickets/${ticket.id}`} className="font-medium">
              {ticket.subject}
            </Link>
            <span className="font-mono text-xs text-muted-foreground">{ticket.number}</span>
            {ticket.authorizationPending ? (
              <Badge tone="violet">
                <ShieldAlert className="size-3" aria-hidden="true" /> authorization pending
              </Badge>
            ) : null}
            {unmatched ? <Badge tone="amber">unidentified</Badge> : null}
            <span className="ml-auto text-xs text-muted-foreground">
              <RelativeTime value={ticket.createdAt} /> · via {ticket.channel}
            </span>
          </div>
          <div className="flex flex-wrap gap-2">
            {unmatched ? (
              <Button size="sm" onClick={() => setMatching((m) => !m)} aria-expanded={matching}>
                Match to account…
              </Button>
            ) : null}
            {ticket.authorizationPending ? (
              <Button
                size="sm"
                variant="outline"
                loading={busy}
                onClick={() =>
                  act("Authorization recorded.", () =>
                    trpcClient.staffTicket.authorize.mutate({
                      id: ticket.id,
                      expectedVersion: ticket.version,
                    }),
                  )
                }
              >
                <ShieldCheck className="size-4" aria-hidden="true" /> Authorization received
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="danger"
              loading={busy}
              onClick={() =>
                act(`${ticket.number} rejected as unauthorized.`, () =>
                  trpcClient.staffTicket.reject.mutate({
                    id: ticket.id,
                    expectedVersion: ticket.version,
                    reason: "unauthorized",
                    note: "We could not identify you as an authorized contact of a customer account.",
                  }),
                )
              }
            >
              Reject as unauthorized
            </Button>
          </div>
          {matching ? (
            <MatchForm
              onCancel={() => setMatching(false)}
              onMatch={(accountId, contactId) =>
                act(`${ticket.number} matched.`, () =>
                  trpcClient.staffTicket.matchAccount.mutate({
                    id: ticket.id,
                    expectedVersion: ticket.version,
                    accountId,
                    contactId,
                  }),
                )
              }
            />
          ) : null}
        </CardContent>
      </Card>
    </li>
  );
}

function MatchForm({
  onMatch,
  onCancel,
}: {
  onMatch: (accountId: string, contactId: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [search, setSearch] = useState("");
  const accounts = useAccounts(search);
  const [accountId, setAccountId] = useState("");
  const account = useAccount(accountId || null);
  const [contactId, setContactId] = useState("");
  const contacts = (account.data?.contacts ?? []).filter((c) => c.active);
  return (
    <form
      className="mt-1 grid grid-cols-3 items-end gap-2 rounded-md border border-border p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (accountId && contactId) void onMatch(accountId, contactId);
      }}
    >
      <Field label="Find account">
        <Input
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Name or customer number"
        />
      </Field>
      <Field label="Account">
        <Select
          value={accountId}
          onChange={(e) => {
            setAccountId(e.target.value);
            setContactId("");
          }}
        >
          <option value="">Pick an account</option>
          {(accounts.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.customerNumber})
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Authorized contact">
        <Select value={contactId} onChange={(e) => setContactId(e.target.value)} disabled={!accountId}>
          <option value="">{accountId ? "Pick a contact" : "Pick an account first"}</option>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.firstName} {c.lastName} · {c.phone ?? c.email}
            </option>
          ))}
        </Select>
      </Field>
      <div className="col-span-3 flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={!accountId || !contactId}>
          Match
        </Button>
      </div>
    </form>
  );
}

function LogVoicemail() {
  const policies = usePolicies();
  const [policyId, setPolicyId] = useState("");
  const [callerNumber, setCallerNumber] = useState("");
  const [transcript, setTranscript] = useState("");
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshInbox();
  const withVoicemail = (policies.data ?? []).filter((p) => p.channels.voicemail?.enabled);
  const pid = policyId || withVoicemail[0]?.id || "";
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Log a voicemail</CardTitle>
        <CardDescription>
          A voicemail knows only the caller's number until you match it (R-TKT-5). A number that belongs to
          exactly one contact is matched at once.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {withVoicemail.length === 0 && policies.data ? (
          <Alert tone="info">No active policy takes voicemail.</Alert>
        ) : (
          <form
            className="flex flex-col gap-3"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              try {
                const t = await trpcClient.staffTicket.logVoicemail.mutate({
                  policyId: pid,
                  callerNumber,
                  transcript,
                });
                toast.success(`Voicemail logged as ${t.number}.`);
                setCallerNumber("");
                setTranscript("");
                refresh();
              } catch (err) {
                toast.error(errorMessage(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            <Field label="Policy">
              <Select value={pid} onChange={(e) => setPolicyId(e.target.value)}>
                {withVoicemail.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Caller's number" required>
              <Input
                value={callerNumber}
                onChange={(e) => setCallerNumber(e.target.value)}
                placeholder="+1 512 555 0100"
              />
            </Field>
            <Field label="What the caller said" required>
              <Textarea rows={3} value={transcript} onChange={(e) => setTranscript(e.target.value)} />
            </Field>
            <Button
              type="submit"
              size="sm"
              loading={busy}
              disabled={!callerNumber.trim() || !transcript.trim() || !pid}
            >
              Log voicemail
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}

function TemporaryAccess() {
  const accounts = useAccounts();
  const [form, setForm] = useState({ accountId: "", firstName: "", lastName: "", email: "", phone: "" });
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const ready = form.accountId && form.firstName.trim() && form.lastName.trim() && form.email.trim();
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Grant temporary access</CardTitle>
        <CardDescription>
          The account's primary contact is asked to confirm; the access lapses when they do not (R-ACT-4).
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            try {
              const g = await trpcClient.staffTicket.grantTemporaryAccess.mutate({
                accountId: form.accountId,
                firstName: form.firstName,
                lastName: form.lastName,
                email: form.email,
                phone: form.phone || undefined,
              });
              toast.success(
                g.primaryContactAsked
                  ? `Temporary access granted until ${new Date(g.expiresAt).toLocaleDateString()}; the primary contact was asked to confirm.`
                  : "Temporary access granted, but the account has no primary contact to confirm it. Set one under Customers.",
              );
              setForm({ accountId: form.accountId, firstName: "", lastName: "", email: "", phone: "" });
            } catch (err) {
              toast.error(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Field label="Account" required>
            <Select value={form.accountId} onChange={set("accountId")}>
              <option value="">Pick an account</option>
              {(accounts.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid grid-cols-2 gap-2">
            <Field label="First name" required>
              <Input value={form.firstName} onChange={set("firstName")} />
            </Field>
            <Field label="Last name" required>
              <Input value={form.lastName} onChange={set("lastName")} />
            </Field>
          </div>
          <Field label="Email" required>
            <Input type="email" value={form.email} onChange={set("email")} />
          </Field>
          <Field label="Phone" optionalLabel="(optional)">
            <Input value={form.phone} onChange={set("phone")} />
          </Field>
          <Button type="submit" size="sm" loading={busy} disabled={!ready}>
            <UserPlus className="size-4" aria-hidden="true" /> Grant access
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
