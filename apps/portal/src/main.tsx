import "./index.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { applyTheme, storedTheme } from "./features/shell/theme";
import { initI18n } from "./i18n";
import { sessionQueryOptions } from "./lib/auth";
import { queryClient } from "./lib/query-client";
import { isPublicPath, preloadRoute } from "./router";

applyTheme(storedTheme());

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");

// Everything the URL needs starts at once: the language's texts, the layout and page chunks, and for a
// signed-in page the session and the page's first queries (first-load.ts). The first render waits for
// all of them, so no page flashes untranslated keys or a loading state, and no Suspense fallback is
// shown (React holds back the content replacing a fallback by ≈ 300 ms). A failure of any of them does
// not block the render: the page shows it as it would later.
const { pathname, search } = window.location;
const firstLoad: Promise<unknown>[] = [initI18n(), preloadRoute(pathname)];
if (!isPublicPath(pathname)) {
  const session = queryClient.fetchQuery(sessionQueryOptions()).catch(() => null);
  firstLoad.push(import("./first-load").then((m) => m.prefetchFirstLoad(pathname, search, session)));
}
void Promise.allSettled(firstLoad).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
