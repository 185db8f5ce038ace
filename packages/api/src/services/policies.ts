/**
 * Policies are versioned, immutable data (a ticket keeps the version it was opened under), so a
 * process-wide cache by id@version is always correct; "the active version" is looked up each time.
 */

import { policies } from "@helpdesk/db/schema";
import { DomainError, type Policy, parsePolicy } from "@helpdesk/domain";
import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../db";

const cache = new Map<string, Policy>();

function remember(id: string, version: number, body: unknown): Policy {
  const key = `${id}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parsePolicy(body);
  if (!parsed.ok) throw parsed.error;
  cache.set(key, parsed.value);
  return parsed.value;
}

export async function policyVersion(db: Queryable, id: string, version: number): Promise<Policy> {
  const hit = cache.get(`${id}@${version}`);
  if (hit) return hit;
  const [row] = await db
    .select()
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.version, version)))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", `No policy ${id} version ${version}.`);
  return remember(row.id, row.version, row.body);
}

/**
 * The version in force: the newest. Only its number is read each time; the body (kilobytes of JSON) only
 * when that version is not cached yet.
 */
export async function activePolicy(db: Queryable, id: string): Promise<Policy> {
  const [row] = await db
    .select({ version: policies.version })
    .from(policies)
    .where(eq(policies.id, id))
    .orderBy(desc(policies.version))
    .limit(1);
  if (!row) throw new DomainError("NOT_FOUND", `No policy ${id}.`);
  return policyVersion(db, id, row.version);
}

export async function allActivePolicies(db: Queryable): Promise<Policy[]> {
  const rows = await db.select().from(policies).orderBy(policies.id, desc(policies.version));
  const seen = new Set<string>();
  const out: Policy[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(remember(r.id, r.version, r.body));
  }
  return out;
}
