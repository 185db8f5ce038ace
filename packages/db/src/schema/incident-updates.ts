import { index, pgTable, text } from "drizzle-orm/pg-core";
import { textId, tstz } from "./columns";
import { majorIncidents } from "./major-incidents";
import { users } from "./users";

/** R-MI-1, R-MI-2: a status post; while the incident is active it counts as first response of linked tickets. */
export const incidentUpdates = pgTable(
  "incident_updates",
  {
    id: textId(),
    majorIncidentId: text()
      .notNull()
      .references(() => majorIncidents.id, { onDelete: "cascade" }),
    status: text().notNull(),
    body: text().notNull(),
    postedById: text().references(() => users.id, { onDelete: "set null" }),
    postedAt: tstz().notNull(),
  },
  (t) => [index("incident_updates_incident_idx").on(t.majorIncidentId, t.postedAt)],
);
