/**
 * IMAP mailboxes mail is fetched from (R-MAIL-1), for administrators (`mailbox.manage`, R-ACT-7). The
 * secret (password or OAuth2 access token) goes in encrypted under MAIL_SECRET_KEY and never comes out:
 * `list` says only whether one is stored. `test` connects and lists the folder, answering a readable
 * sentence (wrong password, host unreachable, TLS problem, no such folder).
 */
import { mailboxes } from "@helpdesk/db/schema";
import { TRPCError } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { testMailbox } from "../services/mailboxes/connect";
import { decryptSecret, encryptSecret, SecretUnreadable } from "../services/mailboxes/secret";
import { type Context, router, staffCan } from "../trpc";

const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$/;
const FOLDER = z
  .string()
  .trim()
  .min(1, "give a folder name")
  .max(200, "keep the folder name under 200 characters")
  .regex(/^[^\r\n\0*%]+$/, "a folder name cannot hold line breaks, * or %");

const Fields = z.object({
  name: z.string().trim().min(1, "give the mailbox a name").max(100, "keep the name under 100 characters"),
  host: z.string().trim().regex(HOST, "give the IMAP server's host name, e.g. imap.example.com"),
  port: z
    .number()
    .int("the port is a whole number")
    .min(1, "the port is 1–65535")
    .max(65535, "the port is 1–65535"),
  tls: z.boolean(),
  username: z
    .string()
    .trim()
    .min(1, "give the user name")
    .max(200, "keep the user name under 200 characters"),
  auth: z.enum(["password", "oauth2"], { error: "auth is password or oauth2" }),
  folder: FOLDER.default("INBOX"),
  afterAction: z.enum(["move", "flag"], { error: "after processing, move or flag" }),
  moveTo: FOLDER.default("Processed"),
  policyId: z.string().trim().max(60).nullable().default(null),
  enabled: z.boolean().default(true),
});
const Secret = z.string().min(1, "give the password or access token").max(4000, "the secret is too long");
const MailboxId = z.string().trim().min(1, "give a mailbox id").max(100);

function keyOf(ctx: Context): Buffer {
  const key = ctx.services.mailSecretKey;
  if (!key)
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Mailboxes need MAIL_SECRET_KEY on the server to store passwords; ask the operator.",
    });
  return key;
}

async function rowOf(ctx: Context, id: string) {
  const [row] = await ctx.db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such mailbox." });
  return row;
}

/** What staff see of a mailbox: everything but the secret and the lease. */
function view(m: typeof mailboxes.$inferSelect) {
  return {
    id: m.id,
    name: m.name,
    host: m.host,
    port: m.port,
    tls: m.tls,
    username: m.username,
    auth: m.auth,
    hasSecret: m.secretEncrypted.length > 0,
    folder: m.folder,
    afterAction: m.afterAction,
    moveTo: m.moveTo,
    policyId: m.policyId,
    enabled: m.enabled,
    lastFetchAt: m.lastFetchAt?.getTime() ?? null,
    lastError: m.lastError,
    lastErrorAt: m.lastErrorAt?.getTime() ?? null,
    fetchedCount: m.fetchedCount,
    failedCount: m.failedCount,
    pendingRetries: Object.keys(m.retries).length,
  };
}

export const mailboxRouter = router({
  list: staffCan("mailbox.manage").query(async ({ ctx }) => {
    const rows = await ctx.db.select().from(mailboxes).orderBy(asc(mailboxes.name), asc(mailboxes.id));
    return rows.map(view);
  }),

  create: staffCan("mailbox.manage")
    .input(Fields.extend({ secret: Secret }))
    .mutation(async ({ ctx, input }) => {
      const { secret, ...fields } = input;
      const [row] = await ctx.db
        .insert(mailboxes)
        .values({ ...fields, secretEncrypted: encryptSecret(keyOf(ctx), secret) })
        .returning();
      if (!row) throw new Error("mailbox insert returned nothing");
      return view(row);
    }),

  /** `secret` left out or empty keeps the stored one; changing the folder starts its UIDs over */
  update: staffCan("mailbox.manage")
    .input(Fields.extend({ id: MailboxId, secret: z.string().max(4000).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { id, secret, ...fields } = input;
      const before = await rowOf(ctx, id);
      const moved =
        before.host !== fields.host || before.username !== fields.username || before.folder !== fields.folder;
      const [row] = await ctx.db
        .update(mailboxes)
        .set({
          ...fields,
          ...(secret ? { secretEncrypted: encryptSecret(keyOf(ctx), secret) } : {}),
          ...(moved ? { uidValidity: null, lastUid: 0, retries: {} } : {}),
          lastError: null,
          lastErrorAt: null,
        })
        .where(eq(mailboxes.id, id))
        .returning();
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such mailbox." });
      return view(row);
    }),

  remove: staffCan("mailbox.manage")
    .input(z.object({ id: MailboxId }))
    .mutation(async ({ ctx, input }) => {
      const rows = await ctx.db
        .delete(mailboxes)
        .where(eq(mailboxes.id, input.id))
        .returning({ id: mailboxes.id });
      if (rows.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "No such mailbox." });
      return { id: input.id };
    }),

  /**
   * Tries the settings: a saved mailbox (`id`, with the form's changes when given) or an unsaved form.
   * A failure is an answer (`ok: false` and a sentence), not an error.
   */
  test: staffCan("mailbox.manage")
    .input(
      z.union([
        Fields.extend({ id: MailboxId.optional(), secret: z.string().max(4000).optional() }),
        z.object({ id: MailboxId }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const saved = input.id ? await rowOf(ctx, input.id) : null;
      const access = "host" in input ? input : saved;
      if (!access)
        throw new TRPCError({ code: "BAD_REQUEST", message: "Give the mailbox's settings or its id." });
      let secret = "secret" in input && input.secret ? input.secret : undefined;
      if (!secret && saved) {
        try {
          secret = decryptSecret(keyOf(ctx), saved.secretEncrypted);
        } catch (e) {
          if (e instanceof SecretUnreadable) return { ok: false as const, message: e.message };
          throw e;
        }
      }
      if (!secret) return { ok: false as const, message: "Give the password or access token to test with." };
      return testMailbox(access, secret);
    }),
});
