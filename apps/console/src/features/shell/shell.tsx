/**
 * The signed-in frame: sidebar navigation filtered by role (R-ACT-7), the command palette, toasts,
 * g-prefixed shortcuts, and the outlet for pages. Signed-out visitors go to /sign-in.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Headset, LogOut, Moon, Search, Sun } from "lucide-react";
import { Suspense, useEffect, useRef, useState } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate, useNavigation } from "react-router";
import { Toaster } from "sonner";
import { PageSkeleton } from "../../components/states";
import { signOut } from "../../lib/auth";
import { useHotkeys } from "../../lib/keys";
import { canSee, homeFor, roleLabels, type Section } from "../../lib/roles";
import { currentTheme, toggleTheme } from "../../lib/theme";
import { errorMessage, trpcErrorCode } from "../../lib/trpc";
import { MeContext, useMeQuery } from "../session/session";
import { CommandPalette } from "./command-palette";
import { navItems } from "./nav";

const sectionOf = (pathname: string): Section | null => {
  const first = pathname.split("/")[1] ?? "";
  if (first === "" || first === "tickets") return "queue";
  const item = navItems.find((n) => n.to === `/${first}`);
  return item ? item.section : null;
};

export function Shell() {
  const me = useMeQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const queryClient = useQueryClient();
  const [theme, setThemeState] = useState(currentTheme);
  const gPressed = useRef(0);

  useEffect(() => {
    const onUnauthorized = () => navigate(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
    window.addEventListener("helpdesk:unauthorized", onUnauthorized);
    return () => window.removeEventListener("helpdesk:unauthorized", onUnauthorized);
  }, [navigate, location.pathname]);

  const roles = me.data?.roles ?? [];
  useHotkeys((key, e) => {
    if (key === "g") {
      gPressed.current = Date.now();
      return;
    }
    if (Date.now() - gPressed.current < 1200) {
      gPressed.current = 0;
      const item = navItems.find((n) => n.key === key && canSee(roles, n.section));
      if (item) {
        e.preventDefault();
        navigate(item.to);
      }
      return;
    }
    if (key === "?") window.dispatchEvent(new Event("helpdesk:palette"));
  }, Boolean(me.data));

  const doSignOut = async () => {
    await signOut().catch(() => undefined);
    queryClient.clear();
    navigate("/sign-in");
  };

  if (me.isPending) return <PageSkeleton label="Loading your workspace…" />;
  if (me.isError) {
    const code = trpcErrorCode(me.error);
    if (code === "UNAUTHORIZED")
      return (
        <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
      );
    if (code === "FORBIDDEN")
      return (
        <CenteredMessage title="This console is for support staff">
          You are signed in with a customer login. Use the customer portal at <a href="/">/</a>, or{" "}
          <button type="button" className="text-link underline" onClick={doSignOut}>
            sign out
          </button>{" "}
          and sign in with your staff account.
        </CenteredMessage>
      );
    return (
      <CenteredMessage title="The console could not load">
        {errorMessage(me.error)}{" "}
        <button type="button" className="text-link underline" onClick={() => me.refetch()}>
          Try again
        </button>
      </CenteredMessage>
    );
  }

  const section = sectionOf(location.pathname);
  const allowed = section === null || canSee(roles, section);

  return (
    <MeContext.Provider value={me.data}>
      <div className="flex h-screen min-w-[1280px] overflow-hidden bg-background text-foreground">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-card focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <aside className="flex w-56 shrink-0 flex-col border-r border-border bg-card" aria-label="Main">
          <div className="flex items-center gap-2 px-4 py-4 font-semibold">
            <Headset className="size-5 text-primary" aria-hidden="true" />
            Helpdesk <span className="font-normal text-muted-foreground">console</span>
          </div>
          <button
            type="button"
            onClick={() => window.dispatchEvent(new Event("helpdesk:palette"))}
            className="mx-3 mb-3 flex items-center gap-2 rounded-md border border-border px-2.5 py-1.5 text-left text-sm text-muted-foreground hover:bg-muted"
          >
            <Search className="size-4" aria-hidden="true" /> Search & commands
            <span className="ml-auto">
              <kbd>Ctrl</kbd> <kbd>K</kbd>
            </span>
          </button>
          <nav className="flex flex-1 flex-col gap-0.5 px-2" aria-label="Sections">
            {navItems
              .filter((n) => canSee(roles, n.section))
              .map((n) => (
                <NavLink
                  key={n.to}
                  to={n.to}
                  end={n.to === "/"}
                  className={({ isActive }) =>
                    `flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm no-underline ${
                      isActive || (n.to === "/" && location.pathname.startsWith("/tickets/"))
                        ? "bg-accent font-medium text-accent-foreground"
                        : "text-foreground hover:bg-muted"
                    }`
                  }
                >
                  <n.icon className="size-4" aria-hidden="true" />
                  {n.label}
                </NavLink>
              ))}
          </nav>
          <div className="border-t border-border p-3 text-sm">
            <div className="font-medium" data-testid="me-name">
              {me.data.name}
            </div>
            <div className="truncate text-xs text-muted-foreground">
              {me.data.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join(", ")}
            </div>
            <div className="mt-2 flex gap-1">
              <button
                type="button"
                className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs hover:bg-muted"
                onClick={() => setThemeState(toggleTheme())}
                aria-label={theme === "dark" ? "Switch to light mode" : "Switch to dark mode"}
              >
                {theme === "dark" ? <Sun className="size-3.5" /> : <Moon className="size-3.5" />}
                {theme === "dark" ? "Light" : "Dark"}
              </button>
              <button
                type="button"
                className="flex items-center gap-1.5 rounded-md px-2 py-1 text-xs hover:bg-muted"
                onClick={doSignOut}
              >
                <LogOut className="size-3.5" aria-hidden="true" /> Sign out
              </button>
            </div>
          </div>
        </aside>
        <main id="main" className="relative flex min-w-0 flex-1 flex-col overflow-hidden">
          {navigation.state === "loading" ? (
            <div
              className="absolute inset-x-0 top-0 z-10 h-0.5 animate-pulse bg-primary"
              aria-hidden="true"
            />
          ) : null}
          {allowed ? (
            <Suspense fallback={<PageSkeleton />}>
              <Outlet />
            </Suspense>
          ) : (
            <CenteredMessage title="Not available for your role">
              Your roles ({roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join(", ")}) do not
              include this section. Ask an administrator if you need it, or go to{" "}
              <NavLink to={homeFor(roles)} className="underline">
                your start page
              </NavLink>
              .
            </CenteredMessage>
          )}
        </main>
        <CommandPalette onSignOut={doSignOut} />
        {/* bottom-right: toasts never cover the header's action bar */}
        <Toaster theme={theme} position="bottom-right" richColors closeButton />
      </div>
    </MeContext.Provider>
  );
}

function CenteredMessage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-2 p-12" role="alert">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-muted-foreground">{children}</p>
    </div>
  );
}
