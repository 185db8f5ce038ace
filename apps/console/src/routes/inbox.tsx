/**
 * Inbox of unidentified requests (R-TKT-5): voicemails and mail from unknown senders to match to an
 * account and contact, or reject; tickets waiting for authorization — a caller who is not an authorized
 * contact, opened for an incident support confirmed — to authorize or reject; temporary access (R-ACT-3,
 * R-ACT-4, R-TKT-5).
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
  Dialog,
  DialogContent,
  EmptyState,
  Field,
  Input,
  PageHeader,
  RelativeTime,
  Select,
  Textarea,
  toast,
  useSubmissionKey,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Mail, Phone, PhoneIncoming, ShieldAlert, ShieldCheck, UserPlus, Voicemail } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { Page, QueryBoundary } from "../components/states";
import { useAccount, useAccounts } from "../features/customers/use-accounts";
import { usePolicies } from "../features/policy/use-policies";
import type { InboxEntry } from "../lib/api-types";
import { ticketPath } from "../lib/ticket-path";
import { errorMessage, trpc, trpcClient, trpcErrorCode } from "../lib/trpc";

export default function InboxPage() {
  const inbox = useQuery({ ...trpc.staffTicket.inbox.queryOptions({ limit: 100 }), refetchInterval: 10_000 });
  const accounts = useAccounts();
  const accountNames = new Map((accounts.data ?? []).map((a) => [a.id, a.name]));
  return (
    <Page>
      <PageHeader
        title="Inbox"
        description="Requests nobody has identified yet: match them to an account and contact, or reject them. Only authorized contacts may open tickets."
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
                  <InboxItem
                    key={t.id}
                    ticket={t}
                    accountName={t.accountId ? accountNames.get(t.accountId) : undefined}
                  />
                ))}
              </ul>
            )
          }
        </QueryBoundary>
        <div className="flex flex-col gap-4">
          <OpenForRequest />
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

function InboxItem({ ticket, accountName }: { ticket: InboxEntry; accountName: string | undefined }) {
  const [matching, setMatching] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const refresh = useRefreshInbox();
  const noAccount = !ticket.accountId || ticket.accountId === "unmatched";
  const unmatched = noAccount || !ticket.contactId;
  const act = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      toast.success(label);
      setRejecting(false);
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
            ) : ticket.channel === "email" ? (
              <Mail className="size-4 text-muted-foreground" aria-hidden="true" />
            ) : (
              <Phone className="size-4 text-muted-foreground" aria-hidden="true" />
            )}
            <Link to={ticketPath(ticket.number)} className="font-medium">
              {ticket.subject}
            </Link>
            <span className="font-mono text-xs text-muted-foreground">{ticket.number}</span>
            {ticket.authorizationPending ? (
              <Badge tone="violet">
                <ShieldAlert className="size-3" aria-hidden="true" /> authorization pending
              </Badge>
            ) : null}
            {noAccount || !ticket.authorizationPending ? (
              unmatched ? (
                <Badge tone="amber">unidentified</Badge>
              ) : null
            ) : (
              <Badge tone="amber">not an authorized contact</Badge>
            )}
            <span className="ml-auto text-xs text-muted-foreground">
              <RelativeTime value={ticket.createdAt} /> · via {ticket.channel}
            </span>
          </div>
          {ticket.mail ? <MailFrom mail={ticket.mail} ticketSubject={ticket.subject} /> : null}
          {noAccount ? null : (
            <p className="text-sm text-muted-foreground" data-testid="inbox-account">
              {accountName ?? "An account"}
              {ticket.authorizationPending
                ? " — ask its administrator to confirm that this person may open tickets, then record it here."
                : ""}
            </p>
          )}
          {unmatched && ticket.suggestion ? (
            <p className="text-sm text-muted-foreground" data-testid="inbox-suggestion">
              This number belongs to {ticket.suggestion.contactName} ({ticket.suggestion.accountName}). Match
              it if the message is theirs.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            {unmatched && ticket.suggestion ? (
              <Button
                size="sm"
                loading={busy}
                onClick={() => {
                  const s = ticket.suggestion;
                  if (!s) return;
                  void act(`${ticket.number} matched.`, () =>
                    trpcClient.staffTicket.matchAccount.mutate({
                      id: ticket.id,
                      expectedVersion: ticket.version,
                      accountId: s.accountId,
                      contactId: s.contactId,
                    }),
                  );
                }}
              >
                Match to {ticket.suggestion.contactName}
              </Button>
            ) : null}
            {unmatched ? (
              <Button
                size="sm"
                variant={ticket.suggestion ? "outline" : "primary"}
                onClick={() => setMatching((m) => !m)}
                aria-expanded={matching}
              >
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
              onClick={() => setRejecting(true)}
              aria-haspopup="dialog"
            >
              Reject as unauthorized…
            </Button>
          </div>
          {rejecting ? (
            <RejectDialog
              ticket={ticket}
              onClose={() => setRejecting(false)}
              onReject={(note) =>
                act(
                  ticket.mail
                    ? `${ticket.number} rejected as unauthorized; ${ticket.mail.from} is told why.`
                    : `${ticket.number} rejected as unauthorized.`,
                  () =>
                    trpcClient.staffTicket.reject.mutate({
                      id: ticket.id,
                      expectedVersion: ticket.version,
                      reason: "unauthorized",
                      note,
                    }),
                )
              }
            />
          ) : null}
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

/**
 * R-ACT-3: a request from anyone but an authorized contact is refused with a reason. The sender of a mail
 * is told by mail (the reason below, and what to do); a voicemail or a call has no address to write to.
 */
