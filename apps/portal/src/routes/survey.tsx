import { Alert, Card, CardContent, CardDescription, CardHeader, LoadingState } from "@helpdesk/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { isInvalidLink } from "../features/common/api-error";
import { InvalidLink } from "../features/common/invalid-link";
import { QueryError } from "../features/common/query-error";
import { SurveyForm } from "../features/survey/survey-form";
import { useTranslation } from "../i18n";
import { trpc } from "../lib/trpc";

/** R-SUR-1: the satisfaction survey from the mail link, answered without signing in. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const survey = useQuery({ ...trpc.survey.byToken.queryOptions({ token }), retry: false });
  const [answered, setAnswered] = useState(false);

  if (survey.isPending) return <LoadingState label={t("common.loading")} />;
  if (survey.isError && isInvalidLink(survey.error)) return <InvalidLink />;
  if (survey.isError) return <QueryError error={survey.error} onRetry={() => survey.refetch()} />;
  const s = survey.data;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("survey.title")}</h1>
        <CardDescription>{t("survey.intro", { number: s.ticketNumber, subject: s.subject })}</CardDescription>
      </CardHeader>
      <CardContent>
        {answered || s.answered ? (
          <Alert tone="success" role="status" title={t("survey.thanksTitle")}>
            {t("survey.thanksBody")}
          </Alert>
        ) : (
          <SurveyForm token={token} onAnswered={() => setAnswered(true)} />
        )}
      </CardContent>
    </Card>
  );
}
