import type { Impact, Policy, Urgency } from "@helpdesk/domain";
import { Card, CardContent, CardHeader, CardTitle, formatDuration, PriorityBadge } from "@helpdesk/ui";
import { useTranslation } from "../../i18n";
import { useLocale } from "../common/use-locale";
import { classify, resolvePriority } from "./domain";
import type { PortalInquiryType } from "./schema";

/** Shows, before submit, the classification and priority the policy will give (and their targets). */
export function ClassificationPreview({
  policy,
  serviceLevelId,
  inquiryType,
  impact,
  urgency,
  express,
  requestedPriorityId,
  expressAllowed,
}: {
  policy: Policy;
  serviceLevelId: string;
  inquiryType: PortalInquiryType;
  impact: Impact | "";
  urgency: Urgency | "";
  express: boolean;
  requestedPriorityId: string;
  expressAllowed: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const classified = classify(policy, {
    inquiryType,
    impact: impact || undefined,
    urgency: urgency || undefined,
    express,
    contract: { expressAllowed },
  });
  const derived = classified.ok ? classified.value.priorityId : null;
  const priority = resolvePriority(policy, "portal", requestedPriorityId || undefined, derived);
  // an incident's class depends on impact and urgency: until both are given, say so instead of guessing
  const waitingForIU = inquiryType === "incident" && (!impact || !urgency);
  const cls =
    !waitingForIU && classified.ok
      ? policy.classifications.find((c) => c.id === classified.value.classificationId)
      : undefined;
  const prio = priority.ok ? policy.priorities.find((p) => p.id === priority.value.priorityId) : undefined;
  const level = policy.serviceLevels.find((s) => s.id === serviceLevelId) ?? policy.serviceLevels[0];
  const target = (kind: "firstResponse" | "resolution") => {
    const tg = level?.[kind];
    const minutes = (cls && tg?.byClassification[cls.id]) ?? (prio && tg?.byPriority[prio.id]);
    return minutes ? formatDuration(minutes * 60_000, { locale }) : null;
  };
  const first = target("firstResponse");
  const resolution = target("resolution");
  return (
    <Card aria-live="polite" data-testid="classification-preview">
      <CardHeader>
        <CardTitle as="h3">{t("newTicket.previewTitle")}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <div>
          <p className="text-muted-foreground">{t("newTicket.classification")}</p>
          {cls ? (
            <>
              <PriorityBadge rank={cls.rank} label={cls.name} />
              {cls.description ? <p className="mt-1 text-muted-foreground">{cls.description}</p> : null}
            </>
          ) : (
            <p>{t("newTicket.classificationPending")}</p>
          )}
        </div>
        <div>
          <p className="text-muted-foreground">{t("newTicket.priority")}</p>
          {prio ? <PriorityBadge rank={prio.rank} label={prio.name} /> : null}
          {prio?.description ? <p className="mt-1 text-muted-foreground">{prio.description}</p> : null}
        </div>
        {first || resolution ? (
          <div>
            <p className="text-muted-foreground">{t("newTicket.targets")}</p>
            {first ? <p>{t("newTicket.firstResponseWithin", { duration: first })}</p> : null}
            {resolution ? <p>{t("newTicket.resolutionWithin", { duration: resolution })}</p> : null}
            <p className="mt-1 text-xs text-muted-foreground">{t("newTicket.serviceTimeNote")}</p>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
