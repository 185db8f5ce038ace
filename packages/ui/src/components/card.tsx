import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "../lib/cn";

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn("rounded-lg border border-border bg-card text-card-foreground shadow-xs", className)}
      {...props}
    />
  );
}

export function CardHeader({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("flex flex-col gap-1 px-5 pt-5 pb-3", className)} {...props} />;
}

export function CardTitle({
  as: Tag = "h2",
  className,
  ...props
}: HTMLAttributes<HTMLHeadingElement> & { as?: "h2" | "h3" | "h4" }) {
  return <Tag className={cn("text-base font-semibold leading-tight", className)} {...props} />;
}

export function CardDescription({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return <p className={cn("text-sm text-muted-foreground", className)} {...props} />;
}

export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-5 pb-5", className)} {...props} />;
}

export function CardFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn("flex flex-wrap items-center gap-2 border-t border-border px-5 py-3", className)}
      {...props}
    />
  );
}

/**
 * A term/value list, e.g. the facts of a ticket: `columns` puts terms beside values from `sm` up,
 * `stacked` keeps each term above its value (narrow sidebars).
 */
export function DescriptionList({
  items,
  layout = "columns",
  className,
}: {
  items: { term: ReactNode; value: ReactNode; key?: string }[];
  layout?: "columns" | "stacked";
  className?: string;
}) {
  return (
    <dl
      className={cn(
        "grid grid-cols-1 gap-x-4 gap-y-3 text-sm",
        layout === "columns" && "sm:grid-cols-[minmax(8rem,auto)_1fr]",
        className,
      )}
    >
      {items.map((item, i) => (
        <div key={item.key ?? i} className={layout === "columns" ? "contents" : "flex flex-col gap-0.5"}>
          <dt className="text-muted-foreground">{item.term}</dt>
          <dd className={cn("font-medium", layout === "columns" && "-mt-2 sm:mt-0")}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
