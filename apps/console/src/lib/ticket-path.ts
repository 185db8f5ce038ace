import { ticketNumberSlug } from "@helpdesk/domain/ids";

/** R-TKT-1: a ticket's console address uses its number: 'RCR 0000068' → '/tickets/RCR-0000068'. */
export function ticketPath(number: string): string {
  return `/tickets/${encodeURIComponent(ticketNumberSlug(number))}`;
}
