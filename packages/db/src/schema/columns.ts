/** Column helpers shared by the table files. Column names come from `casing: "snake_case"`. */
import { customType, text, timestamp } from "drizzle-orm/pg-core";

/** A text primary key holding a random UUID unless the caller provides one (seeds use readable ids). */
export const textId = () =>
  text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** timestamptz as a JS Date; the api converts to epoch ms for the domain. */
export const tstz = () => timestamp({ withTimezone: true, mode: "date" });

export const createdAt = () => tstz().notNull().defaultNow();
export const updatedAt = () =>
  tstz()
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** PostgreSQL bytea as a Node Buffer / Uint8Array (drizzle 0.45 has no built-in bytea). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return "bytea";
  },
});
