import { Alert, Button, Card, CardContent, CardDescription, CardHeader, Field, Input } from "@helpdesk/ui";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { classifySignInError, type SignInProblem } from "../features/auth/sign-in-error";
import { Trans, useTranslation } from "../i18n";
import { signInWithPassword } from "../lib/auth";
import { safeNext } from "../lib/session";

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sign-in (R-ACT-8): a locked login is explained, a wrong password never says whether the address
 * exists, and after a session expiry the person returns to the page (and draft) they left.
 * Plain React state, no form library: this page is in the first download.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const expired = params.get("expired") === "1";
  const reset = params.get("reset") === "1";
  const next = safeNext(params.get("next"));

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const email = (emailRef.current?.value ?? "").trim();
    const password = passwordRef.current?.value ?? "";
    const found: typeof errors = {};
    if (!email) found.email = t("auth.emailRequired");
    else if (!emailPattern.test(email)) found.email = t("auth.emailInvalid");
    if (!password) found.password = t("auth.passwordRequired");
    setErrors(found);
    if (found.email) return emailRef.current?.focus();
    if (found.password) return passwordRef.current?.focus();
    setProblem(null);
    setBusy(true);
    try {
      const result = await signInWithPassword(email, password);
      if (!result.ok) {
        setProblem(classifySignInError(result.error));
        if (passwordRef.current) passwordRef.current.value = "";
        passwordRef.current?.focus();
        return;
      }
    } catch {
      setProblem("network");
      return;
    } finally {
      setBusy(false);
    }
    await queryClient.invalidateQueries();
    navigate(next, { replace: true });
  };

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold">{t("auth.signInTitle")}</h1>
        <CardDescription>{t("auth.signInIntro")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {expired && !problem ? (
            <Alert tone="info" role="status" title={t("auth.expiredTitle")}>
              {t("auth.expiredBody")}
            </Alert>
          ) : null}
          {reset && !problem ? (
            <Alert tone="success" role="status" title={t("auth.resetDoneTitle")}>
              {t("auth.resetDoneBody")}
            </Alert>
          ) : null}
          {problem === "locked" ? (
            <Alert tone="warning" role="alert" title={t("auth.lockedTitle")}>
              <p>{t("auth.lockedBody")}</p>
              <p className="mt-1">{t("auth.lockedResetNote")}</p>
            </Alert>
          ) : null}
          {problem === "invalid" ? (
            <Alert tone="danger" role="alert" title={t("auth.invalidTitle")}>
              <Trans i18nKey="auth.invalidBody" components={{ reset: <Link to="/forgot-password" /> }} />
            </Alert>
          ) : null}
          {problem === "throttled" ? (
            <Alert tone="warning" role="alert" title={t("auth.throttledTitle")}>
              {t("auth.throttledBody")}
            </Alert>
          ) : null}
          {problem === "network" ? (
            <Alert tone="danger" role="alert" title={t("errors.networkTitle")}>
              {t("errors.networkBody")}
            </Alert>
          ) : null}
          <Field label={t("auth.email")} error={errors.email} required requiredLabel={t("common.required")}>
            <Input
              ref={emailRef}
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              defaultValue={params.get("email") ?? ""}
              autoFocus
            />
          </Field>
          <Field
            label={t("auth.password")}
            error={errors.password}
            required
            requiredLabel={t("common.required")}
          >
            <Input ref={passwordRef} name="password" type="password" autoComplete="current-password" />
          </Field>
          <Button type="submit" loading={busy} className="w-full" size="lg">
            {t("auth.signIn")}
          </Button>
          <p className="text-center text-sm">
            <Link to="/forgot-password">{t("auth.forgot")}</Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
