import { useEffect, useRef } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { clearDraft, loadDraft, saveDraft } from "./drafts";

/**
 * Restores a react-hook-form's values from its draft on first render and saves every change (debounced,
 * flushed when the form unmounts, e.g. on a redirect to sign-in). `omit` names fields never stored.
 * `restored` says a draft was brought back (tell the person); after sending, call `form.reset()` and
 * then `discard()`.
 */
export function useFormDraft<T extends FieldValues>(
  key: string,
  form: UseFormReturn<T>,
  omit: readonly string[] = [],
): { restored: boolean; discard: () => void } {
  const restored = useRef<boolean | null>(null);
  const pending = useRef<Record<string, unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  if (restored.current === null) {
    const draft = loadDraft<Partial<T>>(key);
    restored.current = Boolean(draft);
    // restore synchronously on first render so the inputs mount with the draft
    if (draft) form.reset({ ...form.getValues(), ...draft }, { keepDefaultValues: true });
  }
  const omitKey = omit.join(",");

  useEffect(() => {
    const omitted = omitKey ? omitKey.split(",") : [];
    const flush = () => {
      clearTimeout(timer.current);
      if (!pending.current) return;
      const copy = { ...pending.current };
      for (const k of omitted) delete copy[k];
      saveDraft(key, copy);
      pending.current = null;
    };
    const sub = form.watch((values) => {
      pending.current = values as Record<string, unknown>;
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, 200);
    });
    window.addEventListener("pagehide", flush);
    return () => {
      flush();
      window.removeEventListener("pagehide", flush);
      sub.unsubscribe();
    };
  }, [key, form, omitKey]);

  return {
    restored: restored.current,
    discard: () => {
      clearTimeout(timer.current);
      pending.current = null;
      clearDraft(key);
    },
  };
}
