/** Output types of the API, inferred from the router (never hand-written twice). */
import type { inferOutput } from "@trpc/tanstack-react-query";
import type { trpc } from "./trpc";

export type TicketDetail = inferOutput<typeof trpc.staffTicket.byId>;
export type TicketMessage = TicketDetail["messages"][number];
export type TicketHistoryEntry = TicketDetail["history"][number];
export type AccountPanelData = NonNullable<TicketDetail["account"]>;
export type TicketEventType = TicketDetail["allowedEvents"][number];
/** an inbox item: a ticket summary plus, for mail from an unknown sender, who wrote and what about */
export type InboxEntry = inferOutput<typeof trpc.staffTicket.inbox>[number];
/** an IMAP mailbox as administrators see it (never its secret) */
export type MailboxView = inferOutput<typeof trpc.mailbox.list>[number];
