/**
 * Test support for the walks over every procedure (authorization and fuzz): a fixture with one object of
 * each kind, one plausible input per procedure, the actors, and a caller by dotted path.
 */
import {
  billingComplaints,
  invoiceLines,
  mailboxes,
  majorIncidents,
  surveyInvitations,
  technicalDelegates,
  temporaryAccessGrants,
  tickets,
} from "@helpdesk/db/schema";
import type { StaffAction } from "@helpdesk/domain/access";
import type { Actor } from "@helpdesk/domain/ticket";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { appRouter } from "./index";
import type { Api } from "./test-support";
import type { Audience } from "./trpc";

export interface Fixture {
  ticket: string;
  line: string;
  complaint: string;
  incident: string;
  token: string;
  delegate: string;
  /** a temporary access grant of the fax account and its confirmation token (R-ACT-4) */
  grant: string;
  grantToken: string;
}

export async function walkFixture(api: Api): Promise<Fixture> {
  const fx: Fixture = {
    ticket: "",
    line: "",
    complaint: "",
    incident: "",
    token: "",
    delegate: "",
    grant: "",
    grantToken: "",
  };
  const t = await api.as(api.a.msgAdmin).ticket.open({
    inquiryType: "incident",
    impact: "medium",
    subject: "Authorization walk",
    description: "A ticket of the messaging account.",
  });
  fx.ticket = t.id;
  await api.as(api.a.specialist).staffTicket.reply({ id: t.id, expectedVersion: t.version, body: "On it." });
  const [line] = await api.db
    .insert(invoiceLines)
    .values({
      ticketId: t.id,
      accountId: api.seed.accounts.msg,
      categoryId: "service-question",
      explanation: "A question the portal answers.",
      amount: 45,
      currency: "EUR",
      period: "2026-03",
    })
    .returning();
  fx.line = line?.id ?? "";
  const [c] = await api.db
    .insert(billingComplaints)
    .values({ invoiceLineId: fx.line, accountId: api.seed.accounts.msg, reason: "Not ours", snapshot: {} })
    .returning();
  fx.complaint = c?.id ?? "";
  const [mi] = await api.db
    .insert(majorIncidents)
    .values({ title: "Gateway outage", startedAt: new Date(api.now()) })
    .returning();
  fx.incident = mi?.id ?? "";
  fx.token = "tok-authorization-walk";
  await api.db.insert(surveyInvitations).values({
    token: fx.token,
    ticketId: t.id,
    accountId: api.seed.accounts.msg,
    contactId: api.seed.contacts.msgAdmin ?? null,
  });
  const [d] = await api.db
    .select()
    .from(technicalDelegates)
    .where(eq(technicalDelegates.accountId, api.seed.accounts.mail));
  fx.delegate = d?.id ?? "";
  fx.grantToken = "tok-access-authorization-walk";
  const [g] = await api.db
    .insert(temporaryAccessGrants)
    .values({
      accountId: api.seed.accounts.fax,
      firstName: "Walk",
      lastName: "Grant",
      email: "walk.grant@example.com",
      confirmationToken: fx.grantToken,
      expiresAt: new Date(api.now() + 5 * 86_400_000),
      createdAt: new Date(api.now()),
    })
    .returning();
  fx.grant = g?.id ?? "";
  return fx;
}

export type Owner = "msg" | "mail";
export interface Sample {
  /** a value, or a function computing it at call time (fresh versions and ids) */
  input: unknown;
  /** the account whose object the call names: other customers must get NOT_FOUND */
  owner?: Owner;
}

/** an IMAP mailbox nothing answers for (port 1 on this machine: refused at once) */
const mailboxFields = {
  name: "Walk mailbox",
  host: "127.0.0.1",
  port: 1,
  tls: false,
  username: "walk",
  auth: "password" as const,
  folder: "INBOX",
  afterAction: "flag" as const,
  moveTo: "Processed",
  policyId: null,
  enabled: false,
};
async function walkMailbox(api: Api): Promise<string> {
  const [row] = await api.db
    .insert(mailboxes)
    .values({ ...mailboxFields, secretEncrypted: "v1:unreadable" })
    .returning({ id: mailboxes.id });
  if (!row) throw new Error("no walk mailbox");
  return row.id;
}

