/**
 * Accounts. Customer admins keep their portal users, authorized contacts and the one technical delegate
 * (R-ACT-2/3/5/8); staff keep accounts, contracts and partner relations (R-ACT-1/6). Another account's
 * people are answered NOT_FOUND.
 */
import { accounts, authorizedContacts, partnerLinks, technicalDelegates, users } from "@helpdesk/db/schema";
import { DomainError } from "@helpdesk/domain";
import { mayAddDelegate } from "@helpdesk/domain/access";
import { and, asc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { deactivateLogin, reactivateLogin, setPassword } from "../auth";
import type { Queryable } from "../db";
import { loadAccount } from "../services/open";
import { activePolicy } from "../services/policies";
import { uniquely } from "../services/unique";
import {
  type Context,
  type CustomerActor,
  customerAdminProcedure,
  customerProcedure,
  router,
  staffCan,
} from "../trpc";
import { email, pageLimit, textId } from "./inputs";

const accountAdmin = staffCan("account.manage");
const loginKeeper = staffCan("login.reactivate");
const accountReader = staffCan("account.view");

const password = z.string().min(8, "use at least 8 characters").max(200);
const name = z.string().trim().min(1).max(200);
const phone = z.string().trim().max(40);

const ContactInput = z.object({
  firstName: z.string().trim().min(1, "give the first name").max(100),
  lastName: z.string().trim().min(1, "give the last name").max(100),
  email,
  phone: phone.optional(),
  mobile: phone.optional(),
});

function userDto(u: typeof users.$inferSelect) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.customerRole,
    phone: u.phone,
    active: u.active,
    deactivatedReason: u.deactivatedReason,
    createdAt: u.createdAt.getTime(),
  };
}

function contactDto(c: typeof authorizedContacts.$inferSelect) {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    mobile: c.mobile,
    active: c.active,
    userId: c.userId,
  };
}

function accountDto(a: typeof accounts.$inferSelect) {
  return {
    id: a.id,
    customerNumber: a.customerNumber,
    name: a.name,
    timeZone: a.timeZone,
    language: a.language,
    policyId: a.policyId,
    serviceLevelId: a.serviceLevelId,
    contract: a.contract,
    isPartner: a.isPartner,
    partnerAccountId: a.partnerAccountId,
    onBehalfIdentifier: a.onBehalfIdentifier,
    primaryContactId: a.primaryContactId,
    active: a.active,
  };
}

/** A portal user of the caller's own account, or NOT_FOUND. */
async function ownUser(db: Queryable, actor: CustomerActor, userId: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.accountId, actor.accountId), eq(users.kind, "customer")));
  if (!u) throw new DomainError("NOT_FOUND", "No such user in your account.");
  return u;
}

async function ownContact(db: Queryable, actor: CustomerActor, contactId: string) {
  const [c] = await db
    .select()
    .from(authorizedContacts)
    .where(and(eq(authorizedContacts.id, contactId), eq(authorizedContacts.accountId, actor.accountId)));
  if (!c) throw new DomainError("NOT_FOUND", "No such contact in your account.");
  return c;
}

const conflict = (message: string, path: string) =>
  new DomainError("CONFLICT", message, { issues: [{ path: [path], message }] });

async function setContactActive(ctx: Context & { actor: CustomerActor }, id: string, active: boolean) {
  await ownContact(ctx.db, ctx.actor, id);
  const [c] = await ctx.db
    .update(authorizedContacts)
    .set({ active, updatedAt: new Date(ctx.clock.now()) })
    .where(eq(authorizedContacts.id, id))
    .returning();
  if (!c) throw new DomainError("NOT_FOUND", "No such contact in your account.");
  return contactDto(c);
}

