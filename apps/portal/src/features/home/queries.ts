/** The lists of the home page (also prefetched by a first load of `/`, see first-load.ts). */
import type { TicketStatusName } from "@helpdesk/ui";

/** Tickets waiting for the customer: a question to answer, a resolution to confirm. */
export const waitingListInput = {
  status: ["waitingForCustomer", "resolved"] satisfies TicketStatusName[],
  limit: 10,
};
/** Tickets in progress at support. */
export const openListInput = { status: ["new", "open"] satisfies TicketStatusName[], limit: 10 };
