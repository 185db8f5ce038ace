import { Button, EmptyState } from "@helpdesk/ui";
import { SearchX } from "lucide-react";
import { Link } from "react-router";
import { useTranslation } from "../i18n";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<SearchX className="size-8" />}
      titleAs="h1"
      title={t("notFound.title")}
      description={t("notFound.body")}
      action={
        <Button asChild>
          <Link to="/">{t("errors.goHome")}</Link>
        </Button>
      }
    />
  );
}