function RejectDialog({
  ticket,
  onClose,
  onReject,
}: {
  ticket: InboxEntry;
  onClose: () => void;
  onReject: (note: string) => Promise<void>;
}) {
  const mail = ticket.mail;
  const [note, setNote] = useState(
    ticket.authorizationPending
      ? "Your account did not confirm that you may open support tickets. Ask your account administrator to add you to the authorized support contacts."
      : "We could not identify you as an authorized support contact of a customer account.",
  );
  const [busy, setBusy] = useState(false);
  const formId = `reject-${ticket.id}`;
  return (
    <Dialog open onOpenChange={(o) => !o && !busy && onClose()}>
      <DialogContent
        title={`Reject ${ticket.number} as unauthorized`}
        description={
          mail
            ? "Only authorized contacts may open tickets. The sender is told by mail that the request was not accepted, why, and what to do."
            : "Only authorized contacts may open tickets. The reason is recorded on the ticket."
        }
        footer={
          <>
            <Button variant="ghost" onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" form={formId} variant="danger" loading={busy} disabled={!note.trim()}>
              Reject
            </Button>
          </>
        }
      >
        <form
          id={formId}
          className="flex flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!note.trim()) return;
            setBusy(true);
            try {
              await onReject(note.trim());
            } finally {
              setBusy(false);
            }
          }}
        >
          <div data-testid="reject-notice">
            {mail ? (
              <Alert tone="info" title="The sender will be told">
                A mail goes to{" "}
                <span className="font-mono text-xs">
                  {mail.fromName ? `${mail.fromName} <${mail.from}>` : mail.from}
                </span>{" "}
                with the subject “[{ticket.number}] {ticket.subject} — Request not accepted”: the reason
                below, and that they may ask their account's administrator to add them as an authorized
                support contact, or write from an authorized address.
              </Alert>
            ) : (
              <Alert tone="info" title="Nothing is sent">
                {ticket.channel === "voicemail"
                  ? "A voicemail has no address: nobody is told by mail. Call the number back if the caller should hear why."
                  : "There is no address to write to: nobody is told by mail. Tell the caller yourself."}
              </Alert>
            )}
          </div>
          <Field
            label={mail ? "Reason given to the sender" : "Reason (recorded on the ticket)"}
            required
            help={mail ? "Sent as written; edit it as you like." : undefined}
          >
            <Textarea rows={4} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** R-TKT-5 / R-ACT-3: who wrote a mail nobody identified, and the start of what they wrote. */
