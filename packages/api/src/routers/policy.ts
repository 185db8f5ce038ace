/**
 * Support policies as data (SPEC §8): read the versions in force, and simulate what a ticket would get —
 * deadlines and the escalation ladder's steps — by asking the domain, never by recomputing rules here.
 */
import { Channel, DomainError, Impact, InquiryType, type Policy, Urgency } from "@helpdesk/domain";
import { addServiceMinutes } from "@helpdesk/domain/calendar";
import { applyTicketEvent, openTicket } from "@helpdesk/domain/ticket";
import { z } from "zod";
import { loadAccount } from "../services/open";
import { activePolicy, allActivePolicies } from "../services/policies";
import { authedProcedure, router, staffCan } from "../trpc";
import { epochMs } from "./inputs";

function summary(p: Policy) {
  return {
    id: p.id,
    name: p.name,
    version: p.version,
    description: p.description,
    ticketIdPrefix: p.ticketIdPrefix,
    languages: p.languages,
    inquiryTypes: p.inquiryTypes,
    classifications: p.classifications.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      inquiryTypes: c.inquiryTypes,
    })),
    priorities: p.priorities.map((x) => ({
      id: x.id,
      name: x.name,
      description: x.description,
      rank: x.rank,
    })),
    defaultPriorityId: p.defaultPriorityId,
    requiredInformation: p.requiredInformation,
    channels: p.channels,
    chargeCategories: p.charging.catalog.map((c) => ({
      id: c.id,
      name: c.name,
      chargeable: c.chargeable,
      explanation: c.explanation,
    })),
    escalationFields: p.escalation.customerFields,
    onBehalfIdentifier: p.partners.onBehalfIdentifier,
    reopen: p.lifecycle.reopen,
  };
}

export const policyRouter = router({
  /** Staff read every policy in force; portal users the one of their account. */
  list: authedProcedure.query(async ({ ctx }) => {
    if (ctx.actor.kind === "customer") {
      const a = await loadAccount(ctx.db, ctx.actor.accountId);
      return [summary(await activePolicy(ctx.db, a.policyId))];
    }
    return (await allActivePolicies(ctx.db)).map(summary);
  }),

  /** The whole policy value, with the assumptions the preset made. */
  byId: staffCan("policy.view")
    .input(z.object({ id: z.string().min(1).max(60) }))
    .query(async ({ ctx, input }) => {
      return activePolicy(ctx.db, input.id);
    }),

  /** What a ticket opened at `start` would get: deadlines and the escalation ladder's times (R-SLA-1/2, R-ESC-1). */
  simulate: staffCan("policy.view")
    .input(
      z.object({
        policyId: z.string().min(1).max(60),
        serviceLevelId: z.string().min(1).max(60).optional(),
        start: epochMs,
        channel: Channel.default("portal"),
        inquiryType: InquiryType.default("incident"),
        impact: Impact.optional(),
        urgency: Urgency.optional(),
        express: z.boolean().default(false),
        is24x7: z.boolean().default(false),
        classificationId: z.string().max(60).optional(),
        priorityId: z.string().max(60).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const policy = await activePolicy(ctx.db, input.policyId);
      const opened = openTicket(
        policy,
        {
          number: `${policy.ticketIdPrefix} 0000000`,
          accountId: "simulation",
          serviceLevelId: input.serviceLevelId,
          contract: { is24x7: input.is24x7, expressAllowed: true },
          channel: input.channel,
          inquiryType: input.inquiryType,
          impact: input.impact,
          urgency: input.urgency,
          express: input.express,
          requestedPriorityId: input.priorityId,
          subject: "Simulation",
          contactId: null,
        },
        input.start,
        ctx.actor,
      );
      if (!opened.ok) throw opened.error;
      let view = opened.value.view;
      let effects = opened.value.effects;
      if (input.classificationId && input.classificationId !== view.classificationId) {
        const triaged = applyTicketEvent(policy, opened.value.snapshot, {
          type: "ticket.triage",
          at: input.start,
          actor: ctx.actor,
          classificationId: input.classificationId,
          priorityId: input.priorityId ?? view.priorityId,
        });
        if (!triaged.ok) throw triaged.error;
        view = triaged.value.view;
        effects = [...effects, ...triaged.value.effects];
      }
      const level = policy.serviceLevels.find((s) => s.id === view.serviceLevelId);
      const calendar = policy.calendars.find((c) => c.id === level?.calendarId);
      if (!calendar) throw new DomainError("INVALID_POLICY", "The service level names no calendar.");
      let t = input.start;
      const steps = policy.escalation.ladder.map((l) => {
        if (l.afterPreviousMinutes === null)
          return { level: l.level, name: l.name, function: l.function, at: null, onRequestOnly: true };
        t = addServiceMinutes(calendar, t, l.afterPreviousMinutes);
        return { level: l.level, name: l.name, function: l.function, at: t, onRequestOnly: false };
      });
      return {
        classificationId: view.classificationId,
        priorityId: view.priorityId,
        serviceLevelId: view.serviceLevelId,
        deadlines: view.deadlines,
        pagesOnCall: effects.some((e) => e.type === "pageOnCall"),
        escalationSteps: steps,
      };
    }),
});
