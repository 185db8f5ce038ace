/**
 * Routes. Every page is a lazy chunk (route-level code splitting keeps the initial JS small);
 * the shell and sign-in are in the entry chunk.
 */
import { createBrowserRouter } from "react-router";
import { RouteError } from "./components/route-error";
import { Shell } from "./features/shell/shell";
import { SignInPage } from "./routes/sign-in";

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const router = createBrowserRouter(
  [
    { path: "/sign-in", Component: SignInPage },
    {
      path: "/",
      Component: Shell,
      ErrorBoundary: RouteError,
      children: [
        { index: true, lazy: page(() => import("./routes/queue")) },
        { path: "tickets/:id", lazy: page(() => import("./routes/ticket")) },
        { path: "inbox", lazy: page(() => import("./routes/inbox")) },
        { path: "incidents", lazy: page(() => import("./routes/incidents")) },
        { path: "incidents/:id", lazy: page(() => import("./routes/incidents")) },
        { path: "customers", lazy: page(() => import("./routes/customers")) },
        { path: "customers/:id", lazy: page(() => import("./routes/customers")) },
        { path: "staff", lazy: page(() => import("./routes/staff")) },
        { path: "billing", lazy: page(() => import("./routes/billing")) },
        { path: "dashboards", lazy: page(() => import("./routes/dashboards")) },
        { path: "policy", lazy: page(() => import("./routes/policy")) },
        { path: "mail", lazy: page(() => import("./routes/mail")) },
        { path: "mailboxes", lazy: page(() => import("./routes/mailboxes")) },
        { path: "*", lazy: page(() => import("./routes/not-found")) },
      ],
    },
  ],
  { basename: "/console" },
);
