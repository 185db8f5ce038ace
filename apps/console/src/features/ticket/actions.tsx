/**
 * The ticket's actions: exactly the events the domain allows now (`allowedEvents` from the API), each
 * with the inputs it needs. Keyboard: r reply, n note, c claim, e escalate, t triage.
 */
import type { Policy } from "@helpdesk/domain";
import { rejectReasons } from "@helpdesk/domain/ticket";
import {
  Alert,
  Badge,
  Button,
  Dialog,
  DialogContent,
  Field,
  formatMoney,
  humanize,
  Select,
  Textarea,
} from "@helpdesk/ui";
import {
  ArrowUpCircle,
  CheckCircle2,
  Link2,
  ListChecks,
  Receipt,
  RotateCcw,
  ShieldCheck,
  Tags,
  UserCheck,
  UserPlus,
  XCircle,
} from "lucide-react";
import { type ReactNode, useState } from "react";
import type { TicketDetail } from "../../lib/api-types";
import { useHotkeys } from "../../lib/keys";
import { trpcClient } from "../../lib/trpc";

type Run = (
  label: string,
  fn: (v: number) => Promise<{ version: number }>,
  expectedVersion: number,
) => Promise<boolean>;

type DialogName =
  | "triage"
  | "assign"
  | "close"
  | "reject"
  | "reclassify"
  | "escalate"
  | "charge"
  | "incident"
  | null;

