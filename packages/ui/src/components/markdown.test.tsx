import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isSafeHref, SanitizedMarkdown } from "./markdown";

const render = (md: string) => renderToStaticMarkup(<SanitizedMarkdown>{md}</SanitizedMarkdown>);

describe("SanitizedMarkdown (ticket bodies)", () => {
  it("renders markdown", () => {
    const html = render("**bold** and [docs](https://example.com/a)");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://example.com/a"');
  });
  it("never renders a stored <script> as HTML", () => {
    const html = render("hello <script>alert(1)</script> <img src=x onerror=alert(1)>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
  });
  it("drops javascript: links, also disguised ones", () => {
    for (const md of [
      "[click](javascript:alert(1))",
      "[click](JavaScript:alert(1))",
      "[click](java\tscript:alert(1))",
      "<javascript:alert(1)>",
      "[click](data:text/html;base64,PHNjcmlwdD4=)",
      "[click](vbscript:msgbox)",
    ]) {
      const html = render(md);
      expect(html, md).not.toMatch(/href="[^"]*(script|data:)/i);
      expect(html, md).not.toMatch(/<a /i);
    }
  });
  it("keeps mailto, tel and relative links", () => {
    expect(isSafeHref("mailto:a@b.c")).toBe(true);
    expect(isSafeHref("tel:+331234")).toBe(true);
    expect(isSafeHref("/tickets/1")).toBe(true);
    expect(isSafeHref(" javascript:x")).toBe(false);
  });
});