export const accountRouter = router({
  // ---------------------------------------------------------------- customer: their own account
  mine: customerProcedure.query(async ({ ctx }) => {
    const a = await loadAccount(ctx.db, ctx.actor.accountId);
    const policy = await activePolicy(ctx.db, a.policyId);
    return {
      ...accountDto(a),
      policyName: policy.name,
      languages: policy.languages,
      partnerIdentifier: a.isPartner ? policy.partners.onBehalfIdentifier : null,
    };
  }),

  users: customerAdminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(users)
      .where(and(eq(users.accountId, ctx.actor.accountId), eq(users.kind, "customer")))
      .orderBy(asc(users.name));
    return rows.map(userDto);
  }),

  /** R-ACT-2 */
  createUser: customerAdminProcedure
    .input(
      z.object({
        email,
        name,
        role: z.enum(["customerAdmin", "customerStaff"]),
        password: password.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // R-SEC-2: the unique address is the database's to hold; a taken one is a CONFLICT naming the field
      const [u] = await uniquely(() =>
        ctx.db
          .insert(users)
          .values({
            email: input.email,
            name: input.name,
            kind: "customer",
            accountId: ctx.actor.accountId,
            customerRole: input.role,
          })
          .returning(),
      );
      if (!u) throw new Error("insert returned nothing");
      if (input.password) await setPassword(ctx.db, u.id, input.password);
      return userDto(u);
    }),

  deactivateUser: customerAdminProcedure
    .input(z.object({ userId: textId }))
    .mutation(async ({ ctx, input }) => {
      await ownUser(ctx.db, ctx.actor, input.userId);
      if (input.userId === ctx.actor.id) throw conflict("You cannot deactivate your own login.", "userId");
      await deactivateLogin(ctx.db, input.userId);
      return userDto(await ownUser(ctx.db, ctx.actor, input.userId));
    }),

  /** R-ACT-8: a locked login is reactivated by an account admin (a password reset does not). */
  reactivateUser: customerAdminProcedure
    .input(z.object({ userId: textId }))
    .mutation(async ({ ctx, input }) => {
      await ownUser(ctx.db, ctx.actor, input.userId);
      await reactivateLogin(ctx.db, input.userId, ctx.actor);
      return userDto(await ownUser(ctx.db, ctx.actor, input.userId));
    }),

  setUserRole: customerAdminProcedure
    .input(z.object({ userId: textId, role: z.enum(["customerAdmin", "customerStaff"]) }))
    .mutation(async ({ ctx, input }) => {
      await ownUser(ctx.db, ctx.actor, input.userId);
      if (input.userId === ctx.actor.id && input.role !== "customerAdmin")
        throw conflict("You cannot take your own admin role; ask another admin.", "role");
      const [u] = await ctx.db
        .update(users)
        .set({ customerRole: input.role })
        .where(eq(users.id, input.userId))
        .returning();
      if (!u) throw new DomainError("NOT_FOUND", "No such user in your account.");
      return userDto(u);
    }),

  /** R-ACT-3: authorized support contacts (any portal user may see who they are). */
  contacts: customerProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(authorizedContacts)
      .where(eq(authorizedContacts.accountId, ctx.actor.accountId))
      .orderBy(asc(authorizedContacts.lastName), asc(authorizedContacts.firstName));
    return rows.map(contactDto);
  }),

  createContact: customerAdminProcedure.input(ContactInput).mutation(async ({ ctx, input }) => {
    const [linked] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(sql`lower(${users.email})`, input.email.toLowerCase()),
          eq(users.accountId, ctx.actor.accountId),
        ),
      );
    const [c] = await uniquely(() =>
      ctx.db
        .insert(authorizedContacts)
        .values({ ...input, accountId: ctx.actor.accountId, userId: linked?.id ?? null })
        .returning(),
    );
    if (!c) throw new Error("insert returned nothing");
    return contactDto(c);
  }),

  updateContact: customerAdminProcedure
    .input(ContactInput.partial().extend({ id: textId }))
    .mutation(async ({ ctx, input }) => {
      await ownContact(ctx.db, ctx.actor, input.id);
      const { id, ...patch } = input;
      const [c] = await uniquely(() =>
        ctx.db
          .update(authorizedContacts)
          .set({ ...patch, updatedAt: new Date(ctx.clock.now()) })
          .where(eq(authorizedContacts.id, id))
          .returning(),
      );
      if (!c) throw new DomainError("NOT_FOUND", "No such contact in your account.");
      return contactDto(c);
    }),

  deactivateContact: customerAdminProcedure
    .input(z.object({ id: textId }))
    .mutation(({ ctx, input }) => setContactActive(ctx, input.id, false)),
  reactivateContact: customerAdminProcedure
    .input(z.object({ id: textId }))
    .mutation(({ ctx, input }) => setContactActive(ctx, input.id, true)),

  /** R-ACT-5: at most the policy's number (one) of technical delegates, behind an email alias. */
  delegate: customerAdminProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select({ d: technicalDelegates, u: users })
      .from(technicalDelegates)
      .innerJoin(users, eq(users.id, technicalDelegates.userId))
      .where(eq(technicalDelegates.accountId, ctx.actor.accountId));
    return rows.map((r) => ({ id: r.d.id, aliasEmail: r.d.aliasEmail, user: userDto(r.u) }));
  }),

  setDelegate: customerAdminProcedure
    .input(z.object({ aliasEmail: email, name, password: password.optional() }))
    .mutation(async ({ ctx, input }) => {
      const out = await ctx.db.transaction(async (tx) => {
        // R-SEC-2: the account is locked while the domain is asked, so concurrent requests queue here; the
        // unique index on technical_delegates(account_id) holds the rule whatever happens
        const [account] = await tx
          .select()
          .from(accounts)
          .where(eq(accounts.id, ctx.actor.accountId))
          .for("no key update");
        if (!account) throw new DomainError("NOT_FOUND", "No such account.");
        const policy = await activePolicy(tx, account.policyId);
        const existing = await tx
          .select({ id: technicalDelegates.id })
          .from(technicalDelegates)
          .where(eq(technicalDelegates.accountId, account.id));
        // R-ACT-5: the domain decides
        const allowed = mayAddDelegate(policy, existing.length);
        if (!allowed.ok) throw allowed.error;
        const [u] = await uniquely(
          () =>
            tx
              .insert(users)
              .values({
                email: input.aliasEmail,
                name: input.name,
                kind: "customer",
                accountId: account.id,
                customerRole: "customerStaff",
              })
              .returning(),
          { path: "aliasEmail" },
        );
        if (!u) throw new Error("insert returned nothing");
        const [d] = await uniquely(() =>
          tx
            .insert(technicalDelegates)
            .values({ accountId: account.id, userId: u.id, aliasEmail: input.aliasEmail })
            .returning(),
        );
        return { u, d };
      });
      if (input.password) await setPassword(ctx.db, out.u.id, input.password);
      return { id: out.d?.id ?? "", aliasEmail: input.aliasEmail, user: userDto(out.u) };
    }),

  removeDelegate: customerAdminProcedure.input(z.object({ id: textId })).mutation(async ({ ctx, input }) => {
    const [d] = await ctx.db
      .select()
      .from(technicalDelegates)
      .where(and(eq(technicalDelegates.id, input.id), eq(technicalDelegates.accountId, ctx.actor.accountId)));
    if (!d) throw new DomainError("NOT_FOUND", "No such delegate in your account.");
    await deactivateLogin(ctx.db, d.userId, "delegateRemoved");
    await ctx.db.delete(technicalDelegates).where(eq(technicalDelegates.id, d.id));
    return { removed: true };
  }),

  // ---------------------------------------------------------------- staff: accounts and contracts
  list: accountReader
    .input(
      z.object({
        search: z.string().trim().max(200).optional(),
        limit: pageLimit,
        offset: z.number().int().min(0).max(1_000_000).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where: SQL[] = [];
      if (input.search) {
        const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(or(ilike(accounts.name, like), ilike(accounts.customerNumber, like)) as SQL);
      }
      const rows = await ctx.db
        .select()
        .from(accounts)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(accounts.name))
        .limit(input.limit)
        .offset(input.offset);
      return rows.map(accountDto);
    }),

  byId: accountReader.input(z.object({ id: textId })).query(async ({ ctx, input }) => {
    const a = await loadAccount(ctx.db, input.id);
    const [contacts, people, links, managed] = await Promise.all([
      ctx.db.select().from(authorizedContacts).where(eq(authorizedContacts.accountId, a.id)),
      ctx.db.select().from(users).where(eq(users.accountId, a.id)),
      ctx.db.select().from(partnerLinks).where(eq(partnerLinks.customerAccountId, a.id)),
      ctx.db.select().from(partnerLinks).where(eq(partnerLinks.partnerAccountId, a.id)),
    ]);
    return {
      ...accountDto(a),
      contacts: contacts.map(contactDto),
      users: people.map(userDto),
      partners: links.map((l) => ({
        partnerAccountId: l.partnerAccountId,
        customerHasDelegation: l.customerHasDelegation,
      })),
      managedAccounts: managed.map((l) => ({
        customerAccountId: l.customerAccountId,
        customerHasDelegation: l.customerHasDelegation,
      })),
    };
  }),

  create: accountAdmin
    .input(
      z.object({
        customerNumber: z.string().trim().min(1).max(40),
        name,
        timeZone: z.string().trim().min(1).max(60).default("UTC"),
        language: z
          .string()
          .regex(/^[a-z]{2}$/)
          .default("en"),
        policyId: z.string().min(1).max(60),
        serviceLevelId: z.string().min(1).max(60),
        contract: z.object({ is24x7: z.boolean(), expressAllowed: z.boolean() }),
        isPartner: z.boolean().default(false),
        onBehalfIdentifier: z.string().trim().max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const policy = await activePolicy(ctx.db, input.policyId);
      if (!policy.serviceLevels.some((s) => s.id === input.serviceLevelId))
        throw new DomainError("INVALID_INPUT", "Pick a service level of that policy.", {
          issues: [
            {
              path: ["serviceLevelId"],
              message: `no service level '${input.serviceLevelId}' in ${policy.name}`,
            },
          ],
        });
      if (!isValidZone(input.timeZone))
        throw new DomainError("INVALID_INPUT", "Pick an IANA time zone.", {
          issues: [{ path: ["timeZone"], message: "not an IANA time zone" }],
        });
      const [a] = await uniquely(() => ctx.db.insert(accounts).values(input).returning());
      if (!a) throw new Error("insert returned nothing");
      return accountDto(a);
    }),

  /** R-ACT-1: contract and service level. */
  updateContract: accountAdmin
    .input(
      z.object({
        id: textId,
        serviceLevelId: z.string().min(1).max(60).optional(),
        contract: z.object({ is24x7: z.boolean(), expressAllowed: z.boolean() }).optional(),
        active: z.boolean().optional(),
        primaryContactId: textId.nullable().optional(),
        onBehalfIdentifier: z.string().trim().max(200).nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const a = await loadAccount(ctx.db, input.id);
      if (input.serviceLevelId) {
        const policy = await activePolicy(ctx.db, a.policyId);
        if (!policy.serviceLevels.some((s) => s.id === input.serviceLevelId))
          throw new DomainError("INVALID_INPUT", "Pick a service level of the account's policy.", {
            issues: [{ path: ["serviceLevelId"], message: "no such service level" }],
          });
      }
      if (input.primaryContactId) {
        const [c] = await ctx.db
          .select({ id: authorizedContacts.id })
          .from(authorizedContacts)
          .where(
            and(eq(authorizedContacts.id, input.primaryContactId), eq(authorizedContacts.accountId, a.id)),
          );
        if (!c)
          throw new DomainError("INVALID_INPUT", "Pick a contact of this account.", {
            issues: [{ path: ["primaryContactId"], message: "no such contact" }],
          });
      }
      const { id, ...patch } = input;
      const [u] = await ctx.db
        .update(accounts)
        .set({ ...patch, updatedAt: new Date(ctx.clock.now()) })
        .where(eq(accounts.id, id))
        .returning();
      if (!u) throw new DomainError("NOT_FOUND", "No such account.");
      return accountDto(u);
    }),

  /** R-ACT-6 */
  linkPartner: accountAdmin
    .input(
      z.object({
        partnerAccountId: textId,
        customerAccountId: textId,
        customerHasDelegation: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const partner = await loadAccount(ctx.db, input.partnerAccountId);
      await loadAccount(ctx.db, input.customerAccountId);
      if (!partner.isPartner)
        throw new DomainError("INVALID_INPUT", "That account is not a partner.", {
          issues: [{ path: ["partnerAccountId"], message: "not a partner account" }],
        });
      if (input.partnerAccountId === input.customerAccountId)
        throw new DomainError("INVALID_INPUT", "A partner cannot manage itself.", {
          issues: [{ path: ["customerAccountId"], message: "same as the partner" }],
        });
      await ctx.db
        .insert(partnerLinks)
        .values(input)
        .onConflictDoUpdate({
          target: [partnerLinks.partnerAccountId, partnerLinks.customerAccountId],
          set: { customerHasDelegation: input.customerHasDelegation },
        });
      await ctx.db
        .update(accounts)
        .set({ partnerAccountId: input.partnerAccountId })
        .where(eq(accounts.id, input.customerAccountId));
      return { linked: true };
    }),

  unlinkPartner: accountAdmin
    .input(z.object({ partnerAccountId: textId, customerAccountId: textId }))
    .mutation(async ({ ctx, input }) => {
      const gone = await ctx.db
        .delete(partnerLinks)
        .where(
          and(
            eq(partnerLinks.partnerAccountId, input.partnerAccountId),
            eq(partnerLinks.customerAccountId, input.customerAccountId),
          ),
        )
        .returning();
      if (!gone.length) throw new DomainError("NOT_FOUND", "No such partner relation.");
      await ctx.db
        .update(accounts)
        .set({ partnerAccountId: null })
        .where(
          and(
            eq(accounts.id, input.customerAccountId),
            eq(accounts.partnerAccountId, input.partnerAccountId),
          ),
        );
      return { unlinked: true };
    }),

  /** R-ACT-8: staff may reactivate a locked customer login too. */
  reactivateLogin: loginKeeper.input(z.object({ userId: textId })).mutation(async ({ ctx, input }) => {
    const [u] = await ctx.db
      .select({ id: users.id, kind: users.kind })
      .from(users)
      .where(eq(users.id, input.userId));
    if (u?.kind !== "customer") throw new DomainError("NOT_FOUND", "No such customer login.");
    await reactivateLogin(ctx.db, input.userId, ctx.actor);
    return { reactivated: true };
  }),
});

function isValidZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
