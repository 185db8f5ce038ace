import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { errorMessage } from "../lib/trpc";

/** Shown when a page fails to load or render: says what happened and what to do. */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed =
    error instanceof Error && /dynamically imported module|Failed to fetch/i.test(error.message);
  const title = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : "This page could not be shown";
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-3 p-10" role="alert">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-muted-foreground">
        {chunkFailed
          ? "A new version of the console was deployed. Reload the page to continue."
          : error instanceof Error
            ? errorMessage(error)
            : "Something unexpected happened."}
      </p>
      <div className="flex gap-3">
        <button
          type="button"
          className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
        <Link to="/" className="px-3 py-1.5 text-sm">
          Back to the queue
        </Link>
      </div>
    </main>
  );
}
