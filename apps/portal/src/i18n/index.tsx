/**
 * The whole portal in English and French (R-TKT-7; docs/adr/0006): the language comes from the person's last
 * choice (localStorage), else the browser, and is switchable on every page. Each language's texts are
 * a chunk of their own, loaded when chosen.
 *
 * Why not i18next: the portal uses keys, {{interpolation}}, plurals and one <Trans> with a link; these
 * ~100 lines do that, and dropping i18next + react-i18next + its detector (≈14 KB gzip) is what keeps
 * sign-in and home under the 150 KB initial-JavaScript budget (BENCHMARKS.md).
 */
import {
  Children,
  cloneElement,
  isValidElement,
  type ReactElement,
  type ReactNode,
  useSyncExternalStore,
} from "react";

export const languages = [
  { code: "en", name: "English" },
  { code: "fr", name: "Français" },
] as const;
export type LanguageCode = (typeof languages)[number]["code"];
type Dict = { [key: string]: string | Dict };

const loaders: Record<LanguageCode, () => Promise<{ default: unknown }>> = {
  en: () => import("./en.json"),
  fr: () => import("./fr.json"),
};
const STORAGE_KEY = "helpdesk.lang";
const dicts: Partial<Record<LanguageCode, Dict>> = {};
let current: LanguageCode = "en";
const listeners = new Set<() => void>();

export function isLanguage(code: string | null | undefined): code is LanguageCode {
  return code === "en" || code === "fr";
}

/** ?lang=, then the stored choice, then the browser's languages, then English. */
export function detectLanguage(
  search = typeof location === "undefined" ? "" : location.search,
  stored: string | null = safeGet(),
  browser: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages,
): LanguageCode {
  const fromQuery = new URLSearchParams(search).get("lang")?.slice(0, 2);
  if (isLanguage(fromQuery)) return fromQuery;
  if (isLanguage(stored)) return stored;
  for (const l of browser) {
    const code = l.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return "en";
}

function safeGet(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Loads a language's texts once. */
export async function loadLanguage(code: LanguageCode): Promise<Dict> {
  const known = dicts[code];
  if (known) return known;
  const m = await loaders[code]();
  const dict = m.default as Dict;
  dicts[code] = dict;
  return dict;
}

export async function changeLanguage(code: string): Promise<void> {
  const next = isLanguage(code) ? code : "en";
  await loadLanguage(next);
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts for this page
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
  for (const l of listeners) l();
}

/** Resolves when the detected language (and English, the fallback) are loaded. */
export async function initI18n(code: LanguageCode = detectLanguage()): Promise<void> {
  await Promise.all([loadLanguage("en"), loadLanguage(code)]);
  current = code;
  if (typeof document !== "undefined") document.documentElement.lang = code;
}

/** Test and tooling hook: install texts without loading chunks. */
export function setTexts(code: LanguageCode, dict: Dict) {
  dicts[code] = dict;
}

function lookup(dict: Dict | undefined, key: string): string | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

export type TOptions = { lng?: string; defaultValue?: string; count?: number } & Record<string, unknown>;
export type TFunction = (key: string, options?: TOptions) => string;

/** Translates `key` in the current language (or `lng`), falling back to English, then to the key. */
export const t: TFunction = (key, options = {}) => {
  const lng = isLanguage(options.lng) ? options.lng : current;
  let text: string | undefined;
  if (typeof options.count === "number") {
    const form = new Intl.PluralRules(lng).select(options.count);
    text = lookup(dicts[lng], `${key}_${form}`) ?? lookup(dicts.en, `${key}_${form}`);
  }
  text ??= lookup(dicts[lng], key) ?? lookup(dicts.en, key) ?? options.defaultValue ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = options[name];
    return v === undefined || v === null ? "" : String(v);
  });
};

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => current;

/** `const { t, i18n } = useTranslation()` — re-renders when the language changes. */
export function useTranslation() {
  const lng = useSyncExternalStore(subscribe, snapshot, snapshot);
  return { t, i18n: { resolvedLanguage: lng, language: lng, changeLanguage } };
}

/**
 * A translation with markup: `<Trans i18nKey="auth.invalidBody" components={{ reset: <Link to="…" /> }} />`
 * renders "…<reset>reset your password</reset>…" with the link around the inner text.
 */
export function Trans({
  i18nKey,
  values,
  components = {},
}: {
  i18nKey: string;
  values?: TOptions;
  components?: Record<string, ReactElement>;
}) {
  useTranslation();
  const text = t(i18nKey, values);
  const out: ReactNode[] = [];
  const re = /<(\w+)>(.*?)<\/\1>/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index));
    const el = components[m[1] ?? ""];
    out.push(isValidElement(el) ? cloneElement(el, { key: m.index }, m[2]) : m[2]);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return <>{Children.toArray(out)}</>;
}
