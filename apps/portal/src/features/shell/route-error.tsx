import { Button, CenteredLayout, ErrorState } from "@helpdesk/ui";
import { Component, type ReactNode } from "react";
import { useTranslation } from "../../i18n";

/** Last resort when a page crashes or its code chunk cannot be loaded (e.g. after a deploy). */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override render() {
    return this.state.error ? <RouteError error={this.state.error} /> : this.props.children;
  }
}

function RouteError({ error }: { error: Error }) {
  const { t } = useTranslation();
  const chunk = /dynamically imported module|Importing a module script|Failed to fetch/i.test(error.message);
  return (
    <CenteredLayout>
      <ErrorState
        title={t("errors.pageTitle")}
        message={chunk ? t("errors.chunkBody") : t("errors.pageBody")}
        hint={t("errors.pageHint")}
        onRetry={() => window.location.reload()}
        retryLabel={t("common.reload")}
      />
      <div className="mt-4 text-center">
        <Button variant="link" onClick={() => window.location.assign("/")}>
          {t("errors.goHome")}
        </Button>
      </div>
    </CenteredLayout>
  );
}
