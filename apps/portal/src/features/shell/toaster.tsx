import { Toaster } from "@helpdesk/ui";

/** A module of its own so the toast library loads after the first paint (see app.tsx). */
export default function LazyToaster() {
  return <Toaster />;
}
