/** R-CHG-5: billing's disputed charges — the table and the answer dialog. */
import {
  Badge,
  Button,
  Dialog,
  DialogContent,
  EmptyState,
  Field,
  Input,
  RelativeTime,
  Table,
  TBody,
  Td,
  Textarea,
  THead,
  Th,
  Tr,
  toast,
} from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { QueryBoundary } from "../../components/states";
import { ticketPath } from "../../lib/ticket-path";
import { errorMessage, trpc, trpcClient } from "../../lib/trpc";
import { CurrencyTotals } from "./currency-totals";
import { money, totalsByCurrency } from "./money";

type Complaint = NonNullable<ReturnType<typeof useComplaints>["data"]>[number];

function useComplaints(status: "open" | "all") {
  return useQuery(trpc.billing.complaints.queryOptions({ status: status === "open" ? "open" : undefined }));
}

const statusTone = {
  open: "amber",
  creditNote: "green",
  correctedInvoice: "blue",
  rejected: "gray",
} as const;

const statusLabel = {
  open: "Open",
  creditNote: "Credit note issued",
  correctedInvoice: "Invoice corrected",
  rejected: "Rejected",
} as const;

export function Disputes() {
  const [status, setStatus] = useState<"open" | "all">("open");
  const complaints = useComplaints(status);
  const [answering, setAnswering] = useState<Complaint | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center gap-2">
        <Button
          size="sm"
          variant={status === "open" ? "primary" : "outline"}
          onClick={() => setStatus("open")}
        >
          Open
        </Button>
        <Button size="sm" variant={status === "all" ? "primary" : "outline"} onClick={() => setStatus("all")}>
          All
        </Button>
      </div>
      <QueryBoundary query={complaints} label="Loading disputes…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No disputes"
              description="When a customer disputes a charge in the portal, it appears here."
            />
          ) : (
            <>
              <Table caption="Disputed charges">
                <THead>
                  <Tr>
                    <Th>Received</Th>
                    <Th>Customer</Th>
                    <Th>Ticket</Th>
                    <Th>Charge</Th>
                    <Th>Customer's reason</Th>
                    <Th>Status</Th>
                    <Th />
                  </Tr>
                </THead>
                <TBody>
                  {list.map((c) => {
                    const line = c.line as {
                      explanation?: string;
                      amount?: number;
                      surcharge?: number;
                      currency?: string;
                    } | null;
                    return (
                      <Tr key={c.id} data-complaint={c.id}>
                        <Td>
                          <RelativeTime value={c.createdAt} />
                        </Td>
                        <Td>
                          <Link to={`/customers/${c.account.id}`}>{c.account.name ?? c.account.id}</Link>
                          <span className="block text-xs text-muted-foreground">
                            {c.account.customerNumber ? `No. ${c.account.customerNumber}` : null}
                            {c.raisedByName ? ` · by ${c.raisedByName}` : null}
                          </span>
                        </Td>
                        <Td>
                          {c.ticket?.number ? (
                            <>
                              <Link to={ticketPath(c.ticket.number)} className="font-mono text-xs">
                                {c.ticket.number}
                              </Link>
                              <span className="block max-w-48 truncate text-xs text-muted-foreground">
                                {c.ticket.subject}
                              </span>
                            </>
                          ) : (
                            "—"
                          )}
                        </Td>
                        <Td>
                          {line?.currency
                            ? money(Number(line.amount ?? 0) + Number(line.surcharge ?? 0), line.currency)
                            : "—"}
                          <span className="block text-xs text-muted-foreground">{line?.explanation}</span>
                        </Td>
                        <Td className="max-w-80">{c.reason}</Td>
                        <Td>
                          <Badge tone={statusTone[c.status as keyof typeof statusTone] ?? "gray"}>
                            {statusLabel[c.status as keyof typeof statusLabel] ?? c.status}
                          </Badge>
                          {c.answer ? (
                            <span className="block text-xs text-muted-foreground">{c.answer}</span>
                          ) : null}
                        </Td>
                        <Td>
                          {c.status === "open" ? (
                            <Button size="sm" onClick={() => setAnswering(c)}>
                              Answer…
                            </Button>
                          ) : null}
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
              <CurrencyTotals
                totals={totalsByCurrency(
                  list.flatMap((c) => {
                    const l = c.line as { amount?: number; surcharge?: number; currency?: string } | null;
                    return l?.currency
                      ? [{ currency: l.currency, amount: Number(l.amount ?? 0) + Number(l.surcharge ?? 0) }]
                      : [];
                  }),
                )}
                label="Disputed amounts per currency"
                unit="dispute"
              />
            </>
          )
        }
      </QueryBoundary>
      {answering ? <AnswerDialog complaint={answering} onClose={() => setAnswering(null)} /> : null}
    </div>
  );
}

function AnswerDialog({ complaint, onClose }: { complaint: Complaint; onClose: () => void }) {
  const line = complaint.line as { amount?: number; surcharge?: number; currency?: string } | null;
  const total = Number(line?.amount ?? 0) + Number(line?.surcharge ?? 0);
  const [kind, setKind] = useState<"creditNote" | "correctedInvoice" | "rejected">("creditNote");
  const [amount, setAmount] = useState(String(total));
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const submit = async () => {
    setBusy(true);
    try {
      const n = Number(amount);
      if (kind === "creditNote")
        await trpcClient.billing.answer.mutate({ complaintId: complaint.id, kind, amount: n, reason });
      else if (kind === "correctedInvoice")
        await trpcClient.billing.answer.mutate({
          complaintId: complaint.id,
          kind,
          correctedAmount: n,
          reason,
        });
      else await trpcClient.billing.answer.mutate({ complaintId: complaint.id, kind, reason });
      toast.success(
        kind === "rejected"
          ? "Dispute rejected; the customer sees your reason."
          : "Answered; the customer is told.",
      );
      void qc.invalidateQueries({ queryKey: trpc.billing.complaints.queryKey() });
      void qc.invalidateQueries({ queryKey: trpc.billing.allLines.queryKey() });
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Answer the dispute"
        description={`The customer wrote: “${complaint.reason}”`}
        footer={
          <>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button
              onClick={() => void submit()}
              loading={busy}
              variant={kind === "rejected" ? "danger" : "primary"}
              disabled={!reason.trim() || (kind !== "rejected" && !(Number(amount) >= 0))}
            >
              {kind === "creditNote"
                ? "Issue credit note"
                : kind === "correctedInvoice"
                  ? "Issue corrected invoice"
                  : "Reject"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3">
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1 text-sm font-medium">Answer with</legend>
            {(
              [
                ["creditNote", "A credit note (part or all of the charge)"],
                ["correctedInvoice", "A corrected invoice line (replaces the charge)"],
                ["rejected", "A reasoned rejection (the charge stands)"],
              ] as const
            ).map(([k, label]) => (
              <label key={k} className="flex items-center gap-2 text-sm">
                <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} /> {label}
              </label>
            ))}
          </fieldset>
          {kind !== "rejected" ? (
            <Field
              label={
                kind === "creditNote"
                  ? `Credit amount (${line?.currency ?? ""})`
                  : `Corrected amount (${line?.currency ?? ""})`
              }
              help={`The disputed charge is ${line?.currency ? money(total, line.currency) : total}.`}
            >
              <Input
                type="number"
                min={0}
                step="0.01"
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
              />
            </Field>
          ) : null}
          <Field label="Reason the customer will read" required>
            <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
      </DialogContent>
    </Dialog>
  );
}
