/** Dark mode: the `dark` class on <html>, remembered in localStorage (index.html applies it before paint). */
const KEY = "helpdesk.theme";

export type Theme = "light" | "dark";

export function currentTheme(): Theme {
  const root = document.documentElement.classList;
  if (root.contains("dark")) return "dark";
  if (root.contains("light")) return "light";
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function setTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
  // packages/ui follows the system unless <html> says `.light` or `.dark`
  document.documentElement.classList.toggle("light", theme === "light");
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

export function toggleTheme(): Theme {
  const next = currentTheme() === "dark" ? "light" : "dark";
  setTheme(next);
  return next;
}
