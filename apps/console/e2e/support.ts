/** Shared steps for the console's end-to-end tests (the real server's demo seed). */
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, expect, type Page, request } from "@playwright/test";

export const DEMO_PASSWORD = "helpdesk-demo-1";

export const staff = {
  specialist: { email: "specialist@helpdesk.example", name: "Sam Specialist" },
  engineer: { email: "engineer@helpdesk.example", name: "Erin Engineer" },
  manager: { email: "manager@helpdesk.example", name: "Max Manager" },
  billing: { email: "billing@helpdesk.example", name: "Bea Billing" },
  admin: { email: "admin@helpdesk.example", name: "Ada Admin" },
} as const;

export type Who = keyof typeof staff;
export const staffRoles = Object.keys(staff) as Who[];

/**
 * The saved session of a role (written once by auth.setup.ts), kept in this run's data directory: a
 * session belongs to this run's server, and two runs at once must not overwrite each other's.
 */
export const authFile = (who: Who): string =>
  join(process.env.E2E_DATA_DIR ?? "e2e/.auth", "auth", `${who}.json`);

export async function signIn(page: Page, who: Who): Promise<void> {
  await page.goto("/console/sign-in");
  await page.getByLabel("Work email").fill(staff[who].email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("me-name")).toHaveText(staff[who].name);
}

/** Opens a console page with the role's saved session and waits until the shell knows who it is. */
export async function open(page: Page, path: string, who: Who): Promise<void> {
  await page.goto(`/console${path}`);
  await expect(page.getByTestId("me-name")).toHaveText(staff[who].name);
}

/** Another staff member in their own browser context (own cookies, the role's saved session). */
export async function newAgent(browser: Browser, who: Who, path = "/"): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: "reduce",
    storageState: authFile(who),
  });
  const page = await context.newPage();
  await open(page, path, who);
  return page;
}

/** axe-core: no serious or critical violations on the current page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    ),
    `axe on ${label}`,
  ).toEqual([]);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `reports/screenshots/${name}.png`, fullPage: false });
}

/** A tRPC mutation over HTTP with the page's session (superjson wire format). */
export async function apiMutation<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const base = new URL(page.url()).origin;
  const res = await page.request.post(`${base}/trpc/${path}`, {
    data: { json: input },
    headers: { origin: base, "content-type": "application/json" },
  });
  const body = (await res.json()) as {
    result?: { data?: { json?: T } };
    error?: { json?: { message?: string } };
  };
  if (!res.ok() || !body.result)
    throw new Error(`${path} failed: ${res.status()} ${body.error?.json?.message ?? ""}`);
  return body.result.data?.json as T;
}

export async function apiQuery<T = unknown>(page: Page, path: string, input: unknown): Promise<T> {
  const base = new URL(page.url()).origin;
  const res = await page.request.get(
    `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  const body = (await res.json()) as { result?: { data?: { json?: T } } };
  if (!res.ok() || !body.result) throw new Error(`${path} failed: ${res.status()}`);
  return body.result.data?.json as T;
}

export interface OpenedTicket {
  id: string;
  number: string;
  version: number;
  deadlines: { firstResponse: number | null; resolution: number | null };
}

/** Opens a fresh Class 1 incident for Acme Messaging (messaging-provider preset) as the signed-in staff member. */
export async function openFreshTicket(page: Page, subject: string): Promise<OpenedTicket> {
  return apiMutation<OpenedTicket>(page, "staffTicket.openFor", {
    accountId: "acc-acme-messaging",
    contactId: "c-msgAdmin",
    channel: "phone",
    inquiryType: "incident",
    impact: "critical",
    urgency: "high",
    subject,
    description: "All outgoing faxes fail since 10:00. The whole office is affected.",
  });
}

/** An API client signed in as a portal user (for the customer side of a journey, e.g. disputing a charge). */
export async function customerApi(baseURL: string, email: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await ctx.post("/api/auth/sign-in/email", { data: { email, password: DEMO_PASSWORD } });
  expect(res.ok(), `sign in ${email}: ${res.status()}`).toBeTruthy();
  return ctx;
}

/** Calls a tRPC procedure with an API client (superjson envelope). */
export async function call<T = unknown>(
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

/**
 * Moves the server's clock to now + offsetMs (e2e/server.ts's control port); 0 puts it back. Returns
 * the server's new now.
 */
export async function moveServerClock(offsetMs: number): Promise<number> {
  const port = process.env.E2E_CLOCK_PORT;
  if (!port) throw new Error("E2E_CLOCK_PORT is not set: run the server through e2e/server.ts");
  const res = await fetch(`http://127.0.0.1:${port}/clock`, {
    method: "POST",
    body: JSON.stringify({ offsetMs: Math.round(offsetMs) }),
  });
  if (!res.ok) throw new Error(`moving the server clock failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { now: number }).now;
}

/** An Urgent phone ticket for Lone Star Clinics (fax reseller, 24x7): its first response is due in 30 minutes. */
export async function openUrgent24x7Ticket(page: Page, subject: string): Promise<OpenedTicket> {
  return apiMutation<OpenedTicket>(page, "staffTicket.openFor", {
    accountId: "acc-lone-star-clinics",
    contactId: "c-faxAdmin",
    channel: "phone",
    inquiryType: "incident",
    impact: "critical",
    urgency: "high",
    priorityId: "urgent",
    subject,
    description: "No fax goes out at any of our clinics; patients' referrals are stuck.",
  });
}
