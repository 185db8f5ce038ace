import { type ButtonHTMLAttributes, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { cn } from "../lib/cn";

/**
 * A light disclosure menu (button + panel) without a positioning engine: for the few actions of a top
 * bar (user menu) where the full DropdownMenu would weigh on the first page load. Escape and a click
 * outside close it and focus returns to the button; the panel's content is plain buttons and links.
 */
export function MenuButton({
  trigger,
  label,
  children,
  align = "end",
  className,
  triggerClassName,
}: {
  /** the button's visible content */
  trigger: ReactNode;
  /** the button's accessible name */
  label: string;
  /** the panel; receives `close` to call after an action */
  children: (close: () => void) => ReactNode;
  align?: "start" | "end";
  className?: string;
  triggerClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = (focus = true) => {
    setOpen(false);
    if (focus) button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-foreground hover:bg-muted",
          triggerClassName,
        )}
      >
        {trigger}
      </button>
      {open ? (
        <div
          id={`${id}-panel`}
          className={cn(
            "absolute top-full z-50 mt-1.5 min-w-52 rounded-md border border-border bg-card p-1 text-card-foreground shadow-lg",
            align === "end" ? "right-0" : "left-0",
            className,
          )}
        >
          {children(() => close())}
        </div>
      ) : null}
    </div>
  );
}

/** An action inside a MenuButton panel. */
export function MenuButtonItem({ className, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      className={cn(
        "flex w-full items-center gap-2 rounded-sm px-2.5 py-2 text-left text-sm hover:bg-muted focus-visible:bg-muted",
        className,
      )}
      {...props}
    />
  );
}
