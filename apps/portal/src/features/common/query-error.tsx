import { ErrorState } from "@helpdesk/ui";
import { useTranslation } from "../../i18n";
import { describeError } from "./api-error";

/** The error state of a failed query: what happened, what to do, and a retry button. */
export function QueryError({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const d = describeError(error, t);
  return (
    <ErrorState
      title={d.title}
      message={d.message}
      hint={d.hint}
      onRetry={onRetry}
      retryLabel={t("common.retry")}
      className={className}
    />
  );
}
