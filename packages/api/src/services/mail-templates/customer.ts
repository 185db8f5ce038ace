/** R-MAIL-5, R-TKT-7: the mail customers receive about their tickets, in English and French. */
import { bullets, money, paragraphs, text, when } from "./format";
import type { TemplateSet } from "./types";

const KEEP_EN = "Please answer this mail to add to the ticket; keep the ticket id in the subject.";
const KEEP_FR =
  "Répondez à ce message pour compléter la demande ; gardez le numéro de la demande dans l'objet.";

export const customerTemplates = {
  ticketOpened: {
    en: (i) => ({
      subject: `${i.subject} — received`,
      body: paragraphs(
        `We received your request **${i.number}** and will answer as soon as possible.`,
        bullets(i.data.missing) && `To help us, please send:\n\n${bullets(i.data.missing)}`,
        i.data.priorityRequestIgnored === true && "The priority you asked for was set by our policy instead.",
        `Follow it at ${i.link}`,
        KEEP_EN,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — bien reçue`,
      body: paragraphs(
        `Nous avons bien reçu votre demande **${i.number}** et y répondrons dès que possible.`,
        bullets(i.data.missing) &&
          `Pour nous aider, merci de nous transmettre :\n\n${bullets(i.data.missing)}`,
        i.data.priorityRequestIgnored === true && "La priorité demandée a été fixée selon notre politique.",
        `Suivez-la sur ${i.link}`,
        KEEP_FR,
      ),
    }),
  },
  staffReplied: {
    en: (i) => ({ subject: i.subject, body: text(i.reply, `There is a new answer on ${i.link}`) }),
    fr: (i) => ({
      subject: i.subject,
      body: text(i.reply, `Une nouvelle réponse vous attend sur ${i.link}`),
    }),
  },
  informationRequested: {
    en: (i) => ({
      subject: `${i.subject} — information needed`,
      body: paragraphs(
        "To go on with your request we need more information.",
        i.reply,
        bullets(i.data.missing),
        `Please answer this mail or add it at ${i.link}`,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — informations nécessaires`,
      body: paragraphs(
        "Pour poursuivre le traitement de votre demande, nous avons besoin de précisions.",
        i.reply,
        bullets(i.data.missing),
        `Merci de répondre à ce message ou de les ajouter sur ${i.link}`,
      ),
    }),
  },
  waitingReminder: {
    en: (i) => ({
      subject: `${i.subject} — we are waiting for your answer`,
      body: paragraphs(
        `We are still waiting for your answer on ${i.number}. Without it the ticket closes on ${when("en", i.data.closesAt)}.`,
        KEEP_EN,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — nous attendons votre réponse`,
      body: paragraphs(
        `Nous attendons toujours votre réponse sur ${i.number}. Sans réponse, la demande sera close le ${when("fr", i.data.closesAt)}.`,
        KEEP_FR,
      ),
    }),
  },
  resolutionProposed: {
    en: (i) => ({
      subject: `${i.subject} — solution proposed`,
      body: paragraphs(
        "We proposed a solution. Please confirm that it solves your problem, or tell us why not.",
        i.reply,
        `Answer at ${i.link}`,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — solution proposée`,
      body: paragraphs(
        "Nous vous avons proposé une solution. Merci de confirmer qu'elle résout votre problème, ou de nous dire pourquoi.",
        i.reply,
        `Répondez sur ${i.link}`,
      ),
    }),
  },
  autoCloseNotice: {
    en: (i) => ({
      subject: `${i.subject} — closing soon`,
      body: paragraphs(
        `Without an answer, ${i.number} closes on ${when("en", i.data.closesAt)}.`,
        `You may ask for more time at ${i.link}`,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — clôture prochaine`,
      body: paragraphs(
        `Sans réponse, la demande ${i.number} sera close le ${when("fr", i.data.closesAt)}.`,
        `Vous pouvez demander un délai sur ${i.link}`,
      ),
    }),
  },
  autoClosePostponed: {
    en: (i) => ({
      subject: `${i.subject} — more time granted`,
      body: `${i.number} now closes on ${when("en", i.data.closesAt)}.`,
    }),
    fr: (i) => ({
      subject: `${i.subject} — délai prolongé`,
      body: `La demande ${i.number} sera désormais close le ${when("fr", i.data.closesAt)}.`,
    }),
  },
  ticketReclassified: {
    en: (i) => ({
      subject: `${i.subject} — reclassified`,
      body: paragraphs(`We changed the classification of ${i.number}.`, text(i.data.reason, "")),
    }),
    fr: (i) => ({
      subject: `${i.subject} — reclassée`,
      body: paragraphs(`Nous avons modifié la classification de ${i.number}.`, text(i.data.reason, "")),
    }),
  },
  ticketClosed: {
    en: (i) => ({
      subject: `${i.subject} — closed`,
      body: paragraphs(`${i.number} is closed. Thank you for contacting us.`, `It stays at ${i.link}`),
    }),
    fr: (i) => ({
      subject: `${i.subject} — close`,
      body: paragraphs(
        `La demande ${i.number} est close. Merci de nous avoir contactés.`,
        `Elle reste consultable sur ${i.link}`,
      ),
    }),
  },
  ticketRejected: {
    en: (i) => ({
      subject: `${i.subject} — not taken on`,
      body: paragraphs(`We cannot take on ${i.number}.`, `Reason: ${text(i.data.reason, "not given")}`),
    }),
    fr: (i) => ({
      subject: `${i.subject} — non prise en charge`,
      body: paragraphs(
        `Nous ne pouvons pas prendre en charge la demande ${i.number}.`,
        `Motif : ${text(i.data.reason, "non précisé")}`,
      ),
    }),
  },
  requestRefused: {
    en: (i) => ({
      subject: `${i.subject} — request not accepted`,
      body: paragraphs(
        text(i.data.name, "") ? `Hello ${text(i.data.name, "")},` : "Hello,",
        `your request "${i.subject}" (${i.number}) was not accepted.`,
        `Reason: ${text(i.data.note, refusal(REFUSAL_EN, i.data.reason))}`,
        i.data.reason === "unauthorized" &&
          "Only authorized support contacts of a customer account may open support tickets. What you can do:\n\n- ask your account's administrator to add you as an authorized support contact, then write again;\n- or write from an address that is already an authorized support contact of your account.",
        `Please keep [${i.number}] in the subject if you answer this mail.`,
      ),
    }),
    fr: (i) => ({
      subject: `${i.subject} — demande non acceptée`,
      body: paragraphs(
        text(i.data.name, "") ? `Bonjour ${text(i.data.name, "")},` : "Bonjour,",
        `votre demande « ${i.subject} » (${i.number}) n'a pas été acceptée.`,
        `Motif : ${text(i.data.note, refusal(REFUSAL_FR, i.data.reason))}`,
        i.data.reason === "unauthorized" &&
          "Seuls les contacts support autorisés d'un compte client peuvent ouvrir des demandes. Vous pouvez :\n\n- demander à l'administrateur de votre compte de vous ajouter comme contact support autorisé, puis nous écrire à nouveau ;\n- ou écrire depuis une adresse déjà enregistrée comme contact support autorisé de votre compte.",
        `Merci de conserver [${i.number}] dans l'objet si vous répondez à ce message.`,
      ),
    }),
  },
  "billingComplaint.underReview": {
    en: (i) => ({
      subject: `Your complaint about ${i.number} — under review`,
      body: "Central Billing is reviewing your complaint.",
    }),
    fr: (i) => ({
      subject: `Votre réclamation sur ${i.number} — en cours d'examen`,
      body: "La facturation centrale examine votre réclamation.",
    }),
  },
  "billingComplaint.credited": {
    en: (i) => ({
      subject: `Your complaint about ${i.number} — credit note`,
      body: paragraphs(
        `Central Billing issues a credit note of ${money("en", answer(i.data).amount, i.data.currency)} for ${i.number}.`,
        text(answer(i.data).note, ""),
      ),
    }),
    fr: (i) => ({
      subject: `Votre réclamation sur ${i.number} — avoir`,
      body: paragraphs(
        `La facturation centrale émet un avoir de ${money("fr", answer(i.data).amount, i.data.currency)} pour ${i.number}.`,
        text(answer(i.data).note, ""),
      ),
    }),
  },
  "billingComplaint.corrected": {
    en: (i) => ({
      subject: `Your complaint about ${i.number} — corrected invoice`,
      body: paragraphs(
        `Central Billing corrected the charge of ${i.number} to ${money("en", answer(i.data).correctedAmount, i.data.currency)}.`,
        text(answer(i.data).note, ""),
      ),
    }),
    fr: (i) => ({
      subject: `Votre réclamation sur ${i.number} — facture corrigée`,
      body: paragraphs(
        `La facturation centrale a corrigé le montant facturé pour ${i.number} à ${money("fr", answer(i.data).correctedAmount, i.data.currency)}.`,
        text(answer(i.data).note, ""),
      ),
    }),
  },
  "billingComplaint.rejected": {
    en: (i) => ({
      subject: `Your complaint about ${i.number} — rejected`,
      body: `Central Billing keeps the charge of ${i.number}. Reason: ${text(answer(i.data).reason, "not given")}`,
    }),
    fr: (i) => ({
      subject: `Votre réclamation sur ${i.number} — rejetée`,
      body: `La facturation centrale maintient le montant facturé pour ${i.number}. Motif : ${text(answer(i.data).reason, "non précisé")}`,
    }),
  },
  survey: {
    en: (i) => ({
      subject: `How did we do? — ${i.subject}`,
      body: `Please tell us about your experience with ${i.number}: ${text(i.data.link, i.link)}`,
    }),
    fr: (i) => ({
      subject: `Votre avis — ${i.subject}`,
      body: `Dites-nous comment s'est passée la demande ${i.number} : ${text(i.data.link, i.link)}`,
    }),
  },
} satisfies Record<string, TemplateSet>;

/** R-ACT-3: what the sender of a refused request is told when staff give no text of their own. */
const REFUSAL_EN = {
  unauthorized: "We could not identify you as an authorized support contact of a customer account.",
  spam: "The message was recognized as unsolicited mail.",
  duplicate: "The same request is already being handled under another ticket.",
  outOfScope: "The request is outside the support we provide.",
} as const;
const REFUSAL_FR = {
  unauthorized: "Nous n'avons pas pu vous identifier comme contact support autorisé d'un compte client.",
  spam: "Le message a été reconnu comme un courrier non sollicité.",
  duplicate: "La même demande est déjà traitée sous un autre numéro.",
  outOfScope: "La demande sort du cadre du support que nous assurons.",
} as const;

function refusal(words: typeof REFUSAL_EN | typeof REFUSAL_FR, reason: unknown): string {
  return typeof reason === "string" && Object.hasOwn(words, reason)
    ? words[reason as keyof typeof words]
    : words.outOfScope;
}

function answer(data: Record<string, unknown>): Record<string, unknown> {
  const a = data.answer;
  return a && typeof a === "object" ? (a as Record<string, unknown>) : {};
}
