import { index, pgTable, text } from "drizzle-orm/pg-core";
import { textId, tstz } from "./columns";
import { users } from "./users";

/** R-ACT-7, R-SLA-5: who is paged for 24x7 contracts, and when. */
export const onCallRota = pgTable(
  "on_call_rota",
  {
    id: textId(),
    staffId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromAt: tstz().notNull(),
    toAt: tstz().notNull(),
  },
  (t) => [index("on_call_rota_window_idx").on(t.fromAt, t.toAt)],
);
