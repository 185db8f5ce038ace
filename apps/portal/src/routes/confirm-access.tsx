import { Alert, Button, Card, CardContent, CardDescription, CardHeader, LoadingState } from "@helpdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { describeError, isInvalidLink } from "../features/common/api-error";
import { InvalidLink } from "../features/common/invalid-link";
import { QueryError } from "../features/common/query-error";
import { useTranslation } from "../i18n";
import { trpc, trpcClient } from "../lib/trpc";

type Grant = Awaited<ReturnType<typeof trpcClient.access.byToken.query>>;

/**
 * R-ACT-4: the account's primary contact confirms or declines a temporary authorization support granted,
 * from the mailed link and without signing in. A link not confirmed in time has lapsed.
 */
export function ConfirmAccessPage() {
  const { t, i18n } = useTranslation();
  const { token = "" } = useParams();
  const grant = useQuery({ ...trpc.access.byToken.queryOptions({ token }), retry: false });
  const [answered, setAnswered] = useState<Grant | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const answer = useMutation({
    mutationFn: (kind: "confirm" | "decline") =>
      kind === "confirm"
        ? trpcClient.access.confirm.mutate({ token })
        : trpcClient.access.decline.mutate({ token }),
    onSuccess: (g) => setAnswered(g),
  });
  // the answer replaces the buttons: move focus to it so keyboard and screen-reader users hear it
  useEffect(() => {
    if (answered) resultRef.current?.focus();
  }, [answered]);

  if (grant.isPending) return <LoadingState label={t("common.loading")} />;
  if (grant.isError && isInvalidLink(grant.error)) return <InvalidLink />;
  if (grant.isError) return <QueryError error={grant.error} onRetry={() => grant.refetch()} />;
  const g = answered ?? grant.data;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" }).format(
    new Date(g.confirmBy),
  );
  const values = { name: g.name, email: g.email, account: g.accountName, date };
  const error = answer.error ? describeError(answer.error, t) : null;

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("accessConfirm.title")}</h1>
        <CardDescription>{t("accessConfirm.intro", values)}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div ref={resultRef} tabIndex={-1} className="flex flex-col gap-4 outline-none">
          {g.state === "confirmed" ? (
            <Alert tone="success" role="status" title={t("accessConfirm.confirmedTitle")}>
              {t("accessConfirm.confirmedBody", values)}
            </Alert>
          ) : g.state === "declined" ? (
            <Alert tone="info" role="status" title={t("accessConfirm.declinedTitle")}>
              {t("accessConfirm.declinedBody", values)}
            </Alert>
          ) : g.state === "lapsed" ? (
            <Alert tone="warning" role="status" title={t("accessConfirm.lapsedTitle")}>
              {t("accessConfirm.lapsedBody", values)}
            </Alert>
          ) : null}
        </div>
        {g.state === "pending" && (
          <section aria-labelledby="access-question" className="flex flex-col gap-4">
            <p className="font-medium">{t("accessConfirm.confirmBy", values)}</p>
            <p id="access-question">{t("accessConfirm.question")}</p>
            {error && (
              <Alert tone="danger" role="alert" title={error.title}>
                {error.message}
              </Alert>
            )}
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button
                loading={answer.isPending && answer.variables === "confirm"}
                disabled={answer.isPending}
                onClick={() => answer.mutate("confirm")}
              >
                {t("accessConfirm.confirm")}
              </Button>
              <Button
                variant="outline"
                loading={answer.isPending && answer.variables === "decline"}
                disabled={answer.isPending}
                onClick={() => answer.mutate("decline")}
              >
                {t("accessConfirm.decline")}
              </Button>
            </div>
          </section>
        )}
      </CardContent>
    </Card>
  );
}
