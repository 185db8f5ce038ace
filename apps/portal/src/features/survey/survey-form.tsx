/** R-SUR-1: the survey's score (1–5) and comment, answered by the invitation's token. */
import { Alert, Button, cn, Field, Textarea } from "@helpdesk/ui";
import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useId, useState } from "react";
import { useTranslation } from "../../i18n";
import { trpcClient } from "../../lib/trpc";
import { describeError } from "../common/api-error";

const scores = [1, 2, 3, 4, 5] as const;

/** Used by the mail-link page and, for the signed-in person, in place on the home page. */
export function SurveyForm({ token, onAnswered }: { token: string; onAnswered?: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const errorId = `${ids}-score-error`;
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [missingScore, setMissingScore] = useState(false);
  const answer = useMutation({
    mutationFn: () =>
      trpcClient.survey.answer.mutate({ token, score: score ?? 0, comment: comment.trim() || undefined }),
    onSuccess: () => onAnswered?.(),
  });
  const error = answer.error ? describeError(answer.error, t) : null;

  return (
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
      <fieldset aria-describedby={missingScore ? errorId : undefined}>
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
                name={`${ids}-score`}
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
          <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-danger-text">
            {t("survey.chooseScore")}
          </p>
        ) : null}
      </fieldset>
      <Field label={t("survey.comment")} help={t("survey.commentHelp")} optionalLabel={t("common.optional")}>
        <Textarea rows={4} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </Field>
      <Button type="submit" loading={answer.isPending} size="lg">
        <CheckCircle2 aria-hidden="true" className="size-4" />
        {t("survey.submit")}
      </Button>
    </form>
  );
}
