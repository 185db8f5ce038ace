/**
 * The demo data the server seeds into an empty database, and the fixture the integration tests start
 * from: the three preset policies; one customer account per preset with an admin, a staff user and
 * authorized contacts; a partner with two managed customers (R-ACT-6); a technical delegate (R-ACT-5);
 * staff of every role (R-ACT-7) and an on-call rota. `seedDemo` adds ~200 tickets opened and moved
 * through the domain with a moving clock, so every state and preset is represented, then a few
 * escalations (R-ESC-1) and answered satisfaction surveys (R-SUR-1), so every dashboard has data.
 */
import {
  accounts,
  authAccounts,
  authorizedContacts,
  onCallRota,
  partnerLinks,
  policies,
  surveyAnswers,
  surveyInvitations,
  technicalDelegates,
  tickets,
  users,
} from "@helpdesk/db/schema";
import type { Policy } from "@helpdesk/domain";
import { presets } from "@helpdesk/domain/presets";
import type { Actor, StaffRole, TicketEvent } from "@helpdesk/domain/ticket";
import { hashPassword } from "better-auth/crypto";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "./db";
import { retireDemoMail } from "./seed-mail";
import { openAsCustomer, openAsStaff } from "./services/open";
import { policyVersion } from "./services/policies";
import { type TransitionResult, transition } from "./services/tickets";
import { sweepAll } from "./sweeper";

export const DEMO_PASSWORD = "helpdesk-demo-1";

type CustomerKey =
  | "msgAdmin"
  | "msgStaff"
  | "faxAdmin"
  | "faxStaff"
  | "mailAdmin"
  | "mailStaff"
  | "mailDelegate"
  | "partnerAdmin"
  | "alphaAdmin"
  | "betaAdmin";
type StaffKey = "specialist" | "engineer" | "manager" | "implementation" | "consultant" | "billing" | "admin";

export interface SeedLogin {
  key: string;
  email: string;
  password: string;
  who: string;
}

export interface SeedResult {
  accounts: { msg: string; fax: string; mail: string; partner: string; alpha: string; beta: string };
  actors: Record<CustomerKey | StaffKey, Actor>;
  contacts: Record<string, string>;
  logins: SeedLogin[];
  tickets: number;
}

const ACC = {
  msg: "acc-acme-messaging",
  fax: "acc-lone-star-clinics",
  mail: "acc-boulangerie-dupont",
  partner: "acc-netisp",
  alpha: "acc-client-alpha",
  beta: "acc-client-beta",
} as const;

interface CustomerSpec {
  key: CustomerKey;
  account: string;
  role: "customerAdmin" | "customerStaff";
  first: string;
  last: string;
  email: string;
  phone: string;
  contact: boolean;
}

const customerSpecs: CustomerSpec[] = [
  {
    key: "msgAdmin",
    account: ACC.msg,
    role: "customerAdmin",
    first: "Anna",
    last: "Becker",
    email: "anna.becker@acme-messaging.example",
    phone: "+49 30 1111 001",
    contact: true,
  },
  {
    key: "msgStaff",
    account: ACC.msg,
    role: "customerStaff",
    first: "Jonas",
    last: "Weber",
    email: "jonas.weber@acme-messaging.example",
    phone: "+49 30 1111 002",
    contact: true,
  },
  {
    key: "faxAdmin",
    account: ACC.fax,
    role: "customerAdmin",
    first: "Maria",
    last: "Lopez",
    email: "maria.lopez@lonestar-clinics.example",
    phone: "+1 512 555 0101",
    contact: true,
  },
  {
    key: "faxStaff",
    account: ACC.fax,
    role: "customerStaff",
    first: "Tom",
    last: "Harris",
    email: "tom.harris@lonestar-clinics.example",
    phone: "+1 512 555 0102",
    contact: true,
  },
  {
    key: "mailAdmin",
    account: ACC.mail,
    role: "customerAdmin",
    first: "Claire",
    last: "Dupont",
    email: "claire@boulangerie-dupont.example",
    phone: "+33 1 4000 0001",
    contact: true,
  },
  {
    key: "mailStaff",
    account: ACC.mail,
    role: "customerStaff",
    first: "Luc",
    last: "Martin",
    email: "luc@boulangerie-dupont.example",
    phone: "+33 1 4000 0002",
    contact: true,
  },
  {
    key: "mailDelegate",
    account: ACC.mail,
    role: "customerStaff",
    first: "Delegated",
    last: "Support",
    email: "mc-delegate@itpartner.example",
    phone: "+33 1 4000 0099",
    contact: false,
  },
  {
    key: "partnerAdmin",
    account: ACC.partner,
    role: "customerAdmin",
    first: "Paul",
    last: "Schmidt",
    email: "paul@netisp.example",
    phone: "+49 89 2222 001",
    contact: true,
  },
  {
    key: "alphaAdmin",
    account: ACC.alpha,
    role: "customerAdmin",
    first: "Alice",
    last: "Alpha",
    email: "alice@client-alpha.example",
    phone: "+49 89 3333 001",
    contact: true,
  },
  {
    key: "betaAdmin",
    account: ACC.beta,
    role: "customerAdmin",
    first: "Bob",
    last: "Beta",
    email: "bob@client-beta.example",
    phone: "+49 89 4444 001",
    contact: true,
  },
];

