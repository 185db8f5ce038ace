import { formatDateTime } from "@helpdesk/ui";

/** "12 Mar 2026, 22:00 CET – 13 Mar 2026, 02:00 CET" in the viewer's zone. */
export function formatWindow(start: number, end: number, locale: string, timeZone?: string) {
  return `${formatDateTime(start, { locale, timeZone })} – ${formatDateTime(end, { locale, timeZone })}`;
}
