/** One-line, structured history summaries (R-TKT-8); the server keeps the full conversation itself. */
import type { TicketEvent } from "../ticket/events";

export function summarize(e: TicketEvent): string {
  switch (e.type) {
    case "ticket.triage":
      return `Triaged as ${e.classificationId}, priority ${e.priorityId}`;
    case "ticket.assign":
      return e.assigneeId ? `Assigned to ${e.assigneeId}` : "Unassigned";
    case "ticket.reply":
      return e.visibility === "internal" ? "Internal note" : `Public reply by ${e.actor.kind}`;
    case "ticket.requestInformation":
      return "Asked the customer for information";
    case "ticket.proposeResolution":
      return "Proposed a resolution";
    case "ticket.confirmResolution":
      return "Customer confirmed the resolution";
    case "ticket.objectResolution":
      return e.reason
        ? `Customer objected to the resolution: ${e.reason}`
        : "Customer objected to the resolution";
    case "ticket.requestMoreTime":
      return "Customer asked for more time for testing";
    case "ticket.close":
      return `Closed: ${e.reason ?? ""}`.trim();
    case "ticket.reject":
      return `Rejected (${e.reason})${e.note ? `: ${e.note}` : ""}`;
    case "ticket.reopen":
      return "Reopened";
    case "ticket.reclassify":
      return `Reclassified as ${e.classificationId}${e.priorityId ? `, priority ${e.priorityId}` : ""}: ${e.reason}`;
    case "ticket.requestReclassification":
      return `Customer asked for reclassification: ${e.reason}`;
    case "ticket.escalate":
      return `Escalation requested: ${e.note}`;
    case "ticket.setChargeCategory":
      return `Charge category ${e.categoryId}`;
    case "ticket.linkMajorIncident":
      return `Linked to major incident ${e.incidentId}`;
    case "ticket.statusPosted":
      return "Status page updated for the linked major incident";
    case "ticket.matchAccount":
      return `Matched to account ${e.accountId}, contact ${e.contactId}`;
    case "ticket.authorize":
      return "Authorization confirmed";
    case "ticket.deadline":
      return "Deadlines swept";
    case "ticket.recordAutomaticMail":
      return `${automaticNames[e.kind]} received${e.from ? ` from ${e.from}` : ""}`;
  }
}

const automaticNames = { autoReply: "Automatic reply", bulk: "Bulk mail", bounce: "Bounce" } as const;
