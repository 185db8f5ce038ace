import { DomainError, describeIssues, err, issuesFromZod, ok, type Result } from "../errors";
import { Policy, type PolicyInput } from "./schema";

export * from "./schema";

/** Validates a policy value; the error names every field that is wrong and why. */
export function parsePolicy(input: unknown): Result<Policy> {
  const parsed = Policy.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = issuesFromZod(parsed.error.issues);
  return err(
    new DomainError("INVALID_POLICY", `The policy is not valid: ${describeIssues(issues)}`, { issues }),
  );
}

/** For presets and tests: a policy that must be valid, or a DomainError is thrown. */
export function definePolicy(input: PolicyInput): Policy {
  const r = parsePolicy(input);
  if (!r.ok) throw r.error;
  return r.value;
}
