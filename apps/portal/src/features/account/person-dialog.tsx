import { Button, Dialog, DialogContent, DialogTrigger, Field, Input, Select } from "@helpdesk/ui";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "../../i18n";
import { showFieldErrors } from "../common/api-error";
import type { SubmitResult } from "./use-admin-action";

export interface FieldSpec {
  name: string;
  label: string;
  help?: string;
  required?: boolean;
  type?: "text" | "email" | "tel";
  autoComplete?: string;
  options?: { value: string; label: string }[];
}

/** A dialog with a small form (invite a user, add a contact, set the delegate). */
export function FormDialog({
  trigger,
  title,
  description,
  fields,
  defaults,
  submitLabel,
  pending,
  onSubmit,
}: {
  trigger: ReactNode;
  title: string;
  description?: string;
  fields: FieldSpec[];
  defaults?: Record<string, string>;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: Record<string, string>) => Promise<SubmitResult>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      {open ? (
        <DialogContent title={title} description={description} closeLabel={t("common.close")}>
          <Inner
            fields={fields}
            defaults={defaults}
            submitLabel={submitLabel}
            pending={pending}
            onCancel={() => setOpen(false)}
            onSubmit={async (v) => {
              const result = await onSubmit(v);
              if (result === true) setOpen(false);
              return result === true ? null : result.error;
            }}
          />
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function Inner({
  fields,
  defaults,
  submitLabel,
  pending,
  onCancel,
  onSubmit,
}: {
  fields: FieldSpec[];
  defaults?: Record<string, string>;
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  /** resolves to the error when the server refused, so its per-field sentences show at the fields */
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const form = useForm<Record<string, string>>({
    defaultValues: Object.fromEntries(
      fields.map((f) => [f.name, defaults?.[f.name] ?? f.options?.[0]?.value ?? ""]),
    ),
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (v) => {
        const error = await onSubmit(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.trim()])));
        if (error)
          showFieldErrors(
            error,
            fields.map((f) => f.name),
            (name, e) => form.setError(name, e),
          );
      })}
      className="flex flex-col gap-4"
    >
      {fields.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          help={f.help}
          required={f.required}
          requiredLabel={t("common.required")}
          optionalLabel={t("common.optional")}
          error={errors[f.name]?.message}
        >
          {f.options ? (
            <Select {...form.register(f.name)}>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input
              type={f.type ?? "text"}
              autoComplete={f.autoComplete ?? "off"}
              {...form.register(f.name, {
                validate: (v: string) => {
                  if (f.required && !v.trim()) return t("validation.required");
                  if (f.type === "email" && v.trim() && !emailPattern.test(v.trim()))
                    return t("auth.emailInvalid");
                  return true;
                },
              })}
            />
          )}
        </Field>
      ))}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
