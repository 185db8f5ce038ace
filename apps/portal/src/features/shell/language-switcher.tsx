import { Languages } from "lucide-react";
import { useId } from "react";
import { languages, useTranslation } from "../../i18n";

/** A native select: every keyboard and screen reader knows it, and it costs nothing to load. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = (i18n.resolvedLanguage ?? "en").slice(0, 2);
  return (
    <div className="relative flex items-center">
      <label htmlFor={id} className="sr-only">
        {t("shell.language")}
      </label>
      <Languages
        aria-hidden="true"
        className="pointer-events-none absolute left-2 size-4 text-muted-foreground"
      />
      <select
        id={id}
        value={current}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
        data-testid="language-switcher"
        className="h-8 appearance-none rounded-md bg-transparent pr-2 pl-7 text-sm font-medium text-foreground hover:bg-muted"
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}
