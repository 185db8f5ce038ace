// Apply the saved theme before first paint (no flash). A file, not inline: the server's CSP forbids inline scripts.
(() => {
  let theme = null;
  try {
    theme = localStorage.getItem("helpdesk.theme");
  } catch {}
  if (theme === "dark" || theme === "light") document.documentElement.classList.add(theme);
})();
