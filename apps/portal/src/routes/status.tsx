import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  DateTime,
  EmptyState,
  Field,
  Input,
  LoadingState,
  SanitizedMarkdown,
} from "@helpdesk/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2, Wrench } from "lucide-react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { describeError } from "../features/common/api-error";
import { QueryError } from "../features/common/query-error";
import { useLocale } from "../features/common/use-locale";
import { Brand } from "../features/shell/brand";
import { LanguageSwitcher } from "../features/shell/language-switcher";
import { ThemeSwitcher } from "../features/shell/theme-switcher";
import { formatWindow } from "../features/status/format";
import { useTranslation } from "../i18n";
import { trpc, trpcClient } from "../lib/trpc";

/** R-MI-1: the public status page — current incidents, maintenance, history, subscribe by email. */
export function StatusPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const status = useQuery({ ...trpc.incident.status.queryOptions(), refetchInterval: 60_000 });
  const form = useForm<{ email: string }>({ defaultValues: { email: "" } });
  const subscribe = useMutation({
    mutationFn: (email: string) => trpcClient.incident.subscribe.mutate({ email }),
    onSuccess: () => form.reset(),
  });
  const subError = subscribe.error ? describeError(subscribe.error, t) : null;

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-primary focus:px-4 focus:py-2 focus:text-primary-foreground"
      >
        {t("shell.skip")}
      </a>
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex h-14 max-w-4xl items-center justify-between px-4">
          <Brand to="/" />
          <div className="flex items-center gap-1.5">
            {/* the public page leads back to the portal (sign-in when signed out) */}
            <Link to="/" className="mr-2 text-sm font-medium">
              {t("status.toPortal")}
            </Link>
            <LanguageSwitcher />
            <ThemeSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto flex w-full max-w-4xl flex-1 flex-col gap-6 px-4 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("status.title")}</h1>
          <p className="text-sm text-muted-foreground">{t("status.intro")}</p>
        </div>
        {status.isPending ? (
          <LoadingState label={t("common.loading")} />
        ) : status.isError ? (
          <QueryError error={status.error} onRetry={() => status.refetch()} />
        ) : (
          (() => {
            const active = status.data.incidents.filter((i) => i.status !== "resolved");
            const past = status.data.incidents.filter((i) => i.status === "resolved");
            return (
              <>
                {active.length === 0 ? (
                  <Alert tone="success" role="status" title={t("status.allGood")}>
                    {t("status.allGoodBody")}
                  </Alert>
                ) : (
                  <section aria-labelledby="current-title" className="flex flex-col gap-3">
                    <h2 id="current-title" className="text-lg font-semibold">
                      {t("status.current")}
                    </h2>
                    {active.map((i) => (
                      <IncidentCard key={i.id} incident={i} locale={locale} />
                    ))}
                  </section>
                )}
                <section aria-labelledby="maintenance-title" className="flex flex-col gap-3">
                  <h2 id="maintenance-title" className="text-lg font-semibold">
                    {t("status.maintenance")}
                  </h2>
                  {status.data.maintenance.length === 0 ? (
                    <EmptyState icon={<Wrench className="size-8" />} title={t("status.noMaintenance")} />
                  ) : (
                    status.data.maintenance.map((m) => (
                      <Card key={m.id}>
                        <CardHeader>
                          <CardTitle as="h3">{m.title}</CardTitle>
                          <CardDescription>{formatWindow(m.startsAt, m.endsAt, locale)}</CardDescription>
                        </CardHeader>
                        {m.description ? (
                          <CardContent>
                            <SanitizedMarkdown>{m.description}</SanitizedMarkdown>
                          </CardContent>
                        ) : null}
                      </Card>
                    ))
                  )}
                </section>
                <section aria-labelledby="history-title" className="flex flex-col gap-3">
                  <h2 id="history-title" className="text-lg font-semibold">
                    {t("status.history")}
                  </h2>
                  {past.length === 0 ? (
                    <EmptyState icon={<CheckCircle2 className="size-8" />} title={t("status.noHistory")} />
                  ) : (
                    past.map((i) => <IncidentCard key={i.id} incident={i} locale={locale} />)
                  )}
                </section>
              </>
            );
          })()
        )}
        <Card>
          <CardHeader>
            <CardTitle>{t("status.subscribeTitle")}</CardTitle>
            <CardDescription>{t("status.subscribeIntro")}</CardDescription>
          </CardHeader>
          <CardContent>
            {subscribe.isSuccess ? (
              <Alert tone="success" role="status" title={t("status.subscribed")}>
                {t("status.subscribedBody")}
              </Alert>
            ) : (
              <form
                noValidate
                onSubmit={form.handleSubmit(({ email }) => subscribe.mutate(email.trim()))}
                className="flex flex-col gap-3 sm:flex-row sm:items-end"
              >
                <Field
                  className="flex-1"
                  label={t("auth.email")}
                  error={
                    form.formState.errors.email?.message ??
                    (subError ? `${subError.message} ${subError.hint}` : undefined)
                  }
                  required
                  requiredLabel={t("common.required")}
                >
                  <Input
                    type="email"
                    autoComplete="email"
                    {...form.register("email", {
                      required: t("auth.emailRequired"),
                      pattern: { value: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: t("auth.emailInvalid") },
                    })}
                  />
                </Field>
                <Button type="submit" loading={subscribe.isPending}>
                  {t("status.subscribe")}
                </Button>
              </form>
            )}
          </CardContent>
        </Card>
      </main>
    </div>
  );
}

interface Incident {
  id: string;
  title: string;
  status: string;
  description?: string | null;
  services?: string[];
  startedAt: number;
  resolvedAt?: number | null;
  updates: { id: string; body: string; postedAt: number }[];
}

function IncidentCard({ incident, locale }: { incident: Incident; locale: string }) {
  const { t } = useTranslation();
  const resolved = incident.status === "resolved";
  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle as="h3">{incident.title}</CardTitle>
          <Badge tone={resolved ? "green" : "red"} dot>
            {t(`status.incidentStatus.${incident.status}`, { defaultValue: incident.status })}
          </Badge>
        </div>
        <CardDescription>
          {t("status.since")} <DateTime value={incident.startedAt} locale={locale} />
          {incident.resolvedAt ? (
            <>
              {" · "}
              {t("status.resolvedAt")} <DateTime value={incident.resolvedAt} locale={locale} />
            </>
          ) : null}
          {incident.services?.length ? ` · ${incident.services.join(", ")}` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {incident.description ? (
          <SanitizedMarkdown className="mb-3">{incident.description}</SanitizedMarkdown>
        ) : null}
        {incident.updates.length ? (
          <ol className="flex flex-col gap-3 border-l-2 border-border pl-4">
            {incident.updates.map((u) => (
              <li key={u.id}>
                <DateTime value={u.postedAt} locale={locale} className="text-xs text-muted-foreground" />
                <SanitizedMarkdown>{u.body}</SanitizedMarkdown>
              </li>
            ))}
          </ol>
        ) : null}
      </CardContent>
    </Card>
  );
}
