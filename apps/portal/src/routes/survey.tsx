import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  cn,
  Field,
  LoadingState,
  Textarea,
} from "@helpdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { useParams } from "react-router";
import { describeError } from "../features/common/api-error";
import { QueryError } from "../features/common/query-error";
import { useTranslation } from "../i18n";
import { trpc, trpcClient } from "../lib/trpc";

const scores = [1, 2, 3, 4, 5] as const;

/** R-SUR-1: the satisfaction survey from the mail link, answered without signing in. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const survey = useQuery({ ...trpc.survey.byToken.queryOptions({ token }), retry: false });
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [missingScore, setMissingScore] = useState(false);
  const answer = useMutation({
    mutationFn: () =>
      trpcClient.survey.answer.mutate({ token, score: score ?? 0, comment: comment.trim() || undefined }),
  });

  if (survey.isPending) return <LoadingState label={t("common.loading")} />;
  if (survey.isError) return <QueryError error={survey.error} onRetry={() => survey.refetch()} />;
  const s = survey.data;
  const done = answer.isSuccess || s.answered;
  const error = answer.error ? describeError(answer.error, t) : null;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("survey.title")}</h1>
        <CardDescription>{t("survey.intro", { number: s.ticketNumber, subject: s.subject })}</CardDescription>
      </CardHeader>
      <CardContent>
        {done ? (
          <Alert tone="success" role="status" title={t("survey.thanksTitle")}>
            {t("survey.thanksBody")}
          </Alert>
        ) : (
          <form
            noValidate
            className="flex flex-col gap-5"
            onSubmit={(e) => {
              e.preventDefault();
              if (score === null) {
                setMissingScore(true);
                return;
              }
              answer.mutate();
            }}
          >
            {error ? (
              <Alert tone="danger" role="alert" title={error.title}>
                {error.message} {error.hint}
              </Alert>
            ) : null}
            <fieldset aria-describedby={missingScore ? "score-error" : undefined}>
              <legend className="mb-2 text-sm font-medium">{t("survey.question")}</legend>
              <div className="flex flex-wrap gap-2">
                {scores.map((n) => (
                  <label
                    key={n}
                    className={cn(
                      "flex min-w-14 cursor-pointer flex-col items-center rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                      score === n
                        ? "border-primary bg-accent text-accent-foreground"
                        : "border-border hover:bg-muted",
                    )}
                  >
                    <input
                      type="radio"
                      name="score"
                      value={n}
                      className="sr-only"
                      checked={score === n}
                      onChange={() => {
                        setScore(n);
                        setMissingScore(false);
                      }}
                    />
                    <span className="text-lg font-semibold">{n}</span>
                    <span className="text-xs">{t(`survey.score.${n}`)}</span>
                  </label>
                ))}
              </div>
              {missingScore ? (
                <p id="score-error" role="alert" className="mt-2 text-sm font-medium text-danger-text">
                  {t("survey.chooseScore")}
                </p>
              ) : null}
            </fieldset>
            <Field
              label={t("survey.comment")}
              help={t("survey.commentHelp")}
              optionalLabel={t("common.optional")}
            >
              <Textarea
                rows={4}
                value={comment}
                maxLength={2000}
                onChange={(e) => setComment(e.target.value)}
              />
            </Field>
            <Button type="submit" loading={answer.isPending} size="lg">
              <CheckCircle2 aria-hidden="true" className="size-4" />
              {t("survey.submit")}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
