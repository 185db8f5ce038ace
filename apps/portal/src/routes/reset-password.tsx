import { Alert, Button, Card, CardContent, CardDescription, CardHeader, Field, Input } from "@helpdesk/ui";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useTranslation } from "../i18n";
import { loadAuthClient } from "../lib/auth";

interface ResetValues {
  password: string;
  confirm: string;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get("token");
  const linkError = params.get("error");
  const [failed, setFailed] = useState<"expired" | "network" | null>(linkError ? "expired" : null);
  const form = useForm<ResetValues>({ defaultValues: { password: "", confirm: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ password }) => {
    if (!token) return;
    setFailed(null);
    try {
      const { error } = await (await loadAuthClient()).resetPassword({ newPassword: password, token });
      if (error) {
        setFailed(error.status && error.status < 500 ? "expired" : "network");
        return;
      }
      navigate("/sign-in?reset=1", { replace: true });
    } catch {
      setFailed("network");
    }
  });

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("auth.resetTitle")}</h1>
        <CardDescription>{t("auth.resetIntro")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!token || failed === "expired" ? (
          <Alert tone="warning" role="alert" title={t("auth.resetExpiredTitle")}>
            <p>{t("auth.resetExpiredBody")}</p>
            <p className="mt-2">
              <Link to="/forgot-password">{t("auth.requestNewLink")}</Link>
            </p>
          </Alert>
        ) : (
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
            {failed === "network" ? (
              <Alert tone="danger" role="alert" title={t("errors.networkTitle")}>
                {t("errors.networkBody")}
              </Alert>
            ) : null}
            <Alert tone="info">{t("auth.lockedResetNote")}</Alert>
            <Field
              label={t("auth.newPassword")}
              help={t("auth.newPasswordHelp")}
              error={errors.password?.message}
              required
              requiredLabel={t("common.required")}
            >
              <Input
                type="password"
                autoComplete="new-password"
                {...form.register("password", {
                  required: t("auth.passwordRequired"),
                  minLength: { value: 8, message: t("auth.passwordTooShort") },
                })}
              />
            </Field>
            <Field
              label={t("auth.confirmPassword")}
              error={errors.confirm?.message}
              required
              requiredLabel={t("common.required")}
            >
              <Input
                type="password"
                autoComplete="new-password"
                {...form.register("confirm", {
                  validate: (v, all) => v === all.password || t("auth.passwordsDiffer"),
                })}
              />
            </Field>
            <Button type="submit" loading={isSubmitting} size="lg">
              {t("auth.setPassword")}
            </Button>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
