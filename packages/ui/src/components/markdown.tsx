import Markdown, { type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { cn } from "../lib/cn";

/** Only these link schemes survive; `javascript:`, `data:`, `vbscript:` links are dropped. */
const SAFE_PROTOCOL = /^(https?:|mailto:|tel:|#|\/)/i;

export function isSafeHref(href: string | undefined | null): href is string {
  if (!href) return false;
  // strip control characters and whitespace browsers ignore inside a scheme ("java\nscript:")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  if (/^[a-z][a-z0-9+.-]*:/i.test(cleaned)) return SAFE_PROTOCOL.test(cleaned);
  return true; // relative URL
}

const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto", "tel"], src: ["http", "https"] },
};

const components: Components = {
  a: ({ href, children, node: _node, ...props }) =>
    isSafeHref(href) ? (
      <a
        href={href}
        rel="noopener noreferrer nofollow"
        target={href.startsWith("#") ? undefined : "_blank"}
        {...props}
      >
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => <span>{alt ? `[${alt}]` : null}</span>,
};

/**
 * Renders a ticket body or status post as markdown. Raw HTML is never interpreted (react-markdown
 * escapes it), the tree is sanitized (rehype-sanitize, GitHub's schema), and links other than
 * http(s)/mailto/tel become plain text, so a stored `<script>` or `javascript:` link never runs.
 * Images are shown as their alt text (no tracking pixels in support mail).
 */
export function SanitizedMarkdown({ children, className }: { children: string; className?: string }) {
  return (
    <div className={cn("hd-prose text-sm", className)}>
      <Markdown
        rehypePlugins={[[rehypeSanitize, schema]]}
        components={components}
        urlTransform={(url) => (isSafeHref(url) ? url : "")}
        skipHtml
      >
        {children}
      </Markdown>
    </div>
  );
}
