/**
 * R-CHG-1…4: what a closed ticket costs and why. Amounts are minor units (cents) of `currency`, as in the
 * policy's `Money`; the server converts at its edge.
 */
import { DomainError, err, ok, type Result } from "../errors";
import type { ChargeReason, Policy } from "../policy/schema";
import type { TicketStatus } from "../ticket/types";

export interface ChargeQuery {
  categoryId: string;
  /** the ticket was SRQ Express (R-SLA-6): its surcharge is added even when the category is free */
  express: boolean;
  /**
   * R-CHG-2 reasons staff found beyond the catalog (e.g. a request outside the contract filed under a free
   * category): any of them makes the ticket chargeable.
   */
  extraReasons?: readonly ChargeReason[];
}

export interface ChargeDecision {
  categoryId: string;
  chargeable: boolean;
  /** the R-CHG-2 reasons that make it chargeable (empty when not) */
  reasons: ChargeReason[];
  /** a sentence naming the rule that decided (R-CHG-4): the catalog category and the reason, in words */
  explanation: string;
  /** the category's price when chargeable (minor units; 0 when free or when the catalog gives no price) */
  amount: number;
  /** the SRQ Express surcharge (minor units; 0 when not Express) */
  surcharge: number;
  currency: string;
}

const money = (amount: number, currency: string) => `${currency} ${(amount / 100).toFixed(2)}`;

/** R-CHG-1/2/4: the charge decision for a ticket's category, with the sentence the customer sees. */
export function chargeDecision(policy: Policy, q: ChargeQuery): Result<ChargeDecision> {
  const category = policy.charging.catalog.find((c) => c.id === q.categoryId);
  if (!category)
    return err(
      new DomainError(
        "INVALID_INPUT",
        `There is no charge category '${q.categoryId}' in this support policy.`,
        {
          rule: "R-CHG-1",
          issues: [
            {
              path: ["categoryId"],
              message: `use one of ${policy.charging.catalog.map((c) => c.id).join(", ") || "(none: the catalog is empty)"}`,
            },
          ],
        },
      ),
    );
  const reasons: ChargeReason[] = [];
  if (category.chargeable && category.reason) reasons.push(category.reason);
  for (const r of q.extraReasons ?? []) if (!reasons.includes(r)) reasons.push(r);
  const chargeable = category.chargeable || reasons.length > 0;
  const currency = category.price?.currency ?? policy.charging.currency;
  const amount = chargeable ? (category.price?.amount ?? 0) : 0;
  const surcharge = q.express ? (policy.charging.expressSurcharge?.amount ?? 0) : 0;

  const parts: string[] = [];
  if (category.chargeable) parts.push(`Charged as '${category.name}': ${category.explanation}`);
  else if (chargeable)
    parts.push(`'${category.name}' is free in the catalog, but this ticket is charged for another reason.`);
  else parts.push(`Not charged: '${category.name}' is not chargeable. ${category.explanation}`);
  for (const r of reasons) parts.push(policy.charging.reasons[r] ?? `Chargeable: ${r}.`);
  if (chargeable && amount === 0) parts.push("The price is set by billing.");
  if (surcharge > 0) parts.push(`SRQ Express adds a surcharge of ${money(surcharge, currency)}.`);

  return ok({
    categoryId: category.id,
    chargeable,
    reasons,
    explanation: parts.join(" "),
    amount,
    surcharge,
    currency,
  });
}

export interface InvoiceLineDraft {
  ticketNumber: string;
  categoryId: string;
  reasons: ChargeReason[];
  explanation: string;
  amount: number;
  surcharge: number;
  /** amount + surcharge */
  total: number;
  currency: string;
  /** epoch ms of the close */
  closedAt: number;
}

export interface CloseChargeInput {
  ticket: {
    number: string;
    status: TicketStatus;
    /** R-CHG-1: every closed ticket has a charge category */
    chargeCategoryId: string | null | undefined;
    express: boolean;
    closedAt: number;
  };
  extraReasons?: readonly ChargeReason[];
}

/**
 * R-CHG-3: charges are invoiced only after close, as one line carrying the reason it is chargeable; SRQ
 * Express adds its surcharge. Returns `null` when the ticket owes nothing (free category, not Express).
 */
export function invoiceLineAtClose(policy: Policy, input: CloseChargeInput): Result<InvoiceLineDraft | null> {
  const { ticket } = input;
  if (ticket.status !== "closed")
    return err(
      new DomainError(
        "EVENT_NOT_ALLOWED",
        `Charges are invoiced only after a ticket is closed; ${ticket.number} is ${ticket.status}.`,
        { rule: "R-CHG-3" },
      ),
    );
  if (!ticket.chargeCategoryId)
    return err(
      new DomainError(
        "INVALID_INPUT",
        `A closed ticket needs a charge category; ${ticket.number} has none.`,
        {
          rule: "R-CHG-1",
          issues: [{ path: ["chargeCategoryId"], message: "choose a charge category" }],
        },
      ),
    );
  const decided = chargeDecision(policy, {
    categoryId: ticket.chargeCategoryId,
    express: ticket.express,
    ...(input.extraReasons ? { extraReasons: input.extraReasons } : {}),
  });
  if (!decided.ok) return decided;
  const d = decided.value;
  if (!d.chargeable && d.surcharge === 0) return ok(null);
  return ok({
    ticketNumber: ticket.number,
    categoryId: d.categoryId,
    reasons: d.reasons,
    explanation: d.explanation,
    amount: d.amount,
    surcharge: d.surcharge,
    total: d.amount + d.surcharge,
    currency: d.currency,
    closedAt: ticket.closedAt,
  });
}
