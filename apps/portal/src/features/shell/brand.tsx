import { LifeBuoy } from "lucide-react";
import { Link } from "react-router";
import { useTranslation } from "../../i18n";

export function Brand({ to = "/" }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="flex items-center gap-2 text-foreground no-underline">
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <LifeBuoy aria-hidden="true" className="size-5" />
      </span>
      <span className="text-base font-semibold">{t("shell.product")}</span>
    </Link>
  );
}
