/**
 * R-MAIL-5: a notification's Markdown body as the HTML part of its mail (the Markdown itself is the text
 * alternative). `marked` renders; `sanitize-html` keeps only harmless markup, since a staff reply's text
 * is a person's input.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, "img", "del", "s"],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title"],
    code: ["class"],
    th: ["align"],
    td: ["align"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https", "cid"] },
  transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer" }) },
};

/** The sanitized HTML document of a Markdown body. */
export function markdownToHtml(markdown: string, lang: string): string {
  const inner = sanitizeHtml(marked.parse(markdown) as string, ALLOWED);
  const safeLang = /^[a-z]{2}(-[A-Za-z]{2})?$/.test(lang) ? lang : "en";
  return `<!doctype html><html lang="${safeLang}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">${inner}</body></html>`;
}
