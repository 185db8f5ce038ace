/**
 * A tRPC client for calls that carry attachments: the same /trpc endpoint, sent with XMLHttpRequest so
 * the page can show upload progress (fetch cannot report it).
 */
import type { AppRouter } from "@helpdesk/api";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";

type Progress = (fraction: number) => void;

function xhrFetch(onProgress: Progress) {
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init?.method ?? "GET", String(input));
      xhr.withCredentials = true;
      const headers = new Headers(init?.headers);
      headers.forEach((v, k) => {
        xhr.setRequestHeader(k, v);
      });
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        onProgress(1);
        const h = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const i = line.indexOf(":");
          if (i > 0) h.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
        }
        resolve(
          new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers: h }),
        );
      };
      xhr.onerror = () => reject(new TypeError("Network request failed"));
      xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
      init?.signal?.addEventListener("abort", () => xhr.abort());
      xhr.send((init?.body as XMLHttpRequestBodyInit | null | undefined) ?? null);
    });
}

/** A one-off client whose requests report upload progress. */
export function uploadClient(onProgress: Progress) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: "/trpc", transformer: superjson, fetch: xhrFetch(onProgress) })],
  });
}
