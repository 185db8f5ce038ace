import type { Policy } from "@helpdesk/domain";
import { Button } from "@helpdesk/ui";
import { CheckCircle2, Clock, RotateCcw, Scale, ThumbsDown } from "lucide-react";
import { useTranslation } from "../../i18n";
import { trpcClient } from "../../lib/trpc";
import type { Me } from "../session/use-me";
import { EscalateDialog, type EscalationValues } from "./escalate-dialog";
import { TextDialog } from "./text-dialog";
import { useTicketAction } from "./use-ticket-action";

type EventType = string;

/**
 * Only the actions the domain allows now (`allowedEvents`, STYLE "Apps": ask the domain, do not
 * re-implement its rules): confirm / object / more time in resolved (R-LC-4), reopen (R-LC-7),
 * escalate (R-ESC-2), ask for reclassification (R-TKT-3).
 */
export function TicketActions({
  ticket,
  allowed,
  policy,
  me,
}: {
  ticket: { id: string; number: string; version: number };
  allowed: EventType[];
  policy: Policy;
  me: Me;
}) {
  const { t } = useTranslation();
  const ref = { id: ticket.id, expectedVersion: ticket.version };
  const can = (e: string) => allowed.includes(e);
  const confirm = useTicketAction(ticket.id, () => trpcClient.ticket.confirm.mutate(ref), {
    success: t("ticket.done.confirm"),
  });
  const object = useTicketAction(
    ticket.id,
    (reason: string) => trpcClient.ticket.object.mutate({ ...ref, reason: reason || undefined }),
    { success: t("ticket.done.object") },
  );
  const moreTime = useTicketAction(ticket.id, () => trpcClient.ticket.moreTime.mutate(ref), {
    success: t("ticket.done.moreTime", { days: policy.lifecycle.moreTimeDays }),
  });
  const reopen = useTicketAction(ticket.id, () => trpcClient.ticket.reopen.mutate(ref), {
    success: t("ticket.done.reopen"),
  });
  const reclassify = useTicketAction(
    ticket.id,
    (reason: string) => trpcClient.ticket.requestReclassification.mutate({ ...ref, reason }),
    { success: t("ticket.done.reclassify") },
  );
  const escalate = useTicketAction(
    ticket.id,
    (v: EscalationValues & { ticketNumberList: string[] }) =>
      trpcClient.ticket.escalate.mutate({
        ...ref,
        companyName: v.companyName.trim(),
        callerName: v.callerName.trim(),
        callerPhone: v.callerPhone.trim(),
        ticketNumbers: v.ticketNumberList,
        supportDescription: v.supportDescription
          ? { kind: v.supportDescription, text: v.supportDetails.trim() || undefined }
          : undefined,
        requestedAction: v.requestedAction.trim(),
      }),
    { success: t("ticket.done.escalate") },
  );
  const ok = async (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );

  const resolvedActions =
    can("ticket.confirmResolution") || can("ticket.objectResolution") || can("ticket.requestMoreTime");
  const any =
    resolvedActions ||
    can("ticket.reopen") ||
    can("ticket.escalate") ||
    can("ticket.requestReclassification");
  if (!any) return null;
  return (
    <div className="flex flex-col gap-3" data-testid="ticket-actions">
      {resolvedActions ? (
        <div className="flex flex-wrap gap-2">
          {can("ticket.confirmResolution") ? (
            <Button onClick={() => confirm.mutate(undefined)} loading={confirm.isPending}>
              <CheckCircle2 aria-hidden="true" className="size-4" />
              {t("ticket.actions.confirm")}
            </Button>
          ) : null}
          {can("ticket.objectResolution") ? (
            <TextDialog
              trigger={
                <Button variant="outline">
                  <ThumbsDown aria-hidden="true" className="size-4" />
                  {t("ticket.actions.object")}
                </Button>
              }
              title={t("ticket.object.title")}
              description={t("ticket.object.intro")}
              label={t("ticket.object.label")}
              help={t("ticket.object.help")}
              required={false}
              submitLabel={t("ticket.object.submit")}
              draftKey={`object:${ticket.id}`}
              pending={object.isPending}
              onSubmit={(text) => ok(object.mutateAsync(text))}
            />
          ) : null}
          {can("ticket.requestMoreTime") ? (
            <Button variant="outline" onClick={() => moreTime.mutate(undefined)} loading={moreTime.isPending}>
              <Clock aria-hidden="true" className="size-4" />
              {t("ticket.actions.moreTime")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {can("ticket.reopen") ? (
          <Button variant="outline" onClick={() => reopen.mutate(undefined)} loading={reopen.isPending}>
            <RotateCcw aria-hidden="true" className="size-4" />
            {t("ticket.actions.reopen")}
          </Button>
        ) : null}
        {can("ticket.escalate") ? (
          <EscalateDialog
            policy={policy}
            ticketId={ticket.id}
            defaults={{
              companyName: me.account.name,
              callerName: me.name,
              callerPhone: me.phone ?? "",
              ticketNumbers: ticket.number,
            }}
            pending={escalate.isPending}
            onSubmit={(v) => ok(escalate.mutateAsync(v))}
          />
        ) : null}
        {can("ticket.requestReclassification") ? (
          <TextDialog
            trigger={
              <Button variant="ghost">
                <Scale aria-hidden="true" className="size-4" />
                {t("ticket.actions.reclassify")}
              </Button>
            }
            title={t("ticket.reclassify.title")}
            description={t("ticket.reclassify.intro")}
            label={t("ticket.reclassify.label")}
            required
            submitLabel={t("ticket.reclassify.submit")}
            draftKey={`reclassify:${ticket.id}`}
            pending={reclassify.isPending}
            onSubmit={(text) => ok(reclassify.mutateAsync(text))}
          />
        ) : null}
      </div>
    </div>
  );
}
