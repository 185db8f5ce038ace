import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { BrowserRouter } from "react-router";
import { RouteErrorBoundary } from "./features/shell/route-error";
import { queryClient } from "./lib/query-client";
import { AppRoutes } from "./router";

// toasts are for outcomes of actions, never needed for the first paint: loaded after it
const Toaster = lazy(() => import("./features/shell/toaster"));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <RouteErrorBoundary>
          <Suspense fallback={null}>
            <AppRoutes />
          </Suspense>
        </RouteErrorBoundary>
      </BrowserRouter>
      <Suspense fallback={null}>
        <Toaster />
      </Suspense>
    </QueryClientProvider>
  );
}
