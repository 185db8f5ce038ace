import { Tooltip as T } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "../lib/cn";

/** Optional: one provider near the root shares the open delay between tooltips. Each Tooltip brings its own. */
export const TooltipProvider = T.Provider;

/** A short hint on hover and focus. The trigger must be focusable (a button or link). */
export function Tooltip({
  content,
  children,
  side = "top",
  className,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "bottom" | "left" | "right";
  className?: string;
}) {
  return (
    <T.Provider delayDuration={300}>
      <T.Root>
        <T.Trigger asChild>{children}</T.Trigger>
        <T.Portal>
          <T.Content
            side={side}
            sideOffset={6}
            className={cn(
              "z-50 max-w-xs rounded-md bg-foreground px-2.5 py-1.5 text-xs text-background shadow-md",
              className,
            )}
          >
            {content}
          </T.Content>
        </T.Portal>
      </T.Root>
    </T.Provider>
  );
}