const staffSpecs: { key: StaffKey; name: string; email: string; roles: StaffRole[] }[] = [
  {
    key: "specialist",
    name: "Sam Specialist",
    email: "specialist@helpdesk.example",
    roles: ["supportSpecialist"],
  },
  { key: "engineer", name: "Erin Engineer", email: "engineer@helpdesk.example", roles: ["serviceEngineer"] },
  { key: "manager", name: "Max Manager", email: "manager@helpdesk.example", roles: ["serviceManager"] },
  {
    key: "implementation",
    name: "Ivy Implementation",
    email: "implementation@helpdesk.example",
    roles: ["implementationEngineer"],
  },
  {
    key: "consultant",
    name: "Cody Consultant",
    email: "consultant@helpdesk.example",
    roles: ["technicalConsultant"],
  },
  { key: "billing", name: "Bea Billing", email: "billing@helpdesk.example", roles: ["billing"] },
  { key: "admin", name: "Ada Admin", email: "admin@helpdesk.example", roles: ["administrator"] },
];

const userId = (key: string) => `u-${key}`;
const contactId = (key: string) => `c-${key}`;

/** Policies, accounts, people. Idempotent per empty database only (it inserts fixed ids). */
export async function seedBase(db: Db, opts: { now: number; passwords?: boolean }): Promise<SeedResult> {
  const policyList: Policy[] = Object.values(presets);
  const at = new Date(opts.now);
  await db.transaction(async (tx) => {
    await tx
      .insert(policies)
      .values(
        policyList.map((p) => ({ id: p.id, version: p.version, name: p.name, body: p, createdAt: at })),
      );
    await tx.insert(accounts).values([
      {
        id: ACC.msg,
        customerNumber: "10001",
        name: "Acme Messaging GmbH",
        timeZone: "Europe/Berlin",
        language: "en",
        policyId: "messaging-provider",
        serviceLevelId: "standard",
        contract: { is24x7: false, expressAllowed: true },
      },
      {
        id: ACC.fax,
        customerNumber: "20001",
        name: "Lone Star Clinics",
        timeZone: "America/Chicago",
        language: "en",
        policyId: "fax-reseller",
        serviceLevelId: "premium-24x7",
        contract: { is24x7: true, expressAllowed: false },
      },
      {
        id: ACC.mail,
        customerNumber: "30001",
        name: "Boulangerie Dupont",
        timeZone: "Europe/Paris",
        language: "fr",
        policyId: "mail-filter-vendor",
        serviceLevelId: "standard",
        contract: { is24x7: false, expressAllowed: false },
      },
      {
        id: ACC.partner,
        customerNumber: "30100",
        name: "NetISP AG",
        timeZone: "Europe/Berlin",
        language: "en",
        policyId: "mail-filter-vendor",
        serviceLevelId: "standard",
        isPartner: true,
      },
      {
        id: ACC.alpha,
        customerNumber: "30101",
        name: "Client Alpha",
        timeZone: "Europe/Berlin",
        language: "en",
        policyId: "mail-filter-vendor",
        serviceLevelId: "standard",
        partnerAccountId: ACC.partner,
        onBehalfIdentifier: "203.0.113.10",
      },
      {
        id: ACC.beta,
        customerNumber: "30102",
        name: "Client Beta",
        timeZone: "Europe/Berlin",
        language: "en",
        policyId: "mail-filter-vendor",
        serviceLevelId: "standard",
        partnerAccountId: ACC.partner,
        onBehalfIdentifier: "203.0.113.20",
      },
    ]);
    await tx.insert(partnerLinks).values([
      { partnerAccountId: ACC.partner, customerAccountId: ACC.alpha, customerHasDelegation: false },
      { partnerAccountId: ACC.partner, customerAccountId: ACC.beta, customerHasDelegation: true },
    ]);
    await tx.insert(users).values([
      ...customerSpecs.map((c) => ({
        id: userId(c.key),
        email: c.email,
        name: `${c.first} ${c.last}`,
        emailVerified: true,
        kind: "customer" as const,
        accountId: c.account,
        customerRole: c.role,
        phone: c.phone,
      })),
      ...staffSpecs.map((s) => ({
        id: userId(s.key),
        email: s.email,
        name: s.name,
        emailVerified: true,
        kind: "staff" as const,
        staffRoles: s.roles,
      })),
    ]);
    await tx.insert(authorizedContacts).values([
      ...customerSpecs
        .filter((c) => c.contact)
        .map((c) => ({
          id: contactId(c.key),
          accountId: c.account,
          firstName: c.first,
          lastName: c.last,
          email: c.email,
          phone: c.phone,
          userId: userId(c.key),
        })),
      // contacts without a portal login (they call or write)
      {
        id: contactId("msgOps"),
        accountId: ACC.msg,
        firstName: "Olga",
        lastName: "Ops",
        email: "ops@acme-messaging.example",
        phone: "+49 30 1111 009",
      },
      {
        id: contactId("faxNight"),
        accountId: ACC.fax,
        firstName: "Nina",
        lastName: "Night",
        email: "night@lonestar-clinics.example",
        phone: "+1 512 555 0199",
      },
      {
        id: contactId("mailFormer"),
        accountId: ACC.mail,
        firstName: "Former",
        lastName: "Employee",
        email: "former@boulangerie-dupont.example",
        active: false,
      },
    ]);
    for (const [acc, key] of [
      [ACC.msg, "msgAdmin"],
      [ACC.fax, "faxAdmin"],
      [ACC.mail, "mailAdmin"],
      [ACC.partner, "partnerAdmin"],
      [ACC.alpha, "alphaAdmin"],
      [ACC.beta, "betaAdmin"],
    ] as const)
      await tx
        .update(accounts)
        .set({ primaryContactId: contactId(key) })
        .where(eq(accounts.id, acc));
    await tx.insert(technicalDelegates).values({
      accountId: ACC.mail,
      userId: userId("mailDelegate"),
      aliasEmail: "mc-delegate@itpartner.example",
    });
    await tx.insert(onCallRota).values({
      staffId: userId("engineer"),
      fromAt: new Date(opts.now - 365 * 86_400_000),
      toAt: new Date(opts.now + 365 * 86_400_000),
    });
  });
  if (opts.passwords) {
    // one hash for every demo login (the same password): hashing is deliberately slow
    const hash = await hashPassword(DEMO_PASSWORD);
    await db.insert(authAccounts).values(
      [...customerSpecs.map((c) => c.key), ...staffSpecs.map((s) => s.key)].map((k) => ({
        id: crypto.randomUUID(),
        accountId: userId(k),
        providerId: "credential",
        userId: userId(k),
        password: hash,
      })),
    );
  }

  const actors = {} as Record<CustomerKey | StaffKey, Actor>;
  for (const c of customerSpecs)
    actors[c.key] = { kind: "customer", id: userId(c.key), accountId: c.account, role: c.role };
  for (const s of staffSpecs) actors[s.key] = { kind: "staff", id: userId(s.key), roles: s.roles };
  const contacts: Record<string, string> = {};
  for (const c of customerSpecs) if (c.contact) contacts[c.key] = contactId(c.key);
  contacts.msgOps = contactId("msgOps");
  contacts.faxNight = contactId("faxNight");
  contacts.mailFormer = contactId("mailFormer");
  return {
    accounts: { ...ACC },
    actors,
    contacts,
    logins: [
      ...customerSpecs.map((c) => ({
        key: c.key,
        email: c.email,
        password: DEMO_PASSWORD,
        who: `${c.role === "customerAdmin" ? "customer admin" : "customer staff"}${c.key === "mailDelegate" ? " (technical delegate)" : ""}${c.key === "partnerAdmin" ? " (partner ISP)" : ""}`,
      })),
      ...staffSpecs.map((s) => ({
        key: s.key,
        email: s.email,
        password: DEMO_PASSWORD,
        who: `staff: ${s.roles.join(", ")}`,
      })),
    ],
    tickets: 0,
  };
}

