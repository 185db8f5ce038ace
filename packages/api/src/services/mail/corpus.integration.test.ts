/**
 * R-MAIL-1…4 with R-TKT-1, R-TKT-5, R-ACT-3, R-LC-2: the corpus — real-shaped raw messages from Outlook,
 * Gmail, Apple Mail, Thunderbird, mobile clients, HTML-only mail, legacy charsets, forwarded chains,
 * out-of-office replies in three languages, DSNs from Postfix, Exim and Exchange, spoofed senders and
 * broken input — each through the raw-message pipeline against the database, with its expected outcome
 * from fixtures/expected.json (PGlite, or PostgreSQL with DATABASE_URL_TEST).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { attachments, authorizedContacts, messages, outbox, tickets } from "@helpdesk/db/schema";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, setupApi } from "../../test-support";
import { policyVersion } from "../policies";
import { isBouncing } from "./bounce";
import { MailRefused } from "./parse";
import { receiveRawMail } from "./pipeline";
import type { InboundMailResult } from "./record";
import { recordTicketMailId } from "./thread";

interface Case {
  file: string;
  outcome?: InboundMailResult["outcome"];
  error?: number;
  authentication?: string;
  automatic?: string;
  ticketOf?: string;
  subject?: string;
  subjectMaxLength?: number;
  reason?: string;
  bodyIncludes?: string[];
  bodyExcludes?: string[];
  attachments?: number;
  duplicate?: boolean;
  twice?: boolean;
  statusUnchanged?: boolean;
  bouncing?: string;
  /** a forged bounce marks nothing */
  notBouncing?: string;
  contact?: string;
  recordOut?: { messageId: string; ticketOf: string };
}

const dir = path.join(import.meta.dirname, "fixtures");
const { cases } = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as { cases: Case[] };
const OPTIONS = { supportAddresses: ["support@helpdesk.test"], authservId: "mx.helpdesk.test" };

let api: Api;
const ticketOf = new Map<string, { id: string; number: string }>();

beforeAll(async () => {
  api = await setupApi();
});
afterAll(async () => {
  await api?.close();
});

function raw(file: string): Buffer {
  let text = readFileSync(path.join(dir, `${file}.eml`)).toString("latin1");
  text = text.replace(/\{\{ticket:([^}]+)\}\}/g, (_, key: string) => {
    const t = ticketOf.get(key);
    if (!t) throw new Error(`${file}: fixture ${key} made no ticket before`);
    return t.number;
  });
  return Buffer.from(text, "latin1");
}

async function ticket(id: string) {
  const [t] = await api.db.select().from(tickets).where(eq(tickets.id, id));
  if (!t) throw new Error(`no ticket ${id}`);
  return t;
}

/** The last message written for the mail on its ticket. */
async function lastMessage(ticketId: string) {
  const rows = await api.db
    .select()
    .from(messages)
    .where(eq(messages.ticketId, ticketId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.at(-1);
}

describe("R-MAIL-1…4: the inbound corpus through the pipeline", () => {
  it("has at least 40 raw messages, each with an expected outcome", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    it(`${c.file}: ${c.error ? `refused with ${c.error}` : `${c.outcome}${c.automatic ? ` (${c.automatic})` : ""}`}`, async () => {
      api.advance(60_000);
      if (c.recordOut) {
        const t = ticketOf.get(c.recordOut.ticketOf);
        if (!t) throw new Error("recordOut before its ticket");
        await recordTicketMailId(api.db, c.recordOut.messageId, t.id, "out");
      }
      const bytes = raw(c.file);
      const receive = () => receiveRawMail(api.db, bytes, { source: "pipe" }, { ...OPTIONS, at: api.now() });
      if (c.error) {
        const e = await receive().then(
          () => null,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(MailRefused);
        expect((e as MailRefused).smtpCode).toBe(c.error);
        expect((e as MailRefused).message).toMatch(/\.$/);
        return;
      }
      const target = c.ticketOf ? ticketOf.get(c.ticketOf) : undefined;
      const before = target ? await ticket(target.id) : undefined;
      const pagesBefore = await api.db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(eq(outbox.kind, "page"));
      const out = await receive();

      expect(out.outcome).toBe(c.outcome);
      expect(out.duplicate).toBe(c.duplicate ?? false);
      if (c.authentication) expect(out.authentication).toBe(c.authentication);
      expect(out.automatic).toBe(c.automatic);
      if (c.reason) expect(out.reason).toContain(c.reason);
      if (target) expect(out.ticketId).toBe(target.id);
      if (out.ticketId && !ticketOf.has(c.file))
        ticketOf.set(c.file, { id: out.ticketId, number: out.ticketNumber });
      if (out.outcome === "ignored") expect(out.ticketId).toBe("");

      if (out.ticketId && !out.duplicate) {
        const t = await ticket(out.ticketId);
        if (out.outcome === "opened") {
          // R-TKT-5: email sets no priority and never pages
          expect(t.channel).toBe("email");
          const policy = await policyVersion(api.db, t.policyId, t.policyVersion);
          expect(t.priorityId).toBe(policy.defaultPriorityId);
          const [pagesAfter] = await api.db
            .select({ n: sql<number>`count(*)::int` })
            .from(outbox)
            .where(eq(outbox.kind, "page"));
          expect(pagesAfter?.n).toBe(pagesBefore[0]?.n);
        }
        if (out.outcome === "unmatched") expect(t.accountId).toBeNull();
        if (c.subject) expect(t.subject).toBe(c.subject);
        if (c.subjectMaxLength) expect(t.subject.length).toBeLessThanOrEqual(c.subjectMaxLength);
        if (c.statusUnchanged && before) {
          // R-MAIL-4 / R-LC-2: nothing but the record; state and deadlines as they were
          expect(t.status).toBe(before.status);
          expect(t.nextDeadlineAt).toEqual(before.nextDeadlineAt);
        }
        if (c.contact) {
          const [contact] = await api.db
            .select()
            .from(authorizedContacts)
            .where(eq(authorizedContacts.id, t.contactId ?? ""));
          expect(contact?.email).toBe(c.contact);
        }
        const m = await lastMessage(out.ticketId);
        if (!m) throw new Error("no message");
        if (out.outcome === "recorded") {
          expect(m.visibility).toBe("internal");
          expect(m.authorKind).toBe("system");
        }
        for (const s of c.bodyIncludes ?? []) expect(m.body).toContain(s);
        for (const s of c.bodyExcludes ?? []) expect(m.body).not.toContain(s);
        if (c.attachments !== undefined) {
          const files = await api.db
            .select()
            .from(attachments)
            .where(and(eq(attachments.ticketId, out.ticketId), eq(attachments.messageId, m.id)));
          expect(files).toHaveLength(c.attachments);
        }
      }
      if (c.bouncing) expect(await isBouncing(api.db, c.bouncing.toUpperCase())).toBe(true);
      if (c.notBouncing) expect(await isBouncing(api.db, c.notBouncing)).toBe(false);
      if (c.twice) {
        const again = await receive();
        expect(again).toMatchObject({ duplicate: true, outcome: out.outcome, ticketId: out.ticketId });
      }
    });
  }

  it("R-MAIL-4: automatic mail was never answered and opened no ticket; no customer-reply notice was sent for it", async () => {
    const answers = await api.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'template' in ('requestRefused', 'mailTooLarge')`);
    expect(answers).toHaveLength(0);
  });
});
