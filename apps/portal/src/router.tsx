import { lazy } from "react";
import { Route, Routes } from "react-router";
import { PublicLayout } from "./features/shell/public-layout";
import { SignInPage } from "./routes/sign-in";

// Sign-in and the shell are in the entry chunk; every other page is its own chunk (issue 4 "Performance").
const page = <T,>(load: () => Promise<T>, pick: (m: T) => React.ComponentType) =>
  lazy(() => load().then((m) => ({ default: pick(m) })));

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
