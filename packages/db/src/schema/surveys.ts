import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { createdAt, tstz } from "./columns";
import { authorizedContacts } from "./contacts";
import { tickets } from "./tickets";

/** R-SUR-1: a survey sent after close, at most once per contact per policy period. */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    token: text().notNull().unique(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    accountId: text().references(() => accounts.id, { onDelete: "cascade" }),
    contactId: text().references(() => authorizedContacts.id, { onDelete: "set null" }),
    /** null until the outbox worker sent it */
    sentAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    index("survey_invitations_contact_idx").on(t.contactId, t.createdAt),
    index("survey_invitations_ticket_idx").on(t.ticketId),
  ],
);

/** R-SUR-1: the answer (score 1–5 and a comment), one per invitation. */
export const surveyAnswers = pgTable(
  "survey_answers",
  {
    id: uuid().primaryKey().defaultRandom(),
    invitationId: uuid()
      .notNull()
      .unique()
      .references(() => surveyInvitations.id, { onDelete: "cascade" }),
    score: integer().notNull(),
    comment: text(),
    answeredAt: tstz().notNull(),
  },
  (t) => [check("survey_answers_score_range", sql`${t.score} between 1 and 5`)],
);