export function TicketActions({
  ticket,
  policy,
  meId,
  staff,
  incidents,
  run,
}: {
  ticket: TicketDetail;
  policy: Policy | undefined;
  meId: string;
  staff: { id: string; name: string }[];
  incidents: { id: string; title: string }[];
  run: Run;
}) {
  const [open, setOpen] = useState<DialogName>(null);
  const can = (e: string) => ticket.allowedEvents.includes(e as TicketDetail["allowedEvents"][number]);
  const v = ticket.version;
  const id = ticket.id;

  useHotkeys((key, e) => {
    const map: Record<string, () => void> = {
      r: () => window.dispatchEvent(new CustomEvent("helpdesk:compose", { detail: "reply" })),
      n: () => window.dispatchEvent(new CustomEvent("helpdesk:compose", { detail: "note" })),
      c: () => {
        if (can("ticket.assign") && ticket.assigneeId !== meId)
          void run(
            "Assigned to you.",
            (ev) => trpcClient.staffTicket.claim.mutate({ id, expectedVersion: ev }),
            v,
          );
      },
      e: () => can("ticket.escalate") && setOpen("escalate"),
      t: () => can("ticket.triage") && setOpen("triage"),
    };
    const fn = map[key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  });

  const close = () => setOpen(null);
  const buttons: ReactNode[] = [];
  if (can("ticket.triage"))
    buttons.push(
      <Button key="triage" size="sm" onClick={() => setOpen("triage")}>
        <ListChecks className="size-4" aria-hidden="true" /> Triage
      </Button>,
    );
  if (can("ticket.assign") && ticket.assigneeId !== meId)
    buttons.push(
      <Button
        key="claim"
        size="sm"
        variant="outline"
        onClick={() =>
          void run(
            "Assigned to you.",
            (ev) => trpcClient.staffTicket.claim.mutate({ id, expectedVersion: ev }),
            v,
          )
        }
      >
        <UserCheck className="size-4" aria-hidden="true" /> Assign to me
      </Button>,
    );
  if (can("ticket.assign"))
    buttons.push(
      <Button key="assign" size="sm" variant="outline" onClick={() => setOpen("assign")}>
        <UserPlus className="size-4" aria-hidden="true" /> Assign…
      </Button>,
    );
  if (can("ticket.authorize") && ticket.authorizationPending)
    buttons.push(
      <Button
        key="authorize"
        size="sm"
        variant="outline"
        onClick={() =>
          void run(
            "Authorization recorded.",
            (ev) => trpcClient.staffTicket.authorize.mutate({ id, expectedVersion: ev }),
            v,
          )
        }
      >
        <ShieldCheck className="size-4" aria-hidden="true" /> Authorization received
      </Button>,
    );
  if (can("ticket.escalate"))
    buttons.push(
      <Button key="escalate" size="sm" variant="outline" onClick={() => setOpen("escalate")}>
        <ArrowUpCircle className="size-4" aria-hidden="true" /> Escalate
      </Button>,
    );
  if (can("ticket.reclassify"))
    buttons.push(
      <Button key="reclassify" size="sm" variant="outline" onClick={() => setOpen("reclassify")}>
        <Tags className="size-4" aria-hidden="true" /> Reclassify
      </Button>,
    );
  if (can("ticket.setChargeCategory"))
    buttons.push(
      <Button key="charge" size="sm" variant="outline" onClick={() => setOpen("charge")}>
        <Receipt className="size-4" aria-hidden="true" /> Charge category
      </Button>,
    );
  if (can("ticket.linkMajorIncident"))
    buttons.push(
      <Button key="incident" size="sm" variant="outline" onClick={() => setOpen("incident")}>
        <Link2 className="size-4" aria-hidden="true" /> Link incident
      </Button>,
    );
  if (can("ticket.reopen"))
    buttons.push(
      <Button
        key="reopen"
        size="sm"
        variant="outline"
        onClick={() =>
          void run("Reopened.", (ev) => trpcClient.staffTicket.reopen.mutate({ id, expectedVersion: ev }), v)
        }
      >
        <RotateCcw className="size-4" aria-hidden="true" /> Reopen
      </Button>,
    );
  if (can("ticket.close"))
    buttons.push(
      <Button key="close" size="sm" variant="outline" onClick={() => setOpen("close")}>
        <CheckCircle2 className="size-4" aria-hidden="true" /> Close
      </Button>,
    );
  if (can("ticket.reject"))
    buttons.push(
      <Button key="reject" size="sm" variant="danger" onClick={() => setOpen("reject")}>
        <XCircle className="size-4" aria-hidden="true" /> Reject
      </Button>,
    );

  return (
    <>
      <div
        className="flex flex-wrap gap-1.5"
        role="toolbar"
        aria-label="Ticket actions"
        data-testid="ticket-actions"
      >
        {buttons.length ? (
          buttons
        ) : (
          <span className="text-sm text-muted-foreground">No action is open to you in this state.</span>
        )}
        {ticket.status === "resolved" &&
        !can("ticket.close") &&
        can("ticket.setChargeCategory") &&
        ticket.chargeCategoryId === null ? (
          // the domain refuses close until a category is set: say so instead of hiding Close silently
          <span className="self-center text-xs text-muted-foreground" data-testid="close-hint">
            Set a charge category to close this ticket.
          </span>
        ) : null}
      </div>
      {open === "triage" && policy ? (
        <ClassPriorityDialog
          title="Triage"
          description="The class and priority below are the domain's suggestion from the inquiry type, impact and urgency. Confirm or change them."
          policy={policy}
          ticket={ticket}
          requireReason={false}
          submitLabel="Triage"
          onClose={close}
          onSubmit={async (classificationId, priorityId) =>
            run(
              "Triaged.",
              (ev) =>
                trpcClient.staffTicket.triage.mutate({
                  id,
                  expectedVersion: ev,
                  classificationId,
                  priorityId,
                }),
              v,
            )
          }
        />
      ) : null}
      {open === "reclassify" && policy ? (
        <ClassPriorityDialog
          title="Reclassify"
          description="Give the reason; it is kept in the history and the clocks follow the new targets."
          policy={policy}
          ticket={ticket}
          requireReason
          submitLabel="Reclassify"
          onClose={close}
          onSubmit={async (classificationId, priorityId, reason) =>
            run(
              "Reclassified.",
              (ev) =>
                trpcClient.staffTicket.reclassify.mutate({
                  id,
                  expectedVersion: ev,
                  classificationId,
                  priorityId,
                  reason: reason ?? "",
                }),
              v,
            )
          }
        />
      ) : null}
      {open === "assign" ? (
        <AssignDialog
          staff={staff}
          current={ticket.assigneeId}
          onClose={close}
          onSubmit={(assigneeId) =>
            run(
              assigneeId ? "Assigned." : "Unassigned.",
              (ev) => trpcClient.staffTicket.assign.mutate({ id, expectedVersion: ev, assigneeId }),
              v,
            )
          }
        />
      ) : null}
      {open === "close" ? (
        <TextDialog
          title="Close ticket"
          description={
            ticket.status === "resolved"
              ? "The customer has not confirmed the resolution yet. Say why you close it anyway."
              : "Staff close a ticket only after the customer confirmed, or with a reason."
          }
          label="Reason for closing without confirmation"
          required
          submitLabel="Close ticket"
          onClose={close}
          onSubmit={(reason) =>
            run(
              "Closed.",
              (ev) => trpcClient.staffTicket.close.mutate({ id, expectedVersion: ev, reason }),
              v,
            )
          }
        />
      ) : null}
      {open === "escalate" ? (
        <TextDialog
          title={`Escalate to level ${ticket.escalationLevel + 1}`}
          description={
            policy?.escalation.ladder[ticket.escalationLevel]
              ? `${policy.escalation.ladder[ticket.escalationLevel]!.name} (${policy.escalation.ladder[ticket.escalationLevel]!.function}, ${policy.escalation.ladder[ticket.escalationLevel]!.contact}) is notified.`
              : "The next level of the ladder is notified."
          }
          label="Why you escalate"
          required
          submitLabel="Escalate"
          onClose={close}
          onSubmit={(note) =>
            run(
              "Escalated.",
              (ev) => trpcClient.staffTicket.escalate.mutate({ id, expectedVersion: ev, note }),
              v,
            )
          }
        />
      ) : null}
      {open === "reject" ? (
        <RejectDialog
          onClose={close}
          onSubmit={(reason, note) =>
            run(
              "Rejected.",
              (ev) => trpcClient.staffTicket.reject.mutate({ id, expectedVersion: ev, reason, note }),
              v,
            )
          }
        />
      ) : null}
      {open === "charge" && policy ? (
        <ChargeDialog
          policy={policy}
          current={ticket.chargeCategoryId}
          express={ticket.express}
          onClose={close}
          onSubmit={(categoryId) =>
            run(
              "Charge category set.",
              (ev) =>
                trpcClient.staffTicket.setChargeCategory.mutate({ id, expectedVersion: ev, categoryId }),
              v,
            )
          }
        />
      ) : null}
      {open === "incident" ? (
        <IncidentDialog
          incidents={incidents}
          current={ticket.majorIncidentId}
          onClose={close}
          onSubmit={(incidentId) =>
            run(
              "Linked to the major incident.",
              (ev) =>
                trpcClient.staffTicket.linkMajorIncident.mutate({ id, expectedVersion: ev, incidentId }),
              v,
            )
          }
        />
      ) : null}
    </>
  );
}

function useSubmit(onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const submit = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await fn();
    setBusy(false);
    if (ok) onClose();
  };
  return { busy, submit };
}