const subjects = [
  "Outgoing faxes stuck in queue",
  "Spam getting through since yesterday",
  "Please add a sender to the blacklist",
  "Delivery report missing for batch",
  "Portal login for new colleague",
  "SMS gateway returns error 503",
  "Quarantine digest not received",
  "Change of billing address",
  "Question about API rate limits",
  "Intermittent timeouts on SMTP relay",
];

/** A small deterministic PRNG, so the demo looks the same on every start. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

/**
 * On an empty database: the base data plus ~`ticketCount` tickets, opened and moved through the domain
 * with a clock that walks forward, ending at `now`. Returns the demo logins to print.
 */
export async function seedDemo(
  db: Db,
  opts: { now: number; ticketCount?: number; passwords?: boolean },
): Promise<SeedResult & { skipped: boolean }> {
  const [existing] = await db.select({ n: count() }).from(accounts);
  if ((existing?.n ?? 0) > 0) return { ...emptyResult(), skipped: true };
  const total = opts.ticketCount ?? 200;
  const start = opts.now - 60 * 86_400_000;
  const base = await seedBase(db, { now: start, passwords: opts.passwords ?? true });
  const rnd = prng(42);
  const openers: CustomerKey[] = [
    "msgAdmin",
    "msgStaff",
    "faxAdmin",
    "faxStaff",
    "mailAdmin",
    "mailStaff",
    "alphaAdmin",
    "betaAdmin",
  ];
  const workers: StaffKey[] = ["specialist", "engineer", "manager"];
  const targets = [
    "new",
    "open",
    "waitingForCustomer",
    "resolved",
    "closed",
    "closed",
    "rejected",
    "open",
  ] as const;
  let made = 0;
  const step = Math.floor((opts.now - start) / (total + 1));
  // draw every random choice first, so the demo is the same however the tickets interleave
  const draws = Array.from({ length: total }, () => [rnd(), rnd(), rnd(), rnd(), rnd()] as const);
  const one = async (i: number) => {
    let t = start + step * i;
    const r = draws[i] ?? [0, 0, 0, 0, 0];
    const who = openers[i % openers.length] as CustomerKey;
    const actor = base.actors[who] as Extract<Actor, { kind: "customer" }>;
    const incident = r[0] < 0.6;
    const impacts = ["critical", "high", "medium", "low"] as const;
    try {
      const opened = await openAsCustomer(
        db,
        actor,
        {
          inquiryType: incident ? "incident" : "serviceRequest",
          impact: impacts[Math.floor(r[1] * 4)] ?? "medium",
          urgency: r[2] < 0.3 ? "high" : "medium",
          subject: `${subjects[i % subjects.length]} (#${i + 1})`,
          description:
            "Since this morning several users report the problem. Impact: the team cannot work normally.",
          information: { customerNumber: "auto", contactPhone: "+00 000 000" },
        },
        t,
      );
      made++;
      const target = targets[Math.floor(r[3] * targets.length)] ?? "open";
      const staff = base.actors[workers[i % workers.length] as StaffKey];
      const plan: ((at: number) => TicketEvent)[] = [];
      if (target !== "new" && target !== "rejected") {
        plan.push((at) => ({ type: "ticket.assign", at, actor: staff, assigneeId: staff.id }));
        plan.push((at) => ({ type: "ticket.reply", at, actor: staff, visibility: "public" }));
      }
      if (target === "waitingForCustomer")
        plan.push((at) => ({ type: "ticket.requestInformation", at, actor: staff }));
      if (target === "resolved" || target === "closed")
        plan.push((at) => ({ type: "ticket.proposeResolution", at, actor: staff }));
      if (target === "closed") {
        const policy = Object.values(presets).find((p) => p.id === opened.row.policyId);
        const category = policy?.charging.catalog[Math.floor(r[4] * (policy?.charging.catalog.length ?? 1))];
        if (category)
          plan.push((at) => ({
            type: "ticket.setChargeCategory",
            at,
            actor: staff,
            categoryId: category.id,
          }));
        plan.push((at) => ({ type: "ticket.confirmResolution", at, actor }));
      }
      if (target === "rejected")
        plan.push((at) => ({
          type: "ticket.reject",
          at,
          actor: staff,
          reason: "outOfScope",
          note: "Not covered.",
        }));
      let loaded = {
        row: opened.row,
        policy: await policyVersion(db, opened.row.policyId, opened.row.policyVersion),
      };
      for (const make of plan) {
        t += Math.floor(step / (plan.length + 1));
        const event = make(t);
        const out = await transition(db, {
          loaded,
          event,
          expectedVersion: loaded.row.version,
          messages:
            event.type === "ticket.reply" ||
            event.type === "ticket.proposeResolution" ||
            event.type === "ticket.requestInformation"
              ? [
                  {
                    authorId: staff.id,
                    authorKind: "staff",
                    authorName: "Support",
                    visibility: "public",
                    channel: "staff",
                    body:
                      event.type === "ticket.proposeResolution"
                        ? "We fixed the configuration; please confirm it works for you."
                        : event.type === "ticket.requestInformation"
                          ? "Could you send us the timestamps of the affected transactions?"
                          : "Thanks, we are looking into it.",
                  },
                ]
              : [],
        }).catch(() => null);
        if (!out) break;
        loaded = { ...loaded, row: out.row };
      }
    } catch {
      // a combination the policy refuses (e.g. a class it does not know) is simply not part of the demo
    }
  };
  // one after the other: the same demo on PGlite and PostgreSQL — ticket numbers decide the survey sample
  // (R-SUR-1), and tickets opened side by side on PostgreSQL took their numbers in a different order each run
  for (let i = 0; i < total; i++) await one(i);
  // after the tickets above, so their numbers and survey invitations stay what they were
  await demoEscalations(db, base, opts.now);
  await demoSurveys(db, base, opts.now);
  // the deadlines that fell due in the demo's past are swept now, so the demo starts up to date, and all
  // the mail of its past is kept as history instead of being sent (the seed sends no mail)
  await sweepAll(db, opts.now);
  await retireDemoMail(db);
  const [n] = await db.select({ n: count() }).from(tickets);
  return { ...base, tickets: n?.n ?? made, skipped: false };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const escalationNotes = [
  "Customer's production is affected; the functional lead should look at it.",
  "Third call from the customer today; needs attention above first line.",
  "Carrier-side problem suspected; escalating for a second opinion.",
];

/**
 * R-ESC-1: support escalates a few unresolved tickets of the presets with a ladder, some weeks, some days,
 * some hours ago. Where the next level fell due meanwhile, the server's sweeper climbs them on its own
 * once it runs (R-ESC-3): the "Escalations by level" chart has several levels.
 */
async function demoEscalations(db: Db, base: SeedResult, now: number) {
  const unresolved = (policyId: string, n: number) =>
    db
      .select()
      .from(tickets)
      .where(and(inArray(tickets.status, ["new", "open"]), eq(tickets.policyId, policyId)))
      .orderBy(asc(tickets.number))
      .limit(n);
  const candidates = [
    ...(await unresolved("messaging-provider", 4)),
    ...(await unresolved("fax-reseller", 2)),
  ];
  // escalated this long before now (at the earliest an hour after the ticket's last change): the older
  // ones have climbed further by the time the sweeper runs
  const ago = [20 * DAY, 6 * DAY, 2 * DAY, 2 * HOUR, 3 * DAY, HOUR];
  for (const [i, row] of candidates.entries()) {
    const at = Math.max(row.updatedAt.getTime() + HOUR, now - (ago[i] ?? HOUR));
    if (at > now) continue;
    const policy = await policyVersion(db, row.policyId, row.policyVersion);
    await transition(db, {
      loaded: { row, policy },
      event: {
        type: "ticket.escalate",
        at,
        actor: base.actors.manager,
        note: escalationNotes[i % escalationNotes.length] ?? "",
      },
      expectedVersion: row.version,
    }).catch(() => null);
  }
}

/** Contacts of the messaging customer who call support and answer its survey (R-SUR-1), with their answer. */
const surveyed = [
  { id: "msgOps", score: 5, comment: "Fixed within the hour, thank you!" },
  {
    id: "msgNoc",
    first: "Noah",
    last: "Netz",
    email: "noc@acme-messaging.example",
    phone: "+49 30 1111 010",
    score: 4,
    comment: "Good answer; the first reply took a while.",
  },
  {
    id: "msgBilling",
    first: "Bettina",
    last: "Buch",
    email: "accounting@acme-messaging.example",
    phone: "+49 30 1111 011",
    score: 2,
    comment: "We had to explain the problem twice.",
  },
] as const;

/**
 * R-SUR-1: contacts of the messaging customer (its policy sends surveys, to a sample of closed tickets, at
 * most once per contact per period) call in service requests that support resolves and the account's
 * admin confirms, until the close invites the contact; each answers. Anna's and Jonas's own invitations
 * from the tickets above stay unanswered (the portal shows them pending).
 */
async function demoSurveys(db: Db, base: SeedResult, now: number) {
  await db.insert(authorizedContacts).values(
    surveyed.flatMap((c) =>
      "email" in c
        ? [
            {
              id: contactId(c.id),
              accountId: ACC.msg,
              firstName: c.first,
              lastName: c.last,
              email: c.email,
              phone: c.phone,
            },
          ]
        : [],
    ),
  );
  const staff = base.actors.specialist as Extract<Actor, { kind: "staff" }>;
  const admin = base.actors.msgAdmin;
  const policy = presets["messaging-provider"];
  const category = policy.charging.catalog.find((c) => !c.chargeable) ?? policy.charging.catalog[0];
  for (const [k, c] of surveyed.entries()) {
    let t = now - (40 - 12 * k) * DAY;
    // the sample decides by the ticket number: a few calls until one of them is sampled
    for (let attempt = 0; attempt < 10; attempt++) {
      const opened = await openAsStaff(
        db,
        staff,
        {
          accountId: ACC.msg,
          contactId: contactId(c.id),
          channel: "phone",
          inquiryType: "serviceRequest",
          subject: `${subjects[(k * 3 + attempt) % subjects.length]} (call)`,
          description: "Called in: please check this for us; the team relies on it.",
          information: { customerNumber: "auto", contactPhone: "+00 000 000" },
        },
        t,
      ).catch(() => null);
      if (!opened) break;
      const steps: ((at: number) => TicketEvent)[] = [
        (at) => ({ type: "ticket.assign", at, actor: staff, assigneeId: staff.id }),
        (at) => ({ type: "ticket.reply", at, actor: staff, visibility: "public" }),
        (at) => ({ type: "ticket.proposeResolution", at, actor: staff }),
        ...(category
          ? [
              (at: number): TicketEvent => ({
                type: "ticket.setChargeCategory",
                at,
                actor: staff,
                categoryId: category.id,
              }),
            ]
          : []),
        (at) => ({ type: "ticket.confirmResolution", at, actor: admin }),
      ];
      let last: TransitionResult = opened;
      const loadedPolicy = await policyVersion(db, opened.row.policyId, opened.row.policyVersion);
      for (const make of steps) {
        t += 2 * HOUR;
        const event = make(t);
        const out = await transition(db, {
          loaded: { row: last.row, policy: loadedPolicy },
          event,
          expectedVersion: last.row.version,
          messages:
            event.type === "ticket.reply" || event.type === "ticket.proposeResolution"
              ? [
                  {
                    authorId: staff.id,
                    authorKind: "staff",
                    authorName: "Support",
                    visibility: "public",
                    channel: "staff",
                    body:
                      event.type === "ticket.reply"
                        ? "Thanks for your call, we are looking into it."
                        : "Done: please check it works for you.",
                  },
                ]
              : [],
        }).catch(() => null);
        if (!out) break;
        last = out;
      }
      t += DAY;
      if (!last.effects.some((e) => e.type === "inviteToSurvey")) continue;
      const [invitation] = await db
        .select({ id: surveyInvitations.id })
        .from(surveyInvitations)
        .where(eq(surveyInvitations.ticketId, opened.row.id));
      if (invitation)
        await db.insert(surveyAnswers).values({
          invitationId: invitation.id,
          score: c.score,
          comment: c.comment,
          answeredAt: new Date(last.row.updatedAt.getTime() + 3 * HOUR),
        });
      break;
    }
  }
}

function emptyResult(): SeedResult {
  return {
    accounts: { ...ACC },
    actors: {} as SeedResult["actors"],
    contacts: {},
    logins: [],
    tickets: 0,
  };
}
