import { useTranslation } from "../../i18n";

/** The UI language as an Intl locale ("en", "fr"). */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? "en";
}
