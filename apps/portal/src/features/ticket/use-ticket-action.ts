import { toast } from "@helpdesk/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "../../i18n";
import { errorCode } from "../../lib/trpc";
import { describeError } from "../common/api-error";

/**
 * Runs one ticket action. On success the ticket and lists reload and a toast says what happened.
 * On CONFLICT (the ticket changed meanwhile) the ticket reloads and the person's draft stays where it
 * is (drafts live in sessionStorage), so they can read the change and send again.
 */
export function useTicketAction<TInput, TOutput>(
  ticketId: string,
  fn: (input: TInput) => Promise<TOutput>,
  opts: { success: string; onSuccess?: (out: TOutput) => void },
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reload = () => queryClient.invalidateQueries({ queryKey: [["ticket"]] });
  return useMutation({
    mutationFn: fn,
    onSuccess: async (out) => {
      await reload();
      opts.onSuccess?.(out);
      toast.success(opts.success);
    },
    onError: async (error) => {
      const code = errorCode(error);
      if (code === "UNAUTHORIZED") return; // sign-in, then back here with the draft
      if (code === "CONFLICT") {
        await reload();
        toast.warning(t("errors.conflictTitle"), { description: t("errors.conflictReloaded") });
        return;
      }
      const d = describeError(error, t);
      toast.error(d.title, { description: [d.message, d.hint].filter(Boolean).join(" ") });
    },
    meta: { ticketId },
  });
}
