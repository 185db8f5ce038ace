import { CenteredLayout, LoadingState } from "@helpdesk/ui";
import { Suspense } from "react";
import { Link, Outlet } from "react-router";
import { useTranslation } from "../../i18n";
import { Brand } from "./brand";
import { LanguageSwitcher } from "./language-switcher";
import { ThemeSwitcher } from "./theme-switcher";

/** Pages reachable without signing in: one card in the middle, language and theme on top. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <CenteredLayout
      brand={<Brand to="/sign-in" />}
      actions={
        <>
          <LanguageSwitcher />
          <ThemeSwitcher />
        </>
      }
      footer={<Link to="/status">{t("shell.statusPage")}</Link>}
    >
      <Suspense fallback={<LoadingState label={t("common.loading")} />}>
        <Outlet />
      </Suspense>
    </CenteredLayout>
  );
}