export function makeSamples(api: Api, fx: Fixture): Record<string, Sample> {
  async function version() {
    const [r] = await api.db.select({ v: tickets.version }).from(tickets).where(eq(tickets.id, fx.ticket));
    return r?.v ?? 1;
  }
  const ref = async () => ({ id: fx.ticket, expectedVersion: await version() });
  const range = () => ({ from: api.now() - 30 * 86_400_000, to: api.now() + 86_400_000 });

  /** One plausible input per procedure; a new procedure without one fails the walk. */
  return {
    "ticket.open": { input: { inquiryType: "incident", subject: "Walk", description: "d" } },
    "ticket.list": { input: {} },
    "ticket.byId": { input: () => ({ id: fx.ticket }), owner: "msg" },
    "ticket.lookup": { input: () => ({ ref: fx.ticket }), owner: "msg" },
    "ticket.history": { input: () => ({ id: fx.ticket }), owner: "msg" },
    "ticket.reply": { input: async () => ({ ...(await ref()), body: "hello" }), owner: "msg" },
    "ticket.confirm": { input: ref, owner: "msg" },
    "ticket.object": { input: ref, owner: "msg" },
    "ticket.moreTime": { input: ref, owner: "msg" },
    "ticket.reopen": { input: ref, owner: "msg" },
    "ticket.escalate": {
      input: async () => ({
        ...(await ref()),
        companyName: "Acme",
        callerName: "Anna",
        callerPhone: "+49 30 1111 001",
        supportDescription: { kind: "degraded" },
        requestedAction: "call back",
      }),
      owner: "msg",
    },
    "ticket.requestReclassification": {
      input: async () => ({ ...(await ref()), reason: "wrong class" }),
      owner: "msg",
    },
    "staffTicket.queue": { input: {} },
    "staffTicket.byId": { input: () => ({ id: fx.ticket }) },
    "staffTicket.lookup": { input: () => ({ ref: fx.ticket }) },
    "presence.viewing": { input: () => ({ id: fx.ticket }) },
    "presence.left": { input: () => ({ id: fx.ticket }) },
    "staffTicket.triage": {
      input: async () => ({ ...(await ref()), classificationId: "ic3", priorityId: "low" }),
    },
    "staffTicket.assign": { input: async () => ({ ...(await ref()), assigneeId: "u-engineer" }) },
    "staffTicket.claim": { input: ref },
    "staffTicket.reply": { input: async () => ({ ...(await ref()), body: "reply" }) },
    "staffTicket.note": { input: async () => ({ ...(await ref()), body: "note" }) },
    "staffTicket.requestInformation": { input: async () => ({ ...(await ref()), body: "which?" }) },
    "staffTicket.proposeResolution": { input: async () => ({ ...(await ref()), body: "fixed" }) },
    "staffTicket.close": { input: async () => ({ ...(await ref()), reason: "walk" }) },
    "staffTicket.reject": { input: async () => ({ ...(await ref()), reason: "spam" }) },
    "staffTicket.reopen": { input: ref },
    "staffTicket.reclassify": {
      input: async () => ({ ...(await ref()), classificationId: "ic2", reason: "worse" }),
    },
    "staffTicket.escalate": { input: async () => ({ ...(await ref()), note: "escalate" }) },
    "staffTicket.setChargeCategory": {
      input: async () => ({ ...(await ref()), categoryId: "service-question" }),
    },
    "staffTicket.linkMajorIncident": { input: async () => ({ ...(await ref()), incidentId: fx.incident }) },
    "staffTicket.matchAccount": {
      input: async () => ({ ...(await ref()), accountId: api.seed.accounts.msg, contactId: "c-msgOps" }),
    },
    "staffTicket.authorize": { input: ref },
    "staffTicket.openFor": {
      input: () => ({
        accountId: api.seed.accounts.fax,
        contactId: "c-faxNight",
        channel: "phone",
        inquiryType: "incident",
        subject: "Phone call",
        description: "Called in",
      }),
    },
    "staffTicket.logVoicemail": {
      input: { policyId: "fax-reseller", callerNumber: "+1 999 000 1111", transcript: "Please call" },
    },
    "staffTicket.inbox": { input: {} },
    "staffTicket.grantTemporaryAccess": {
      input: () => ({
        accountId: api.seed.accounts.mail,
        firstName: "Tem",
        lastName: "Porary",
        email: "tem@example.com",
      }),
    },
    "account.mine": { input: undefined },
    "account.users": { input: undefined },
    "account.createUser": {
      input: () => ({ email: `walk-${Math.random()}@example.com`, name: "Walker", role: "customerStaff" }),
    },
    "account.deactivateUser": { input: { userId: "u-msgStaff" }, owner: "msg" },
    "account.reactivateUser": { input: { userId: "u-msgStaff" }, owner: "msg" },
    "account.setUserRole": { input: { userId: "u-msgStaff", role: "customerStaff" }, owner: "msg" },
    "account.contacts": { input: undefined },
    "account.createContact": {
      input: { firstName: "New", lastName: "Contact", email: "new.contact@example.com" },
    },
    "account.updateContact": { input: { id: "c-msgOps", phone: "+49 1" }, owner: "msg" },
    "account.deactivateContact": { input: { id: "c-msgOps" }, owner: "msg" },
    "account.reactivateContact": { input: { id: "c-msgOps" }, owner: "msg" },
    "account.delegate": { input: undefined },
    "account.setDelegate": {
      input: () => ({ aliasEmail: `alias-${Math.random()}@example.com`, name: "Delegate" }),
    },
    "account.removeDelegate": { input: () => ({ id: fx.delegate }), owner: "mail" },
    "account.list": { input: {} },
    "account.byId": { input: () => ({ id: api.seed.accounts.msg }) },
    "account.create": {
      input: () => ({
        customerNumber: `N-${Math.random()}`,
        name: "New Co",
        policyId: "fax-reseller",
        serviceLevelId: "standard",
        contract: { is24x7: false, expressAllowed: false },
      }),
    },
    "account.updateContract": {
      input: () => ({ id: api.seed.accounts.fax, contract: { is24x7: true, expressAllowed: false } }),
    },
    "account.linkPartner": {
      input: () => ({
        partnerAccountId: api.seed.accounts.partner,
        customerAccountId: api.seed.accounts.alpha,
      }),
    },
    "account.unlinkPartner": {
      input: () => ({
        partnerAccountId: api.seed.accounts.partner,
        customerAccountId: api.seed.accounts.beta,
      }),
    },
    "account.reactivateLogin": { input: { userId: "u-faxStaff" } },
    "staff.list": { input: undefined },
    "staff.me": { input: undefined },
    "staff.create": {
      input: () => ({
        email: `staff-${Math.random()}@example.com`,
        name: "New Staff",
        roles: ["serviceEngineer"],
      }),
    },
    "staff.setRoles": { input: { id: "u-consultant", roles: ["technicalConsultant"] } },
    "staff.deactivate": { input: { id: "u-implementation" } },
    "staff.reactivate": { input: { id: "u-implementation" } },
    "staff.rota": { input: range },
    "staff.addRota": {
      input: () => ({ staffId: "u-engineer", fromAt: api.now(), toAt: api.now() + 3_600_000 }),
    },
    "staff.removeRota": { input: { id: "no-such-rota" } },
    "incident.list": { input: {} },
    "incident.declare": { input: { title: "Declared in the walk" } },
    "incident.post": { input: () => ({ incidentId: fx.incident, status: "identified", body: "Found it" }) },
    "incident.scheduleMaintenance": {
      input: () => ({ title: "Patch", startsAt: api.now() + 1, endsAt: api.now() + 3_600_000 }),
    },
    "incident.status": { input: undefined },
    "incident.subscribe": { input: { email: "watcher@example.com" } },
    "incident.confirmSubscription": { input: { token: "not-a-real-token" } },
    "incident.unsubscribe": { input: { token: "not-a-real-token" } },
    "billing.lines": { input: {} },
    "billing.dispute": { input: () => ({ lineId: fx.line, reason: "Not ours" }), owner: "msg" },
    "billing.myComplaints": { input: undefined },
    "billing.allLines": { input: {} },
    "billing.complaints": { input: {} },
    "billing.answer": {
      input: () => ({ complaintId: fx.complaint, kind: "rejected", reason: "It was yours." }),
    },
    "survey.mine": { input: undefined },
    "survey.byToken": { input: () => ({ token: fx.token }) },
    "survey.answer": { input: () => ({ token: fx.token, score: 5 }) },
    "report.slaCompliance": { input: range },
    "report.backlog": { input: {} },
    "report.volumePerDay": { input: range },
    "report.escalationsByLevel": { input: range },
    "report.satisfaction": { input: range },
    "policy.list": { input: undefined },
    "policy.byId": { input: { id: "messaging-provider" } },
    "policy.simulate": {
      input: () => ({ policyId: "fax-reseller", start: api.now(), impact: "critical", urgency: "high" }),
    },
    "mail.log": { input: {} },
    "mail.outbox": { input: {} },
    "mailbox.list": { input: undefined },
    "mailbox.create": { input: () => ({ ...mailboxFields, secret: "walk-secret" }) },
    "mailbox.update": { input: async () => ({ id: await walkMailbox(api), ...mailboxFields }) },
    "mailbox.remove": { input: async () => ({ id: await walkMailbox(api) }) },
    "mailbox.test": { input: async () => ({ id: await walkMailbox(api) }) },
    "access.byToken": { input: () => ({ token: fx.grantToken }) },
    "access.confirm": { input: () => ({ token: fx.grantToken }) },
    "access.decline": { input: () => ({ token: fx.grantToken }) },
    "access.grants": { input: () => ({ accountId: api.seed.accounts.fax }) },
    "access.revoke": { input: () => ({ id: fx.grant }) },
  };
}

