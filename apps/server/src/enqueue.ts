import { type DbOrTx, outbox } from "@helpdesk/db";
import type { Clock } from "./clock";
import type { Mail } from "./mailer";

/**
 * Puts a mail in the outbox (password-reset links from better-auth go this way, R-ACT-8). `secrets` lists
 * the values in the body only its recipient may read (R-SEC-1): the worker redacts them when it stores it.
 */
export async function enqueueMail(
  db: DbOrTx,
  clock: Clock,
  mail: Mail & { template?: string; secrets?: string[] },
): Promise<void> {
  const at = new Date(clock.now());
  await db.insert(outbox).values({ kind: "mail", payload: { ...mail }, nextAttemptAt: at, createdAt: at });
}
