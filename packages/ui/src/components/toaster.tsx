import { Toaster as Sonner, toast } from "sonner";

/** Outcome toasts (saved, sent, failed). Mount once; call `toast.success(…)` anywhere. */
export function Toaster({ theme = "system" }: { theme?: "light" | "dark" | "system" }) {
  return (
    <Sonner
      theme={theme}
      position="top-right"
      richColors
      closeButton
      toastOptions={{ className: "font-sans" }}
    />
  );
}

export { toast };
