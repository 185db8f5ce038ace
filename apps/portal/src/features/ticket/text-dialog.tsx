import { Button, Dialog, DialogContent, DialogTrigger, Field, Textarea } from "@helpdesk/ui";
import { type ReactNode, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "../../i18n";
import { useFormDraft } from "../../lib/use-draft";

/**
 * A button that opens a dialog asking for one text (a reason), kept as a draft until sent.
 * `onSubmit` resolves true when the action succeeded (the dialog then closes).
 */
export function TextDialog({
  trigger,
  title,
  description,
  label,
  help,
  required,
  submitLabel,
  draftKey,
  pending,
  onSubmit,
  variant = "primary",
}: {
  trigger: ReactNode;
  title: string;
  description?: ReactNode;
  label: string;
  help?: string;
  required: boolean;
  submitLabel: string;
  draftKey: string;
  pending: boolean;
  onSubmit: (text: string) => Promise<boolean>;
  variant?: "primary" | "danger";
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      {open ? (
        <DialogContent title={title} description={description} closeLabel={t("common.close")}>
          <TextDialogForm
            label={label}
            help={help}
            required={required}
            submitLabel={submitLabel}
            draftKey={draftKey}
            pending={pending}
            variant={variant}
            onCancel={() => setOpen(false)}
            onSubmit={async (text) => {
              const done = await onSubmit(text);
              if (done) setOpen(false);
              return done;
            }}
          />
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

function TextDialogForm({
  label,
  help,
  required,
  submitLabel,
  draftKey,
  pending,
  variant,
  onCancel,
  onSubmit,
}: {
  label: string;
  help?: string;
  required: boolean;
  submitLabel: string;
  draftKey: string;
  pending: boolean;
  variant: "primary" | "danger";
  onCancel: () => void;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const form = useForm<{ text: string }>({ defaultValues: { text: "" } });
  const draft = useFormDraft(draftKey, form);
  const submit = form.handleSubmit(async ({ text }) => {
    if (await onSubmit(text.trim())) draft.discard();
  });
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <Field
        label={label}
        help={help}
        required={required}
        requiredLabel={t("common.required")}
        optionalLabel={t("common.optional")}
        error={form.formState.errors.text?.message}
      >
        <Textarea
          rows={4}
          autoFocus
          {...form.register("text", {
            validate: (v) => !required || v.trim().length > 0 || t("validation.reasonRequired"),
          })}
        />
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" variant={variant} loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
