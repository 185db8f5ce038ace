export {
  findTicketNumberInSubject,
  formatTicketNumber,
  MAX_TICKET_SEQUENCE,
  parseTicketNumber,
  TICKET_DIGITS,
  type TicketNumber,
} from "./ticket-number";
