import type { Policy } from "@helpdesk/domain";
import { Button, Dialog, DialogContent, DialogTrigger, Field, Input, Select, Textarea } from "@helpdesk/ui";
import { TrendingUp } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "../../i18n";
import { useFormDraft } from "../../lib/use-draft";

export interface EscalationValues {
  companyName: string;
  callerName: string;
  callerPhone: string;
  ticketNumbers: string;
  supportDescription: SupportDescriptionKind | "";
  supportDetails: string;
  requestedAction: string;
}

export const supportDescriptions = ["outOfService", "degraded", "other"] as const;
export type SupportDescriptionKind = (typeof supportDescriptions)[number];

/** Splits "RCR 0000012, RCR 0000013" into numbers. */
export function parseTicketNumbers(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

/** R-ESC-2: a customer escalation gives company, caller name and phone, tickets, what is wrong and what to do. */
export function EscalateDialog({
  policy,
  ticketId,
  defaults,
  pending,
  onSubmit,
}: {
  policy: Policy;
  ticketId: string;
  defaults: Pick<EscalationValues, "companyName" | "callerName" | "callerPhone" | "ticketNumbers">;
  pending: boolean;
  onSubmit: (values: EscalationValues & { ticketNumberList: string[] }) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const required = new Set(policy.escalation.customerFields);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <TrendingUp aria-hidden="true" className="size-4" />
          {t("ticket.actions.escalate")}
        </Button>
      </DialogTrigger>
      {open ? (
        <DialogContent
          title={t("escalate.title")}
          description={t("escalate.intro")}
          closeLabel={t("common.close")}
          className="max-w-xl"
        >
          <EscalateForm
            ticketId={ticketId}
            defaults={defaults}
            required={required}
            pending={pending}
            onCancel={() => setOpen(false)}
            onSubmit={async (v) => {
              const done = await onSubmit(v);
              if (done) setOpen(false);
              return done;
            }}
          />
        </DialogContent>
      ) : null}
    </Dialog>
  );
}

function EscalateForm({
  ticketId,
  defaults,
  required,
  pending,
  onCancel,
  onSubmit,
}: {
  ticketId: string;
  defaults: Pick<EscalationValues, "companyName" | "callerName" | "callerPhone" | "ticketNumbers">;
  required: Set<string>;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (values: EscalationValues & { ticketNumberList: string[] }) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const form = useForm<EscalationValues>({
    defaultValues: { ...defaults, supportDescription: "", supportDetails: "", requestedAction: "" },
  });
  const draft = useFormDraft(`escalate:${ticketId}`, form);
  const { errors } = form.formState;
  const req = (name: keyof EscalationValues) => ({
    validate: (v: string) => !required.has(name) || v.trim().length > 0 || t("validation.required"),
  });
  const submit = form.handleSubmit(async (v) => {
    const done = await onSubmit({ ...v, ticketNumberList: parseTicketNumbers(v.ticketNumbers) });
    if (done) draft.discard();
  });
  const common = { requiredLabel: t("common.required"), optionalLabel: t("common.optional") };
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("escalate.companyName")}
          required={required.has("companyName")}
          error={errors.companyName?.message}
          {...common}
        >
          <Input autoComplete="organization" {...form.register("companyName", req("companyName"))} />
        </Field>
        <Field
          label={t("escalate.callerName")}
          required={required.has("callerName")}
          error={errors.callerName?.message}
          {...common}
        >
          <Input autoComplete="name" {...form.register("callerName", req("callerName"))} />
        </Field>
        <Field
          label={t("escalate.callerPhone")}
          help={t("escalate.callerPhoneHelp")}
          required={required.has("callerPhone")}
          error={errors.callerPhone?.message}
          {...common}
        >
          <Input type="tel" autoComplete="tel" {...form.register("callerPhone", req("callerPhone"))} />
        </Field>
        <Field
          label={t("escalate.ticketNumbers")}
          help={t("escalate.ticketNumbersHelp")}
          required={required.has("ticketNumbers")}
          error={errors.ticketNumbers?.message}
          {...common}
        >
          <Input {...form.register("ticketNumbers", req("ticketNumbers"))} />
        </Field>
      </div>
      <Field
        label={t("escalate.supportDescription")}
        help={t("escalate.supportDescriptionHelp")}
        required={required.has("supportDescription")}
        error={errors.supportDescription?.message}
        {...common}
      >
        <Select {...form.register("supportDescription", req("supportDescription"))}>
          <option value="">{t("common.choose")}</option>
          {supportDescriptions.map((d) => (
            <option key={d} value={d}>
              {t(`escalate.description.${d}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t("escalate.supportDetails")}
        help={t("escalate.supportDetailsHelp")}
        required={form.watch("supportDescription") === "other"}
        error={errors.supportDetails?.message}
        {...common}
      >
        <Textarea
          rows={2}
          {...form.register("supportDetails", {
            validate: (v, all) =>
              all.supportDescription !== "other" || v.trim().length > 0 || t("validation.required"),
          })}
        />
      </Field>
      <Field
        label={t("escalate.requestedAction")}
        help={t("escalate.requestedActionHelp")}
        required={required.has("requestedAction")}
        error={errors.requestedAction?.message}
        {...common}
      >
        <Textarea rows={3} {...form.register("requestedAction", req("requestedAction"))} />
      </Field>
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="outline" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
        <Button type="submit" loading={pending}>
          {t("escalate.submit")}
        </Button>
      </div>
    </form>
  );
}