function Footer({
  onClose,
  busy,
  label,
  danger,
  disabled,
}: {
  onClose: () => void;
  busy: boolean;
  label: string;
  danger?: boolean;
  disabled?: boolean;
}) {
  return (
    <>
      <Button variant="ghost" onClick={onClose}>
        Cancel
      </Button>
      <Button
        type="submit"
        form="action-form"
        loading={busy}
        variant={danger ? "danger" : "primary"}
        disabled={disabled}
      >
        {label}
      </Button>
    </>
  );
}

function ClassPriorityDialog({
  title,
  description,
  policy,
  ticket,
  requireReason,
  submitLabel,
  onClose,
  onSubmit,
}: {
  title: string;
  description: string;
  policy: Policy;
  ticket: TicketDetail;
  requireReason: boolean;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (classificationId: string, priorityId: string, reason?: string) => Promise<boolean>;
}) {
  const suggestedClass = ticket.classificationId ?? policy.classifications[0]!.id;
  const [classificationId, setClass] = useState(suggestedClass);
  const [priorityId, setPriority] = useState(ticket.priorityId);
  const [reason, setReason] = useState("");
  const { busy, submit } = useSubmit(onClose);
  const classes = policy.classifications.filter((c) => c.inquiryTypes.includes(ticket.inquiryType as never));
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={title}
        description={description}
        footer={
          <Footer
            onClose={onClose}
            busy={busy}
            label={submitLabel}
            disabled={requireReason && !reason.trim()}
          />
        }
      >
        <form
          id="action-form"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(classificationId, priorityId, reason.trim() || undefined));
          }}
        >
          <Field
            label="Class"
            help={`Suggested: ${policy.classifications.find((c) => c.id === suggestedClass)?.name ?? "—"}`}
          >
            <Select value={classificationId} onChange={(e) => setClass(e.target.value)}>
              {(classes.length ? classes : policy.classifications).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.id === suggestedClass ? " (suggested)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Priority" help={policy.priorities.find((p) => p.id === priorityId)?.description}>
            <Select value={priorityId} onChange={(e) => setPriority(e.target.value)}>
              {policy.priorities.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.id === ticket.priorityId ? " (suggested)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          {requireReason ? (
            <Field label="Reason" required help="Kept in the history; the customer sees the new class.">
              <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          ) : null}
        </form>
      </DialogContent>
    </Dialog>
  );
}