export async function inputOf(sample: Sample): Promise<unknown> {
  return typeof sample.input === "function" ? await (sample.input as () => unknown)() : sample.input;
}

export type Proc = { _def: { meta?: { audience?: Audience; action?: StaffAction }; type: string } };
export const procedures = () => appRouter._def.procedures as unknown as Record<string, Proc>;

export interface Who {
  name: string;
  actor: Actor | null;
}
export function everyone(api: Api): Who[] {
  const a = api.a;
  return [
    { name: "anonymous", actor: null },
    { name: "customer admin (msg)", actor: a.msgAdmin },
    { name: "customer staff (msg)", actor: a.msgStaff },
    { name: "customer of another account (fax)", actor: a.faxAdmin },
    { name: "customer admin (mail)", actor: a.mailAdmin },
    { name: "partner", actor: a.partnerAdmin },
    { name: "delegate (mail)", actor: a.mailDelegate },
    ...(
      ["specialist", "engineer", "manager", "implementation", "consultant", "billing", "admin"] as const
    ).map((k) => ({
      name: `staff ${k}`,
      actor: a[k],
    })),
  ];
}

export async function call(
  api: Api,
  who: Who,
  path: string,
  input: unknown,
): Promise<{ code: string; value?: unknown }> {
  const caller = api.as(who.actor) as unknown as Record<
    string,
    Record<string, (i: unknown) => Promise<unknown>>
  >;
  const [r, p] = path.split(".") as [string, string];
  try {
    const value = await caller[r]?.[p]?.(input);
    return { code: "OK", value };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code };
    throw e;
  }
}
