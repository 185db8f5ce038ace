import {
  createContext,
  type InputHTMLAttributes,
  type LabelHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useContext,
  useId,
} from "react";
import { cn } from "../lib/cn";

/**
 * Form fields. `<Field label help error>` gives its one control an id, ties the label to it (`for=`),
 * points `aria-describedby` at the help text and error, and sets `aria-invalid` when there is an error.
 *
 * ```tsx
 * <Field label="Subject" help="One line, e.g. 'Fax delivery fails'" error={errors.subject?.message} required>
 *   <Input {...register("subject")} />
 * </Field>
 * ```
 */
interface FieldContextValue {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}
const FieldContext = createContext<FieldContextValue | null>(null);

/** The accessibility props of the control inside the nearest `<Field>` (empty outside one). */
export function useFieldControl(props: {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false" | "grammar" | "spelling";
  required?: boolean;
}) {
  const ctx = useContext(FieldContext);
  if (!ctx) return {};
  const describedBy = [ctx.describedBy, props["aria-describedby"]].filter(Boolean).join(" ") || undefined;
  return {
    id: props.id ?? ctx.id,
    "aria-describedby": describedBy,
    "aria-invalid": props["aria-invalid"] ?? (ctx.invalid || undefined),
    "aria-required": ctx.required || undefined,
  };
}

export interface FieldProps {
  label: ReactNode;
  /** a sentence that explains what to give and why (shown under the label) */
  help?: ReactNode;
  /** the validation message; shown in red and announced with the control */
  error?: ReactNode;
  required?: boolean;
  /** marks optional fields, e.g. "(optional)"; shown when `required` is false and this is set */
  optionalLabel?: ReactNode;
  /** text announced for the required marker, default "required" */
  requiredLabel?: string;
  id?: string;
  className?: string;
  children: ReactNode;
}

export function Field({
  label,
  help,
  error,
  required = false,
  optionalLabel,
  requiredLabel = "required",
  id,
  className,
  children,
}: FieldProps) {
  const auto = useId();
  const controlId = id ?? `f${auto.replace(/:/g, "")}`;
  const helpId = help ? `${controlId}-help` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FieldContext.Provider value={{ id: controlId, describedBy, invalid: Boolean(error), required }}>
      <div className={cn("flex flex-col gap-1.5", className)}>
        <Label htmlFor={controlId}>
          {label}
          {required ? (
            <span className="ml-0.5 text-danger-text" title={requiredLabel}>
              <span aria-hidden="true">*</span>
              <span className="sr-only"> ({requiredLabel})</span>
            </span>
          ) : optionalLabel ? (
            <span className="ml-1 font-normal text-muted-foreground">{optionalLabel}</span>
          ) : null}
        </Label>
        {help ? <HelpText id={helpId}>{help}</HelpText> : null}
        {children}
        {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      </div>
    </FieldContext.Provider>
  );
}

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: htmlFor is passed by the caller
  return <label className={cn("text-sm font-medium text-foreground", className)} {...props} />;
}

export function HelpText({ className, ...props }: { id?: string; className?: string; children: ReactNode }) {
  return <p className={cn("text-sm text-muted-foreground", className)} {...props} />;
}

export function FieldError({
  className,
  ...props
}: {
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  return <p role="alert" className={cn("text-sm font-medium text-danger-text", className)} {...props} />;
}

const controlClasses =
  "w-full rounded-md border border-input bg-card px-3 text-sm text-foreground shadow-xs placeholder:text-muted-foreground " +
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring " +
  "disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger aria-invalid:ring-1 aria-invalid:ring-danger";

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  ref?: Ref<HTMLInputElement>;
}
export function Input({ className, ...props }: InputProps) {
  const a11y = useFieldControl(props);
  return <input className={cn(controlClasses, "h-10", className)} {...props} {...a11y} />;
}

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: Ref<HTMLTextAreaElement>;
}
export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  const a11y = useFieldControl(props);
  return <textarea rows={rows} className={cn(controlClasses, "py-2", className)} {...props} {...a11y} />;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  ref?: Ref<HTMLSelectElement>;
}
/** A native <select>: works with every keyboard, screen reader and phone picker. */
export function Select({ className, children, ...props }: SelectProps) {
  const a11y = useFieldControl(props);
  return (
    <select className={cn(controlClasses, "h-10 pr-8", className)} {...props} {...a11y}>
      {children}
    </select>
  );
}

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}
/** A native checkbox with its own label, help and error. */
export function Checkbox({ label, help, error, className, id, ...props }: CheckboxProps) {
  const auto = useId();
  const controlId = id ?? `c${auto.replace(/:/g, "")}`;
  const helpId = help ? `${controlId}-help` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return (
    <div className={cn("flex items-start gap-2.5", className)}>
      <input
        type="checkbox"
        id={controlId}
        className="mt-0.5 size-4 shrink-0 rounded border-input accent-primary"
        aria-describedby={[helpId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
        {...props}
      />
      <div className="flex flex-col gap-0.5">
        <Label htmlFor={controlId} className="font-normal">
          {label}
        </Label>
        {help ? <HelpText id={helpId}>{help}</HelpText> : null}
        {error ? <FieldError id={errorId}>{error}</FieldError> : null}
      </div>
    </div>
  );
}

export interface RadioCardProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "title"> {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}
/** A large selectable card backed by a native radio (group them in a <fieldset> with a <legend>). */
export function RadioCard({ title, description, icon, className, id, ...props }: RadioCardProps) {
  const auto = useId();
  const controlId = id ?? `r${auto.replace(/:/g, "")}`;
  return (
    <label
      htmlFor={controlId}
      className={cn(
        "relative flex cursor-pointer gap-3 rounded-lg border border-border bg-card p-4 transition-colors hover:bg-muted",
        "has-[:checked]:border-primary has-[:checked]:ring-1 has-[:checked]:ring-primary has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
        className,
      )}
    >
      <input type="radio" id={controlId} className="peer sr-only" {...props} />
      {icon ? (
        <span aria-hidden="true" className="mt-0.5 text-muted-foreground">
          {icon}
        </span>
      ) : null}
      <span className="flex flex-col gap-1">
        <span className="text-sm font-semibold">{title}</span>
        {description ? <span className="text-sm text-muted-foreground">{description}</span> : null}
      </span>
    </label>
  );
}
