import { toast } from "@helpdesk/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "../../i18n";
import { describeError } from "../common/api-error";

/** An account-admin change: reload the account data, toast the outcome or what went wrong. */
export function useAdminAction<TInput>(fn: (input: TInput) => Promise<unknown>, success: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [["account"]] });
      toast.success(success);
    },
    onError: (error) => {
      const d = describeError(error, t);
      toast.error(d.title, { description: [d.message, d.hint].filter(Boolean).join(" ") });
    },
  });
}

/** What a dialog's submit ends with: done, or the error (whose per-field sentences the form shows). */
export type SubmitResult = true | { error: unknown };

export const succeeded = (p: Promise<unknown>): Promise<SubmitResult> =>
  p.then(
    () => true as const,
    (error: unknown) => ({ error }),
  );
