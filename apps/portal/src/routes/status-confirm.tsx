import { Alert, Button, Card, CardContent, CardHeader, LoadingState } from "@helpdesk/ui";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "../i18n";
import { trpcClient } from "../lib/trpc";

/** R-MI-1: the double opt-in link of a status-page subscription. */
export function StatusConfirmPage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const confirm = useMutation({
    mutationFn: () => trpcClient.incident.confirmSubscription.mutate({ token }),
  });
  const { mutate } = confirm;
  useEffect(() => mutate(), [mutate]);
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("status.confirmTitle")}</h1>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {confirm.isSuccess ? (
          <Alert tone="success" role="status" title={t("status.confirmed")}>
            {t("status.confirmedBody")}
          </Alert>
        ) : confirm.isError ? (
          <Alert tone="warning" role="alert" title={t("status.confirmFailed")}>
            {t("status.confirmFailedBody")}
          </Alert>
        ) : (
          <LoadingState label={t("status.confirming")} lines={1} />
        )}
        <Button asChild variant="outline">
          <Link to="/status">{t("status.backToStatus")}</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