function AssignDialog({
  staff,
  current,
  onClose,
  onSubmit,
}: {
  staff: { id: string; name: string }[];
  current: string | null;
  onClose: () => void;
  onSubmit: (assigneeId: string | null) => Promise<boolean>;
}) {
  const [assignee, setAssignee] = useState(current ?? "");
  const { busy, submit } = useSubmit(onClose);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title="Assign ticket" footer={<Footer onClose={onClose} busy={busy} label="Assign" />}>
        <form
          id="action-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(assignee || null));
          }}
        >
          <Field
            label="Assignee"
            help={
              staff.length
                ? undefined
                : "The staff directory is not available; you can unassign or assign to yourself."
            }
          >
            <Select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Nobody (unassigned)</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function TextDialog({
  title,
  description,
  label,
  required,
  submitLabel,
  onClose,
  onSubmit,
}: {
  title: string;
  description: string;
  label: string;
  required: boolean;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState("");
  const { busy, submit } = useSubmit(onClose);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={title}
        description={description}
        footer={
          <Footer onClose={onClose} busy={busy} label={submitLabel} disabled={required && !text.trim()} />
        }
      >
        <form
          id="action-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(text.trim()));
          }}
        >
          <Field label={label} required={required}>
            <Textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function RejectDialog({
  onClose,
  onSubmit,
}: {
  onClose: () => void;
  onSubmit: (reason: (typeof rejectReasons)[number], note?: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState<(typeof rejectReasons)[number]>("outOfScope");
  const [note, setNote] = useState("");
  const { busy, submit } = useSubmit(onClose);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Reject ticket"
        description="The customer is told the reason. Rejected tickets can be reopened as the policy allows."
        footer={<Footer onClose={onClose} busy={busy} label="Reject" danger />}
      >
        <form
          id="action-form"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(reason, note.trim() || undefined));
          }}
        >
          <Field label="Reason" required>
            <Select
              value={reason}
              onChange={(e) => setReason(e.target.value as (typeof rejectReasons)[number])}
            >
              {rejectReasons.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Note to the customer" optionalLabel="(optional)">
            <Textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ChargeDialog({
  policy,
  current,
  express,
  onClose,
  onSubmit,
}: {
  policy: Policy;
  current: string | null;
  express: boolean;
  onClose: () => void;
  onSubmit: (categoryId: string) => Promise<boolean>;
}) {
  const [categoryId, setCategoryId] = useState(current ?? policy.charging.catalog[0]?.id ?? "");
  const cat = policy.charging.catalog.find((c) => c.id === categoryId);
  const { busy, submit } = useSubmit(onClose);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Charge category"
        description="Charges are invoiced only after the ticket closes."
        footer={<Footer onClose={onClose} busy={busy} label="Set category" disabled={!cat} />}
      >
        <form
          id="action-form"
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(categoryId));
          }}
        >
          <Field label="Category">
            <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              {policy.charging.catalog.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.chargeable ? "chargeable" : "not chargeable"}
                </option>
              ))}
            </Select>
          </Field>
          {cat ? (
            <div className="rounded-md border border-border p-3 text-sm" data-testid="charge-explanation">
              <div className="mb-1 flex items-center gap-2">
                {cat.chargeable ? (
                  <Badge tone="amber">chargeable</Badge>
                ) : (
                  <Badge tone="green">not chargeable</Badge>
                )}
                {cat.price ? <span>{formatMoney(cat.price.amount, cat.price.currency)}</span> : null}
                {express && cat.chargeable && policy.charging.expressSurcharge ? (
                  <span className="text-muted-foreground">
                    + Express surcharge{" "}
                    {formatMoney(
                      policy.charging.expressSurcharge.amount,
                      policy.charging.expressSurcharge.currency,
                    )}
                  </span>
                ) : null}
              </div>
              <p className="text-xs font-medium text-muted-foreground">The customer will see:</p>
              <p>“{cat.explanation}”</p>
              {cat.reason ? (
                <p className="mt-1 text-xs text-muted-foreground">{policy.charging.reasons[cat.reason]}</p>
              ) : null}
            </div>
          ) : null}
        </form>
      </DialogContent>
    </Dialog>
  );
}

function IncidentDialog({
  incidents,
  current,
  onClose,
  onSubmit,
}: {
  incidents: { id: string; title: string }[];
  current: string | null;
  onClose: () => void;
  onSubmit: (incidentId: string) => Promise<boolean>;
}) {
  const [incidentId, setIncidentId] = useState(current ?? incidents[0]?.id ?? "");
  const { busy, submit } = useSubmit(onClose);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Link to a major incident"
        description="While the incident is active, its status-page post counts as this ticket's first response."
        footer={<Footer onClose={onClose} busy={busy} label="Link" disabled={!incidentId} />}
      >
        <form
          id="action-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(() => onSubmit(incidentId));
          }}
        >
          {incidents.length === 0 ? (
            <Alert tone="info">No major incident is active. Declare one under Major incidents first.</Alert>
          ) : (
            <Field label="Major incident">
              <Select value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
                {incidents.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.title}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        </form>
      </DialogContent>
    </Dialog>
  );
}
