import { AlertTriangle, CheckCircle2, Info, OctagonAlert } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "../lib/cn";

export type AlertTone = "info" | "warning" | "danger" | "success";

const toneClasses: Record<AlertTone, string> = {
  info: "bg-tone-blue-bg text-tone-blue-fg",
  warning: "bg-tone-amber-bg text-tone-amber-fg",
  danger: "bg-tone-red-bg text-tone-red-fg",
  success: "bg-tone-green-bg text-tone-green-fg",
};
const icons: Record<AlertTone, typeof Info> = {
  info: Info,
  warning: AlertTriangle,
  danger: OctagonAlert,
  success: CheckCircle2,
};

/** An inline message box (banners, notices). `role="alert"` only when it must interrupt. */
export function Alert({
  tone = "info",
  title,
  children,
  action,
  role,
  className,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  role?: "alert" | "status" | "region";
  className?: string;
}) {
  const Icon = icons[tone];
  return (
    <div
      role={role}
      className={cn(
        "flex flex-col gap-2 rounded-lg px-4 py-3 sm:flex-row sm:items-start",
        toneClasses[tone],
        className,
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div className="flex flex-1 flex-col gap-0.5 text-sm">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
