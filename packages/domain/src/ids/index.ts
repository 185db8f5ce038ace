export {
  findTicketNumberInSubject,
  formatTicketNumber,
  MAX_TICKET_SEQUENCE,
  parseTicketNumber,
  parseTicketReference,
  TICKET_DIGITS,
  type TicketNumber,
  type TicketReference,
  ticketNumberSlug,
} from "./ticket-number";
