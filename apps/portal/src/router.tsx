import { type ComponentType, lazy, useState } from "react";
import { Route, Routes } from "react-router";
import { PublicLayout } from "./features/shell/public-layout";
import { SignInPage } from "./routes/sign-in";

/** A page in its own chunk, which `preload()` starts fetching before the first render. */
type Page = ComponentType & { preload: () => Promise<void> };

// Sign-in and the shell are in the entry chunk; every other page is its own chunk (BENCHMARKS.md "Portal").
// A page whose chunk is already there renders at once: React.lazy would suspend once even then, and a
// shown Suspense fallback delays the content that replaces it by ≈ 300 ms (React's reveal throttle).
function page<T>(load: () => Promise<T>, pick: (m: T) => ComponentType): Page {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const start = () => {
    loading ??= load().then(
      (m) => {
        loaded = pick(m);
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // a failed download (offline, new deployment) may be tried again
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(() => start().then((component) => ({ default: component })));
  function LazyPage() {
    // chosen once per mount, so the page is never remounted when its chunk arrives later
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  }
  return Object.assign(LazyPage, { preload: () => start().then(() => undefined) });
}

const PortalLayout = page(
  () => import("./features/shell/portal-layout"),
  (m) => m.PortalLayout,
);
const HomePage = page(
  () => import("./routes/home"),
  (m) => m.HomePage,
);
const ForgotPasswordPage = page(
  () => import("./routes/forgot-password"),
  (m) => m.ForgotPasswordPage,
);
const ResetPasswordPage = page(
  () => import("./routes/reset-password"),
  (m) => m.ResetPasswordPage,
);
const TicketsPage = page(
  () => import("./routes/tickets"),
  (m) => m.TicketsPage,
);
const NewTicketPage = page(
  () => import("./routes/new-ticket"),
  (m) => m.NewTicketPage,
);
const QuoteRequestPage = page(
  () => import("./routes/quote-request"),
  (m) => m.QuoteRequestPage,
);
const TicketPage = page(
  () => import("./routes/ticket"),
  (m) => m.TicketPage,
);
const AccountPage = page(
  () => import("./routes/account"),
  (m) => m.AccountPage,
);
const BillingPage = page(
  () => import("./routes/billing"),
  (m) => m.BillingPage,
);
const SurveyPage = page(
  () => import("./routes/survey"),
  (m) => m.SurveyPage,
);
const StatusPage = page(
  () => import("./routes/status"),
  (m) => m.StatusPage,
);
const StatusConfirmPage = page(
  () => import("./routes/status-confirm"),
  (m) => m.StatusConfirmPage,
);
const ConfirmAccessPage = page(
  () => import("./routes/confirm-access"),
  (m) => m.ConfirmAccessPage,
);
const NotFoundPage = page(
  () => import("./routes/not-found"),
  (m) => m.NotFoundPage,
);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/survey/:token" element={<SurveyPage />} />
        <Route path="/status/confirm/:token" element={<StatusConfirmPage />} />
        <Route path="/confirm-access/:token" element={<ConfirmAccessPage />} />
      </Route>
      <Route path="/status" element={<StatusPage />} />
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route path="/tickets" element={<TicketsPage />} />
        <Route path="/tickets/new" element={<NewTicketPage />} />
        <Route path="/tickets/quote" element={<QuoteRequestPage />} />
        <Route path="/tickets/:id" element={<TicketPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/billing" element={<BillingPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Paths shown without signing in (everything else is inside the PortalLayout, which needs a session). */
export function isPublicPath(path: string): boolean {
  return /^\/(sign-in|forgot-password|reset-password|survey|status|confirm-access)(\/|$)/.test(path);
}

/** The chunks a first load of `path` needs (the layout and the page), started at once by main.tsx. */
export function preloadRoute(path: string): Promise<void> {
  const pages: Page[] = [];
  if (path === "/forgot-password") pages.push(ForgotPasswordPage);
  else if (path === "/reset-password") pages.push(ResetPasswordPage);
  else if (path.startsWith("/survey/")) pages.push(SurveyPage);
  else if (path.startsWith("/status/confirm/")) pages.push(StatusConfirmPage);
  else if (path.startsWith("/confirm-access/")) pages.push(ConfirmAccessPage);
  else if (path === "/status") pages.push(StatusPage);
  else if (!isPublicPath(path)) {
    pages.push(PortalLayout);
    const known: Record<string, Page> = {
      "/": HomePage,
      "/tickets": TicketsPage,
      "/tickets/new": NewTicketPage,
      "/tickets/quote": QuoteRequestPage,
      "/account": AccountPage,
      "/billing": BillingPage,
    };
    const route = known[path] ?? (/^\/tickets\/[^/]+$/.test(path) ? TicketPage : undefined);
    if (route) pages.push(route);
  }
  return Promise.all(pages.map((p) => p.preload())).then(() => undefined);
}
