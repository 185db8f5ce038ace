/**
 * Billing: invoice lines of closed chargeable tickets by period and account (R-CHG-3, R-CHG-4),
 * the disputes queue, and the answer — credit note, corrected invoice or reasoned rejection (R-CHG-5).
 */
import {
  Button,
  EmptyState,
  Field,
  PageHeader,
  Select,
  Table,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
  TBody,
  Td,
  THead,
  Th,
  Tr,
} from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { Page, QueryBoundary } from "../components/states";
import { CurrencyTotals } from "../features/billing/currency-totals";
import { Disputes } from "../features/billing/disputes";
import { money, monthLabel, recentMonths, totalsByCurrency } from "../features/billing/money";
import { useAccounts } from "../features/customers/use-accounts";
import { serverNow } from "../lib/clock";
import { downloadCsv } from "../lib/csv";
import { ticketPath } from "../lib/ticket-path";
import { trpc } from "../lib/trpc";

export default function BillingPage() {
  return (
    <Page>
      <PageHeader
        title="Billing"
        description="Charges are invoiced only after a ticket closes; each line says why it is chargeable. Complaints about a charge come here, not to escalation."
      />
      <Tabs defaultValue="lines">
        <TabsList>
          <TabsTrigger value="lines">Invoice lines</TabsTrigger>
          <TabsTrigger value="disputes">Disputes</TabsTrigger>
        </TabsList>
        <TabsContent value="lines">
          <InvoiceLines />
        </TabsContent>
        <TabsContent value="disputes">
          <Disputes />
        </TabsContent>
      </Tabs>
    </Page>
  );
}

function InvoiceLines() {
  const [period, setPeriod] = useState("");
  const [accountId, setAccountId] = useState("");
  const accounts = useAccounts();
  const lines = useQuery(
    trpc.billing.allLines.queryOptions({
      period: /^\d{4}-\d{2}$/.test(period) ? period : undefined,
      accountId: accountId || undefined,
      limit: 100,
    }),
  );
  const totals = useMemo(
    () =>
      totalsByCurrency(
        (lines.data ?? []).map((l) => ({ currency: l.currency, amount: l.amount + l.surcharge })),
      ),
    [lines.data],
  );
  // a select, not <input type="month">: Chromium shows an empty month field as "--------- ----"
  const months = useMemo(() => recentMonths(serverNow()), []);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Period">
          <Select value={period} onChange={(e) => setPeriod(e.target.value)} className="h-9 w-44">
            <option value="">All periods</option>
            {months.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Account">
          <Select value={accountId} onChange={(e) => setAccountId(e.target.value)} className="h-9 w-64">
            <option value="">All accounts</option>
            {(accounts.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          variant="outline"
          size="sm"
          className="mb-0.5 ml-auto"
          disabled={!lines.data?.length}
          onClick={() =>
            downloadCsv(
              `invoice-lines${period ? `-${period}` : ""}.csv`,
              (lines.data ?? []).map((l) => ({
                period: l.period,
                account: l.accountName,
                ticket: l.ticketNumber,
                category: l.categoryId,
                explanation: l.explanation,
                amount: l.amount,
                surcharge: l.surcharge,
                currency: l.currency,
              })),
            )
          }
        >
          <Download className="size-4" aria-hidden="true" /> CSV
        </Button>
      </div>
      <QueryBoundary query={lines} label="Loading invoice lines…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No invoice lines"
              description="Lines appear when a ticket with a chargeable category closes. Try another period or account."
            />
          ) : (
            <>
              <Table caption="Invoice lines">
                <THead>
                  <Tr>
                    <Th>Period</Th>
                    <Th>Account</Th>
                    <Th>Ticket</Th>
                    <Th>Why it is chargeable</Th>
                    <Th className="text-right">Amount</Th>
                  </Tr>
                </THead>
                <TBody>
                  {list.map((l) => (
                    <Tr key={l.id}>
                      <Td className="whitespace-nowrap">{monthLabel(l.period)}</Td>
                      <Td>{l.accountName}</Td>
                      <Td className="whitespace-nowrap font-mono text-xs">
                        {l.ticketId ? (
                          <Link to={ticketPath(l.ticketNumber ?? l.ticketId)}>{l.ticketNumber}</Link>
                        ) : (
                          "—"
                        )}
                      </Td>
                      <Td>
                        {/* the explanation names the category; its id is for the CSV */}
                        {l.explanation}
                      </Td>
                      <Td className="text-right tabular-nums">
                        {money(l.amount, l.currency)}
                        {l.surcharge ? (
                          <span className="block text-xs text-muted-foreground">
                            + {money(l.surcharge, l.currency)} Express
                          </span>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <CurrencyTotals totals={totals} label="Invoice line totals per currency" unit="line" />
            </>
          )
        }
      </QueryBoundary>
    </div>
  );
}
