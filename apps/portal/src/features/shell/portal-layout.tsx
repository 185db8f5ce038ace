import { Alert, AppShell, LoadingState, MenuButton, MenuButtonItem, navLinkClasses } from "@helpdesk/ui";
import { useQueryClient } from "@tanstack/react-query";
import { CreditCard, Home, ListChecks, LogOut, Plus, Settings, UserRound } from "lucide-react";
import { Suspense, useEffect, useRef } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useTranslation } from "../../i18n";
import { signOut as authSignOut } from "../../lib/auth";
import { subscribeUnauthorized } from "../../lib/session";
import { errorCode } from "../../lib/trpc";
import { QueryError } from "../common/query-error";
import { sessionQueryKey, useMeQuery } from "../session/use-me";
import { IncidentBanner } from "../status/incident-banner";
import { Brand } from "./brand";
import { LanguageSwitcher } from "./language-switcher";
import { ThemeSwitcher } from "./theme-switcher";

/** The signed-in frame: checks the session, then shows the nav, the incident banner and the page. */
export function PortalLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const here = `${location.pathname}${location.search}`;
  const hereRef = useRef(here);
  hereRef.current = here;

  // Session expiry while working: go to sign-in and come back here; drafts are in sessionStorage.
  useEffect(
    () =>
      subscribeUnauthorized(() => {
        const next = encodeURIComponent(hereRef.current);
        queryClient.removeQueries({ queryKey: sessionQueryKey });
        navigate(`/sign-in?expired=1&next=${next}`, { replace: true });
      }),
    [navigate, queryClient],
  );

  if (me.isPending) {
    return (
      <div className="mx-auto max-w-3xl p-8">
        <LoadingState label={t("common.loading")} />
      </div>
    );
  }
  if (me.isSignedOut || errorCode(me.error) === "UNAUTHORIZED")
    return <Navigate to={here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  if (me.isStaff)
    return (
      <div className="mx-auto max-w-xl p-8">
        <Alert tone="info" title={t("shell.staffTitle")}>
          <p>{t("shell.staffBody")}</p>
          <p className="mt-2">
            <a href="/console/">{t("shell.staffLink")}</a>
          </p>
        </Alert>
      </div>
    );
  if (me.error || !me.data) {
    return (
      <div className="mx-auto max-w-3xl p-8">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }

  const user = me.data;
  const isAdmin = user.role === "customerAdmin";
  const signOut = async () => {
    await authSignOut().catch(() => undefined);
    queryClient.clear();
    navigate("/sign-in", { replace: true });
  };

  const nav = (
    <>
      <NavLink to="/" end className={({ isActive }) => navLinkClasses(isActive)}>
        <Home aria-hidden="true" className="size-4" />
        {t("nav.home")}
      </NavLink>
      <NavLink to="/tickets" end className={({ isActive }) => navLinkClasses(isActive)}>
        <ListChecks aria-hidden="true" className="size-4" />
        {t("nav.tickets")}
      </NavLink>
      <NavLink to="/tickets/new" className={({ isActive }) => navLinkClasses(isActive)}>
        <Plus aria-hidden="true" className="size-4" />
        {t("nav.newTicket")}
      </NavLink>
      <NavLink to="/billing" className={({ isActive }) => navLinkClasses(isActive)}>
        <CreditCard aria-hidden="true" className="size-4" />
        {t("nav.billing")}
      </NavLink>
      {isAdmin ? (
        <NavLink to="/account" className={({ isActive }) => navLinkClasses(isActive)}>
          <Settings aria-hidden="true" className="size-4" />
          {t("nav.account")}
        </NavLink>
      ) : null}
    </>
  );

  return (
    <AppShell
      brand={<Brand />}
      nav={nav}
      navLabel={t("nav.label")}
      skipLinkLabel={t("shell.skip")}
      menuLabel={t("shell.openMenu")}
      closeMenuLabel={t("shell.closeMenu")}
      banner={<IncidentBanner />}
      actions={
        <>
          <LanguageSwitcher />
          <ThemeSwitcher />
        </>
      }
      userMenu={
        <MenuButton
          label={t("shell.userMenu", { name: user.name })}
          trigger={
            <>
              <UserRound aria-hidden="true" className="size-4" />
              <span className="hidden max-w-40 truncate lg:inline">{user.name}</span>
            </>
          }
        >
          {(close) => (
            <>
              <div className="px-2.5 py-2 text-xs text-muted-foreground">
                <span className="block text-sm font-medium text-foreground">{user.name}</span>
                <span className="block">{user.email}</span>
                <span className="block">
                  {user.account.name} · {t(`roles.${user.role}`)}
                </span>
              </div>
              <div className="my-1 h-px bg-border" />
              <MenuButtonItem
                onClick={() => {
                  close();
                  void signOut();
                }}
              >
                <LogOut aria-hidden="true" className="size-4" />
                {t("auth.signOut")}
              </MenuButtonItem>
            </>
          )}
        </MenuButton>
      }
    >
      <Suspense fallback={<LoadingState label={t("common.loading")} />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
