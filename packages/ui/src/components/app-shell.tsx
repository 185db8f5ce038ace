import { Menu, X } from "lucide-react";
import { type ReactNode, useState } from "react";
import { cn } from "../lib/cn";

/**
 * Classes for a navigation link in the AppShell. With react-router:
 * `<NavLink to="/tickets" className={({ isActive }) => navLinkClasses(isActive)}>`.
 */
export function navLinkClasses(active: boolean, className?: string) {
  return cn(
    "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium no-underline transition-colors",
    active
      ? "bg-accent text-accent-foreground"
      : "text-muted-foreground hover:bg-muted hover:text-foreground",
    className,
  );
}

export interface AppShellProps {
  /** logo and product name, usually a link home */
  brand: ReactNode;
  /** navigation links (use navLinkClasses); shown in the top bar, or a left column with layout="sidebar" */
  nav?: ReactNode;
  /** accessible name of the <nav> landmark */
  navLabel?: string;
  /** controls at the top right before the user menu (language, theme, search) */
  actions?: ReactNode;
  /** the signed-in person's menu (a DropdownMenu) */
  userMenu?: ReactNode;
  /** shown above the page content, e.g. a major-incident banner */
  banner?: ReactNode;
  layout?: "top" | "sidebar";
  skipLinkLabel?: string;
  menuLabel?: string;
  closeMenuLabel?: string;
  /** wider main column (dense lists) */
  wide?: boolean;
  children: ReactNode;
}

/**
 * The frame of every signed-in page: skip link, top bar (brand, nav, actions, user menu),
 * a `<main id="main">` landmark. On phones the nav folds into a menu button.
 */
export function AppShell({
  brand,
  nav,
  navLabel = "Main",
  actions,
  userMenu,
  banner,
  layout = "top",
  skipLinkLabel = "Skip to main content",
  menuLabel = "Open menu",
  closeMenuLabel = "Close menu",
  wide = false,
  children,
}: AppShellProps) {
  const [open, setOpen] = useState(false);
  const sidebar = layout === "sidebar";
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-[60] rounded-md bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
      >
        {skipLinkLabel}
      </a>
      <header className="sticky top-0 z-40 border-b border-border bg-card/95 backdrop-blur">
        <div
          className={cn(
            "mx-auto flex h-14 items-center gap-3 px-4",
            !sidebar && (wide ? "max-w-7xl" : "max-w-6xl"),
          )}
        >
          {nav ? (
            <button
              type="button"
              className={cn(
                "-ml-1 rounded-md p-2 text-muted-foreground hover:bg-muted hover:text-foreground",
                sidebar ? "lg:hidden" : "md:hidden",
              )}
              aria-expanded={open}
              aria-controls="app-nav-mobile"
              aria-label={open ? closeMenuLabel : menuLabel}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? (
                <X aria-hidden="true" className="size-5" />
              ) : (
                <Menu aria-hidden="true" className="size-5" />
              )}
            </button>
          ) : null}
          <div className="flex shrink-0 items-center gap-2 font-semibold">{brand}</div>
          {nav && !sidebar ? (
            <nav aria-label={navLabel} className="ml-4 hidden items-center gap-1 md:flex">
              {nav}
            </nav>
          ) : null}
          <div className="ml-auto flex items-center gap-1.5">
            {actions}
            {userMenu}
          </div>
        </div>
        {nav && open ? (
          <nav
            id="app-nav-mobile"
            aria-label={navLabel}
            className={cn(
              "flex flex-col gap-1 border-t border-border px-3 py-2",
              sidebar ? "lg:hidden" : "md:hidden",
            )}
            onClick={(e) => {
              if ((e.target as HTMLElement).closest("a")) setOpen(false);
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setOpen(false);
            }}
          >
            {nav}
          </nav>
        ) : null}
      </header>
      <div className={cn("flex flex-1", sidebar ? "" : "flex-col")}>
        {nav && sidebar ? (
          <nav
            aria-label={navLabel}
            className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-56 shrink-0 flex-col gap-1 overflow-y-auto border-r border-border bg-card p-3 lg:flex"
          >
            {nav}
          </nav>
        ) : null}
        <main
          id="main"
          tabIndex={-1}
          className={cn(
            "mx-auto w-full flex-1 px-4 py-6 focus:outline-none sm:py-8",
            sidebar ? "max-w-none" : wide ? "max-w-7xl" : "max-w-6xl",
          )}
        >
          {banner ? <div className="mb-6 flex flex-col gap-3">{banner}</div> : null}
          {children}
        </main>
      </div>
    </div>
  );
}

/** A centered single-card layout for pages outside the app (sign-in, survey, password reset). */
export function CenteredLayout({
  brand,
  children,
  footer,
  actions,
}: {
  brand?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      {brand || actions ? (
        <header className="flex h-14 items-center justify-between px-4">
          <div className="flex items-center gap-2 font-semibold">{brand}</div>
          <div className="flex items-center gap-1.5">{actions}</div>
        </header>
      ) : null}
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-8 sm:items-center">
        <div className="w-full max-w-md">{children}</div>
      </main>
      {footer ? (
        <footer className="px-4 py-6 text-center text-sm text-muted-foreground">{footer}</footer>
      ) : null}
    </div>
  );
}