function MailFrom({ mail, ticketSubject }: { mail: NonNullable<InboxEntry["mail"]>; ticketSubject: string }) {
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="inbox-mail">
      <p>
        <span className="text-muted-foreground">From </span>
        {mail.fromName ? <span className="font-medium">{mail.fromName} </span> : null}
        <a href={`mailto:${mail.from}`} className="font-mono text-xs">
          {mail.fromName ? `<${mail.from}>` : mail.from}
        </a>
        <span className="text-muted-foreground">
          {" "}
          · received <RelativeTime value={mail.receivedAt} />
        </span>
      </p>
      {mail.authentication !== "pass" || mail.automatic ? (
        <p className="flex flex-wrap items-center gap-2" data-testid="inbox-mail-markers">
          {mail.authentication !== "pass" ? (
            <Badge tone="red" title={mail.reason ?? undefined}>
              unauthenticated
            </Badge>
          ) : null}
          {mail.automatic ? <Badge tone="gray">automatic</Badge> : null}
          {mail.authentication !== "pass" && mail.reason ? (
            <span className="text-muted-foreground text-xs">{mail.reason}</span>
          ) : null}
        </p>
      ) : null}
      {mail.subject.trim() && mail.subject.trim() !== ticketSubject ? (
        <p>
          <span className="text-muted-foreground">Subject </span>
          {mail.subject}
        </p>
      ) : null}
      {mail.excerpt ? (
        <p className="line-clamp-3 whitespace-pre-line text-muted-foreground">{mail.excerpt}</p>
      ) : null}
    </div>
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
              {c.firstName} {c.lastName} · {c.email}
              {c.phone ? ` · ${c.phone}` : ""}
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

const UNLISTED = "unlisted";
const inquiryLabels = {
  incident: "Incident",
  serviceRequest: "Service request",
  standardChange: "Standard change",
} as const;
type RequestInquiry = keyof typeof inquiryLabels;

/**
 * A call or a mail support takes in: from an authorized contact it becomes a ticket at once. Anyone
 * else is refused with the reason (R-ACT-3) — unless support confirmed the incident they report: then
 * the ticket opens now, flagged authorization pending, and waits in this inbox until the account
 * confirms the person.
 */
function OpenForRequest() {
  // R-SEC-2: one key a submission, kept across its retries, new after a success
  const submission = useSubmissionKey();
  const accounts = useAccounts();
  const empty = { name: "", phone: "", email: "", subject: "", description: "" };
  const [accountId, setAccountId] = useState("");
  const [contactId, setContactId] = useState("");
  const [inquiryType, setInquiryType] = useState<RequestInquiry>("incident");
  const [channel, setChannel] = useState<"phone" | "email">("phone");
  const [confirmed, setConfirmed] = useState(false);
  const [form, setForm] = useState(empty);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const account = useAccount(accountId || null);
  const refresh = useRefreshInbox();
  const navigate = useNavigate();
  const contacts = (account.data?.contacts ?? []).filter((c) => c.active);
  const unlisted = contactId === UNLISTED;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm({ ...form, [k]: e.target.value });
    setRefusal(null);
  };
  const ready =
    accountId &&
    contactId &&
    form.subject.trim() &&
    form.description.trim() &&
    (!unlisted || form.name.trim());
  const who = [form.name.trim(), form.phone.trim(), form.email.trim()].filter(Boolean).join(", ");
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Open a ticket for a request</CardTitle>
        <CardDescription>
          A call or a mail: only authorized contacts may open tickets. For an incident support confirmed, you
          may open it for anyone and obtain the authorization afterwards.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          aria-label="Open a ticket for a request"
          className="flex flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setRefusal(null);
            try {
              const t = await trpcClient.staffTicket.openFor.mutate({
                accountId,
                contactId: unlisted ? null : contactId,
                // R-ACT-4: a person holding temporary access is recognized by the address it was granted to
                email: unlisted && form.email.trim() ? form.email.trim() : undefined,
                channel,
                inquiryType,
                subject: form.subject,
                description: unlisted
                  ? `${form.description.trim()}\n\n${channel === "phone" ? "Called in" : "Sent"} by ${who}, who is not an authorized contact (yet).`
                  : form.description,
                information: unlisted ? { contactPhone: who } : undefined,
                authorizationPending: unlisted && inquiryType === "incident" && confirmed ? true : undefined,
                idempotencyKey: submission.key,
              });
              submission.renew();
              toast.success(
                t.authorizationPending
                  ? `${t.number} opened; it waits for authorization.`
                  : `${t.number} opened.`,
                { action: { label: "Open", onClick: () => navigate(ticketPath(t.number)) } },
              );
              setForm(empty);
              setContactId("");
              setConfirmed(false);
              refresh();
            } catch (err) {
              setRefusal(errorMessage(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Field label="Account" required>
            <Select
              value={accountId}
              onChange={(e) => {
                setAccountId(e.target.value);
                setContactId("");
                setRefusal(null);
              }}
            >
              <option value="">Pick an account</option>
              {(accounts.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Who it is from" required>
            <Select
              value={contactId}
              disabled={!accountId}
              onChange={(e) => {
                setContactId(e.target.value);
                setRefusal(null);
              }}
            >
              <option value="">{accountId ? "Pick the person" : "Pick an account first"}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.firstName} {c.lastName}
                </option>
              ))}
              {accountId ? <option value={UNLISTED}>Someone not on the list of contacts</option> : null}
            </Select>
          </Field>
          {unlisted ? (
            <>
              <Field label="Their name" required>
                <Input value={form.name} onChange={set("name")} autoComplete="off" />
              </Field>
              <div className="grid grid-cols-2 gap-2">
                <Field label="Their phone" optionalLabel="(optional)">
                  <Input value={form.phone} onChange={set("phone")} autoComplete="off" />
                </Field>
                <Field
                  label="Their email"
                  optionalLabel="(optional)"
                  help="Someone granted temporary access is recognized by it."
                >
                  <Input type="email" value={form.email} onChange={set("email")} autoComplete="off" />
                </Field>
              </div>
            </>
          ) : null}
          <Field label="Came in by" help="Each policy says which channels it takes.">
            <Select
              value={channel}
              onChange={(e) => {
                setChannel(e.target.value as "phone" | "email");
                setRefusal(null);
              }}
            >
              <option value="phone">Phone call</option>
              <option value="email">Email</option>
            </Select>
          </Field>
          <Field label="Inquiry type">
            <Select
              value={inquiryType}
              onChange={(e) => {
                setInquiryType(e.target.value as RequestInquiry);
                setRefusal(null);
              }}
            >
              {Object.entries(inquiryLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Subject" required>
            <Input value={form.subject} onChange={set("subject")} />
          </Field>
          <Field label="What they report" required>
            <Textarea rows={3} value={form.description} onChange={set("description")} />
          </Field>
          {unlisted && inquiryType === "incident" ? (
            <Checkbox
              label="Support confirmed this incident: open it now and obtain the authorization afterwards"
              help="The ticket is flagged authorization pending and waits here until the account confirms the person."
              checked={confirmed}
              onChange={(e) => {
                setConfirmed(e.target.checked);
                setRefusal(null);
              }}
            />
          ) : null}
          {refusal ? (
            <Alert tone="danger" role="alert" title="Not opened">
              {refusal}
              {unlisted && inquiryType === "incident" && !confirmed
                ? " If support confirmed the incident, tick “Support confirmed this incident” and open it again."
                : ""}
            </Alert>
          ) : null}
          <Button type="submit" size="sm" loading={busy} disabled={!ready}>
            <PhoneIncoming className="size-4" aria-hidden="true" /> Open ticket
          </Button>
        </form>
      </CardContent>
    </Card>
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
          A voicemail knows only the caller's number: it waits in this inbox until you match it to a contact.
          A number that belongs to a contact is suggested there.
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
          The account's primary contact is asked to confirm; the access lapses when they do not.
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
