import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "../../i18n";
import { applyTheme, storedTheme, type Theme } from "./theme";

const order: Theme[] = ["system", "light", "dark"];
const labels: Record<Theme, string> = {
  system: "shell.themeSystem",
  light: "shell.themeLight",
  dark: "shell.themeDark",
};

/** One button that cycles system → light → dark; its name says the current theme. */
export function ThemeSwitcher() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const Icon = theme === "dark" ? Moon : theme === "light" ? Sun : Monitor;
  return (
    <button
      type="button"
      className="inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
      aria-label={`${t("shell.theme")}: ${t(labels[theme])}`}
      title={`${t("shell.theme")}: ${t(labels[theme])}`}
      onClick={() => {
        const next = order[(order.indexOf(theme) + 1) % order.length] ?? "system";
        setTheme(next);
        applyTheme(next);
      }}
    >
      <Icon aria-hidden="true" className="size-4" />
    </button>
  );
}
