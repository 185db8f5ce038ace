import { Alert, Button, Card, CardContent, CardDescription, CardHeader, Field, Input } from "@helpdesk/ui";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { useTranslation } from "../i18n";
import { loadAuthClient } from "../lib/auth";

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const form = useForm<{ email: string }>({ defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFailed(false);
    try {
      const { error } = await (await loadAuthClient()).requestPasswordReset({
        email: email.trim(),
        redirectTo: "/reset-password",
      });
      // R-ACT-8: the same answer whether the address exists or not; only outages are reported
      if (error && (error.status === undefined || error.status >= 500 || error.status === 429)) {
        setFailed(true);
        return;
      }
      setSent(email.trim());
    } catch {
      setFailed(true);
    }
  });

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("auth.forgotTitle")}</h1>
        <CardDescription>{t("auth.forgotIntro")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {sent ? (
          <Alert tone="success" role="status" title={t("auth.forgotSentTitle")}>
            <p>{t("auth.forgotSentBody", { email: sent })}</p>
            <p className="mt-1">{t("auth.lockedResetNote")}</p>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            {failed ? (
              <Alert tone="danger" role="alert" title={t("errors.networkTitle")}>
                {t("errors.networkBody")}
              </Alert>
            ) : null}
            <Field
              label={t("auth.email")}
              help={t("auth.forgotEmailHelp")}
              error={errors.email?.message}
              required
              requiredLabel={t("common.required")}
            >
              <Input
                type="email"
                autoComplete="username"
                autoFocus
                {...form.register("email", {
                  required: t("auth.emailRequired"),
                  pattern: { value: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: t("auth.emailInvalid") },
                })}
              />
            </Field>
            <Button type="submit" loading={isSubmitting} size="lg">
              {t("auth.sendLink")}
            </Button>
          </form>
        )}
        <p className="text-center text-sm">
          <Link to="/sign-in">{t("auth.backToSignIn")}</Link>
        </p>
      </CardContent>
    </Card>
  );
}
