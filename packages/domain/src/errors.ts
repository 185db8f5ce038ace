/**
 * Typed rule violations. Every refusal the domain makes is a DomainError with a code a server can map
 * to a transport status, the rule id it enforces, and a sentence a user can act on.
 */
export const domainErrorCodes = [
  /** input does not fit the schema (zod); `issues` names the fields */
  "INVALID_INPUT",
  /** a policy value does not validate */
  "INVALID_POLICY",
  /** the event is not allowed in the ticket's current state (R-LC-9) */
  "EVENT_NOT_ALLOWED",
  /** the actor's role may not do this */
  "FORBIDDEN",
  /** the actor may not see the object: answer as if it did not exist */
  "NOT_FOUND",
  /** R-ACT-3: not an authorized contact of the account */
  "NOT_AUTHORIZED",
  /** an optimistic-concurrency or state conflict */
  "CONFLICT",
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface DomainIssue {
  path: (string | number)[];
  message: string;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { rule?: string; issues?: DomainIssue[] } = {},
  ) {
    super(message);
  }
  get rule(): string | undefined {
    return this.details.rule;
  }
  get issues(): DomainIssue[] {
    return this.details.issues ?? [];
  }
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = DomainError>(error: E): Result<never, E> => ({ ok: false, error });

/** Turns zod issues into DomainIssues with readable paths. */
export function issuesFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): DomainIssue[] {
  return issues.map((i) => ({
    path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
    message: i.message,
  }));
}

export function describeIssues(issues: DomainIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
}
