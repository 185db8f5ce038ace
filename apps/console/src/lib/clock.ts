/**
 * One ticking "now" for the whole console. Rows and panels subscribe through `useNow()`; a single
 * interval drives them all (10,000 rows never mean 10,000 timers — and only visible rows render).
 *
 * The server's clock wins: responses that carry `now` set an offset, so countdowns agree with the
 * server even when its clock is moved in tests.
 */
import { useSyncExternalStore } from "react";

let offset = 0;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function tick() {
  now = Date.now() + offset;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) timer = setInterval(tick, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Record the server's idea of the current time (epoch ms or ISO) from a response. */
export function syncServerNow(serverNow: number | string | Date | null | undefined): void {
  if (serverNow === null || serverNow === undefined) return;
  const ms =
    serverNow instanceof Date
      ? serverNow.getTime()
      : typeof serverNow === "string"
        ? Date.parse(serverNow)
        : serverNow;
  if (!Number.isFinite(ms)) return;
  const next = ms - Date.now();
  if (Math.abs(next - offset) > 1500) {
    offset = next;
    tick();
  }
}

export function serverNow(): number {
  return Date.now() + offset;
}

/** The current (server) time, re-rendering once a second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
