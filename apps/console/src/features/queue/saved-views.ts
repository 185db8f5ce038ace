/** Saved queue views, kept per browser in localStorage. */
import { useCallback, useState } from "react";
import { readJson, writeJson } from "../../lib/storage";
import { emptyFilters, type QueueFilters } from "./types";

export interface SavedView {
  id: string;
  name: string;
  filters: QueueFilters;
}

const KEY = "helpdesk.console.savedViews";

export const builtInViews: SavedView[] = [
  { id: "all", name: "All open", filters: emptyFilters },
  { id: "mine", name: "Mine", filters: { ...emptyFilters, mine: true } },
  { id: "unassigned", name: "Unassigned", filters: { ...emptyFilters, unassigned: true } },
  { id: "breached", name: "Breached", filters: { ...emptyFilters, breached: true } },
];

export function useSavedViews() {
  const [views, setViews] = useState<SavedView[]>(() => readJson<SavedView[]>(KEY, []));
  const save = useCallback((name: string, filters: QueueFilters) => {
    setViews((old) => {
      const next = [...old.filter((v) => v.name !== name), { id: `v${Date.now()}`, name, filters }];
      writeJson(KEY, next);
      return next;
    });
  }, []);
  const remove = useCallback((id: string) => {
    setViews((old) => {
      const next = old.filter((v) => v.id !== id);
      writeJson(KEY, next);
      return next;
    });
  }, []);
  return { views, save, remove };
}
