/** The database handle the api works with (one type for PGlite and postgres.js) and its transaction. */
export type { Db, DbOrTx as Queryable, Tx } from "@helpdesk/db";

export const toDate = (ms: number | null | undefined): Date | null => (ms == null ? null : new Date(ms));
export const toMs = (d: Date | null | undefined): number | null => (d == null ? null : d.getTime());
