/**
 * R-SUR-1: the signed-in person's unanswered satisfaction surveys, answered in place
 * (the same answer as the mail link's). Shows nothing when there is none.
 */
import { Alert, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from "@helpdesk/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquareHeart } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";
import { ticketPath } from "../../lib/ticket-path";
import { trpc } from "../../lib/trpc";
import { SurveyForm } from "./survey-form";

export function PendingSurveys() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const surveys = useQuery(trpc.survey.mine.queryOptions());
  const [openToken, setOpenToken] = useState<string | null>(null);
  const [thanked, setThanked] = useState(false);
  const items = surveys.data ?? [];
  if (!items.length && !thanked) return null; // never blocks the page; errors are not worth a banner here

  return (
    <Card role="region" aria-labelledby="home-surveys" className="mb-6">
      <CardHeader>
        <CardTitle id="home-surveys">{t("home.surveysTitle")}</CardTitle>
        <CardDescription>{t("home.surveysIntro")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {thanked ? (
          <Alert tone="success" role="status" title={t("survey.thanksTitle")}>
            {t("survey.thanksBody")}
          </Alert>
        ) : null}
        {items.length ? (
          <ul className="divide-y divide-border border-y border-border">
            {items.map((s) => {
              const open = openToken === s.token;
              const formId = `survey-${s.token}`;
              return (
                <li key={s.token} className="flex flex-col gap-3 py-3">
                  <div className="flex flex-wrap items-center gap-3">
                    <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                      <Link to={ticketPath(s.ticketNumber)} className="font-mono text-xs font-medium">
                        {s.ticketNumber}
                      </Link>
                      <span className="truncate font-medium">{s.subject}</span>
                    </div>
                    <Button
                      variant={open ? "ghost" : "outline"}
                      size="sm"
                      aria-expanded={open}
                      aria-controls={open ? formId : undefined}
                      onClick={() => setOpenToken(open ? null : s.token)}
                    >
                      <MessageSquareHeart aria-hidden="true" className="size-4" />
                      {open ? t("home.surveyLater") : t("home.surveyAnswer", { number: s.ticketNumber })}
                    </Button>
                  </div>
                  {open ? (
                    <div id={formId}>
                      <SurveyForm
                        token={s.token}
                        onAnswered={() => {
                          setOpenToken(null);
                          setThanked(true);
                          void queryClient.invalidateQueries({ queryKey: trpc.survey.mine.queryKey() });
                        }}
                      />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
