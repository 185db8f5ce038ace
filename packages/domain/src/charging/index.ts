export {
  applyComplaintEvent,
  type ComplaintContext,
  type ComplaintEffect,
  type ComplaintEvent,
  type ComplaintHistoryEntry,
  type ComplaintState,
  type ComplaintStatus,
  complaintMachine,
  complaintStatuses,
  type StartComplaintInput,
  startComplaint,
} from "./complaint";
export {
  type ChargeDecision,
  type ChargeQuery,
  type CloseChargeInput,
  chargeDecision,
  type InvoiceLineDraft,
  invoiceLineAtClose,
} from "./decision";
