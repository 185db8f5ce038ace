/** R-MAIL-5, R-TKT-7: the mail staff and teams receive about tickets (assignee, support, billing, escalation). */
import { paragraphs, text } from "./format";
import type { TemplateSet } from "./types";

export const staffTemplates = {
  ticketAssigned: {
    en: (i) => ({
      subject: `${i.subject} — assigned to you`,
      body: `${i.number} is assigned to you: ${i.link}`,
    }),
    fr: (i) => ({
      subject: `${i.subject} — vous est attribuée`,
      body: `La demande ${i.number} vous est attribuée : ${i.link}`,
    }),
  },
  customerReplied: {
    en: (i) => ({
      subject: `${i.subject} — the customer answered`,
      body: `The customer answered on ${i.number}: ${i.link}`,
    }),
    fr: (i) => ({
      subject: `${i.subject} — le client a répondu`,
      body: `Le client a répondu sur ${i.number} : ${i.link}`,
    }),
  },
  resolutionObjected: {
    en: (i) => ({
      subject: `${i.subject} — solution objected`,
      body: `The customer says the proposed solution does not solve ${i.number}: ${i.link}`,
    }),
    fr: (i) => ({
      subject: `${i.subject} — solution contestée`,
      body: `Le client indique que la solution proposée ne résout pas ${i.number} : ${i.link}`,
    }),
  },
  reclassificationRequested: {
    en: (i) => ({
      subject: `${i.subject} — reclassification requested`,
      body: paragraphs(
        `The customer asks to reclassify ${i.number}: ${i.link}`,
        `Reason: ${text(i.data.reason, "not given")}`,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — reclassification demandée`,
      body: paragraphs(
        `Le client demande la reclassification de ${i.number} : ${i.link}`,
        `Motif : ${text(i.data.reason, "non précisé")}`,
      ),
    }),
  },
  chargeCategoryMissing: {
    en: (i) => ({
      subject: `${i.subject} — closed without a charge category`,
      body: `${i.number} closed without a charge category; choose one so it can be invoiced: ${i.link}`,
    }),
    fr: (i) => ({
      subject: `${i.subject} — close sans catégorie de facturation`,
      body: `La demande ${i.number} a été close sans catégorie de facturation ; choisissez-en une pour la facturer : ${i.link}`,
    }),
  },
  "billingComplaint.submitted": {
    en: (i) => ({
      subject: `Complaint about the charge of ${i.number}`,
      body: paragraphs(
        `A customer disputes the charge of ${i.number}.`,
        `Reason: ${text(i.data.reason, "not given")}`,
      ),
    }),
    fr: (i) => ({
      subject: `Réclamation sur le montant facturé pour ${i.number}`,
      body: paragraphs(
        `Un client conteste le montant facturé pour ${i.number}.`,
        `Motif : ${text(i.data.reason, "non précisé")}`,
      ),
    }),
  },
  escalation: {
    en: (i) => ({
      subject: `Escalation level ${String(i.data.level ?? "")} (${text(i.data.function, "escalation")})`,
      body: paragraphs(
        `${i.number} is escalated to level ${String(i.data.level ?? "")} (${text(i.data.function, "escalation")})${i.data.automated === true ? " automatically" : ""}.`,
        `Please take it on: ${i.link}`,
      ),
    }),
    fr: (i) => ({
      subject: `Escalade niveau ${String(i.data.level ?? "")} (${text(i.data.function, "escalade")})`,
      body: paragraphs(
        `La demande ${i.number} est escaladée au niveau ${String(i.data.level ?? "")} (${text(i.data.function, "escalade")})${i.data.automated === true ? " automatiquement" : ""}.`,
        `Merci de la prendre en charge : ${i.link}`,
      ),
    }),
  },
} satisfies Record<string, TemplateSet>;
