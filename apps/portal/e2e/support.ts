import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { readSpool } from "@helpdesk/server/testing";
import { type APIRequestContext, expect, type Page, request } from "@playwright/test";

export const PASSWORD = "helpdesk-demo-1";

/** Demo logins printed by the server (packages/api/src/seed.ts). */
export const users = {
  anna: "anna.becker@acme-messaging.example", // messaging-provider admin
  jonas: "jonas.weber@acme-messaging.example", // messaging-provider staff
  maria: "maria.lopez@lonestar-clinics.example", // fax-reseller admin
  tom: "tom.harris@lonestar-clinics.example", // fax-reseller staff
  claire: "claire@boulangerie-dupont.example", // mail-filter admin (French account)
  luc: "luc@boulangerie-dupont.example",
  paul: "paul@netisp.example", // partner ISP admin
  alice: "alice@client-alpha.example",
  bob: "bob@client-beta.example",
  specialist: "specialist@helpdesk.example",
  billing: "billing@helpdesk.example",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel(/^Email address|^Adresse e-mail/).fill(email);
  await page.getByLabel(/^Password|^Mot de passe/).fill(password);
  await page.getByRole("button", { name: /^Sign in$|^Se connecter$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/Sign in to support|Connexion/);
}

/** axe-core on the current page: no serious or critical violation (WCAG 2.x A/AA rules). */
export async function expectAccessible(page: Page, label: string) {
  // check what the person sees once it settled: colors blended mid-transition (a toast or dialog fading
  // in) are not the page's colors. Endless animations (spinners) do not count.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
    `axe on ${label}`,
  ).toEqual([]);
}

/** Staff logins the journeys act as through the API (signed in once by auth.setup.ts). */
export const staffUsers = {
  specialist: users.specialist,
  billing: users.billing,
  admin: "admin@helpdesk.example",
} as const;

export type StaffEmail = (typeof staffUsers)[keyof typeof staffUsers];

export function staffStatePath(email: string): string {
  return `e2e/.auth/staff-${email.split("@")[0]}.json`;
}

/**
 * An API client signed in as a staff member (for staff-side setup the portal cannot do). It reuses the
 * session auth.setup.ts stored, so journeys do not sign in again and again and run into the sign-in
 * throttle (R-ACT-8), which stays as strict as in production.
 */
export async function apiAs(baseURL: string, email: StaffEmail): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL },
    storageState: staffStatePath(email),
  });
}

/** Calls a tRPC procedure over HTTP (superjson envelope). */
export async function trpcCall<T = unknown>(
  ctx: APIRequestContext,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const res =
    kind === "query"
      ? await ctx.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`)
      : await ctx.post(`/trpc/${path}`, { data: { json: input } });
  const body = (await res.json()) as { result?: { data?: { json?: T } }; error?: unknown };
  expect(res.ok(), `${path}: ${JSON.stringify(body.error ?? body).slice(0, 400)}`).toBeTruthy();
  return body.result?.data?.json as T;
}

export interface TicketRow {
  id: string;
  number: string;
  status: string;
  version: number;
  subject: string;
}

/**
 * A fresh ticket of the signed-in customer (a service request, opened through the API). Journeys that
 * act on a ticket use their own: the seed's tickets have live deadlines, and a timer firing in the
 * background (escalation step, SLA warning) changes their version at any moment, so acting on them
 * could meet a CONFLICT the journey did not ask for.
 */
export async function openTicket(page: Page, subject: string): Promise<TicketRow> {
  return trpcCall<TicketRow>(page.request, "ticket.open", {
    inquiryType: "serviceRequest",
    subject,
    description: "Please set this up for our account; details are in our contract.",
  });
}

type StaffStep = "reply" | "note" | "requestInformation" | "proposeResolution";
const staffTexts: Record<StaffStep, string> = {
  reply: "Thanks, we are on it.",
  note: "INTERNAL: their relay rewrites the envelope sender; do not tell them yet.",
  requestInformation: "Please send us the logs of the last hour.",
  proposeResolution: "We changed the relay configuration; please check it works now.",
};

/**
 * Support acts on a ticket: a first reply when it is new (it is then in progress), then the given step
 * (R-LC-2 request information, R-LC-3 propose a resolution). Returns the ticket's new version.
 */
export async function supportActs(baseURL: string, ticket: TicketRow, step: StaffStep): Promise<number> {
  const staff = await apiAs(baseURL, users.specialist);
  const detail = await trpcCall<{ version: number; status: string }>(
    staff,
    "staffTicket.byId",
    { id: ticket.id },
    "query",
  );
  let version = detail.version;
  if (detail.status === "new" && step !== "reply")
    version = await staffStep(staff, ticket.id, version, "reply");
  version = await staffStep(staff, ticket.id, version, step);
  await staff.dispose();
  return version;
}

async function staffStep(staff: APIRequestContext, id: string, expectedVersion: number, step: StaffStep) {
  const out = await trpcCall<{ version: number }>(staff, `staffTicket.${step}`, {
    id,
    expectedVersion,
    body: staffTexts[step],
  });
  return out.version;
}

/** Support proposes a resolution (R-LC-3) so the customer has something to confirm or object to. */
export async function proposeResolution(baseURL: string, ticket: TicketRow) {
  await supportActs(baseURL, ticket, "proposeResolution");
}

/**
 * Where the e2e server's mail goes: it runs without SMTP_URL, so every mail is an .eml file in
 * DATA_DIR/mail-spool (the operator's pickup folder). `E2E_MAIL_SPOOL` names it for a server you started
 * yourself (E2E_BASE_URL).
 */
export function mailSpool(): string {
  return process.env.E2E_MAIL_SPOOL ?? join(process.env.E2E_DATA_DIR ?? ".data", "mail-spool");
}

/**
 * The path of the first link matching `pattern` in a mail the server sent to `to` (through the outbox,
 * which runs every 200 ms in the e2e server), read where its recipient gets it: the spool folder. The
 * product itself shows nobody else the link (R-SEC-1: the mail log has it redacted).
 */
export async function mailedLink(
  baseURL: string,
  to: string,
  pattern: RegExp,
  subject = "",
): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        link = readSpool(mailSpool())
          .filter((m) => m.to.includes(to) && m.subject.includes(subject))
          .reverse()
          .map((m) => pattern.exec(m.body)?.[0])
          .find(Boolean);
        return link;
      },
      { message: `a mail to ${to} with a link like ${pattern} in ${mailSpool()}`, timeout: 15_000 },
    )
    .toBeTruthy();
  const url = new URL(link!, baseURL);
  return `${url.pathname}${url.search}`;
}
