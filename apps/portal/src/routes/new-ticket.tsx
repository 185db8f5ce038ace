import { impacts, type Policy, urgencies } from "@helpdesk/domain";
import {
  Alert,
  Button,
  Card,
  CardContent,
  Checkbox,
  Field,
  Input,
  LoadingState,
  PageHeader,
  RadioCard,
  Select,
  Textarea,
  toast,
  useSubmissionKey,
} from "@helpdesk/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { ArrowRight, Bug, ClipboardList, Settings2, Wrench } from "lucide-react";
import { useMemo, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { Link, useNavigate } from "react-router";
import {
  type AttachmentItem,
  AttachmentPicker,
  readyAttachments,
} from "../features/attachments/attachment-picker";
import { describeError, fieldIssues, sentence } from "../features/common/api-error";
import { QueryError } from "../features/common/query-error";
import { ClassificationPreview } from "../features/new-ticket/classification-preview";
import {
  asksImpactUrgency,
  choiceFields,
  infoFieldsFor,
  maySetPriority,
  type NewTicketValues,
  newTicketSchema,
  type PortalInquiryType,
  requiredFieldsFor,
  toOpenInput,
} from "../features/new-ticket/schema";
import { type Me, useMe } from "../features/session/use-me";
import { usePolicy } from "../features/session/use-policy";
import { NotAuthorizedNotice } from "../features/tickets/not-authorized";
import { isLanguage, loadLanguage, useTranslation } from "../i18n";
import { onUnauthorized } from "../lib/session";
import { errorCode } from "../lib/trpc";
import { uploadClient } from "../lib/upload";
import { useFormDraft } from "../lib/use-draft";

const typeIcons = {
  incident: Bug,
  serviceRequest: ClipboardList,
  standardChange: Settings2,
  nonStandardChange: Wrench,
};

export function NewTicketPage() {
  const { t } = useTranslation();
  const me = useMe();
  const policy = usePolicy();
  if (policy.isPending) return <LoadingState label={t("common.loading")} />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => policy.refetch()} />;
  return <NewTicketForm me={me} policy={policy.data} />;
}

function NewTicketForm({ me, policy }: { me: Me; policy: Policy }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partner = me.account.isPartner && policy.partners.enabled;
  const identifier = me.account.partnerIdentifier ?? policy.partners.onBehalfIdentifier;
  const types = policy.inquiryTypes;
  const portalTypes = types.filter((x): x is PortalInquiryType => x !== "nonStandardChange");
  const [attachments, setAttachments] = useState<AttachmentItem[]>([]);
  const [upload, setUpload] = useState<number | null>(null);
  // R-SEC-2: one key a submission, kept across its retries: a retry whose first answer was lost gets the
  // ticket the first attempt opened instead of a second one
  const submission = useSubmissionKey();
  const [formError, setFormError] = useState<{ title: string; message: string; hint: string } | null>(null);
  const [notAuthorized, setNotAuthorized] = useState(false);
  const [wantsQuote, setWantsQuote] = useState(false);

  const uiLanguage = (i18n.resolvedLanguage ?? "en").slice(0, 2);
  const defaultValues: NewTicketValues = {
    inquiryType: portalTypes[0] ?? "incident",
    subject: "",
    description: "",
    impact: "",
    urgency: "",
    express: false,
    priorityId: "",
    language: policy.languages.includes(uiLanguage)
      ? uiLanguage
      : policy.languages.includes(me.account.language)
        ? me.account.language
        : policy.defaultLanguage,
    information: { customerNumber: me.account.customerNumber, contactPhone: me.phone ?? "" },
    forWhom: "own",
    onBehalfIdentifier: "",
  };

  const messages = {
    required: t("validation.required"),
    subjectRequired: t("validation.subjectRequired"),
    subjectTooLong: t("validation.subjectTooLong"),
    descriptionRequired: t("validation.descriptionRequired"),
    chooseImpact: t("validation.chooseImpact"),
    chooseUrgency: t("validation.chooseUrgency"),
    identifierRequired: t("validation.identifierRequired", {
      label: identifier?.label ?? t("newTicket.identifier"),
    }),
    identifierIpv4: t("validation.identifierIpv4"),
  };
  // the schema depends on the chosen inquiry type, so it is built per validation
  const resolver: Resolver<NewTicketValues> = (values, ctx, opts) =>
    (
      zodResolver(
        newTicketSchema(policy, values.inquiryType, { partner, messages }),
      ) as unknown as Resolver<NewTicketValues>
    )(values, ctx, opts);
  const form = useForm<NewTicketValues>({ defaultValues, resolver, mode: "onTouched" });
  const draft = useFormDraft("new-ticket", form);
  const { errors, isSubmitting } = form.formState;

  const type = form.watch("inquiryType");
  const impact = form.watch("impact");
  const urgency = form.watch("urgency");
  const express = form.watch("express");
  const priorityId = form.watch("priorityId");
  const forWhom = form.watch("forWhom");
  const required = useMemo(() => new Set(requiredFieldsFor(policy, type)), [policy, type]);
  const infoFields = infoFieldsFor(policy, type);
  const showIU = asksImpactUrgency(policy, type) || type === "incident";
  const expressOffered =
    me.account.contract.expressAllowed &&
    policy.classifications.some((c) => c.express && c.inquiryTypes.includes(type));
  const busy = isSubmitting || upload !== null || attachments.some((a) => a.progress < 1 && !a.error);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setNotAuthorized(false);
    setUpload(0);
    try {
      // choices are stored as words in the ticket's language, so support reads "Yes" / "Oui"
      const information = { ...values.information };
      if (isLanguage(values.language)) await loadLanguage(values.language);
      for (const id of Object.keys(choiceFields) as (keyof typeof choiceFields)[]) {
        const v = information[id];
        if (v) information[id] = t(`info.choice.${v}`, { lng: values.language });
      }
      const input = {
        ...toOpenInput({ ...values, information }, policy, values.inquiryType, partner),
        attachments: readyAttachments(attachments),
        idempotencyKey: submission.key,
      };
      const created = await uploadClient(setUpload).ticket.open.mutate(input);
      submission.renew();
      form.reset(defaultValues);
      draft.discard();
      setAttachments([]);
      await queryClient.invalidateQueries({ queryKey: [["ticket"]] });
      toast.success(t("newTicket.created", { number: created.number }));
      navigate(`/tickets/${created.id}`, { state: { missingInformation: created.missingInformation } });
    } catch (error) {
      const issues = fieldIssues(error);
      for (const issue of issues) {
        const path = issue.path.join(".");
        if (
          path === "onBehalfIdentifier" ||
          path === "subject" ||
          path === "description" ||
          path.startsWith("information.")
        )
          form.setError(path as keyof NewTicketValues, { message: sentence(issue.message) });
      }
      const code = errorCode(error);
      if (code === "UNAUTHORIZED") {
        onUnauthorized(); // the layout sends to sign-in; the draft is kept
        return;
      }
      if (code === "FORBIDDEN" && /R-ACT-3|authorized support contact/i.test((error as Error).message))
        setNotAuthorized(true);
      else setFormError(describeError(error, t));
    } finally {
      setUpload(null);
    }
  });

  const chooseType = (value: string) => {
    if (value === "nonStandardChange") {
      setWantsQuote(true);
      return;
    }
    setWantsQuote(false);
    form.setValue("inquiryType", value as PortalInquiryType, { shouldDirty: true });
  };

  return (
    <>
      <PageHeader title={t("newTicket.title")} description={t("newTicket.intro")} />
      {draft.restored ? (
        <Alert tone="info" role="status" className="mb-4" title={t("drafts.restoredTitle")}>
          {t("drafts.restoredBody")}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[1fr_20rem]" aria-busy={busy}>
        <div className="flex flex-col gap-6">
          <fieldset className="flex flex-col gap-3">
            <legend className="mb-2 text-base font-semibold">{t("newTicket.typeQuestion")}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {types.map((ty) => {
                const Icon = typeIcons[ty];
                return (
                  <RadioCard
                    key={ty}
                    name="inquiryTypeChoice"
                    value={ty}
                    checked={ty === "nonStandardChange" ? wantsQuote : !wantsQuote && type === ty}
                    onChange={(e) => chooseType(e.target.value)}
                    icon={<Icon className="size-5" />}
                    title={t(`inquiryType.${ty}.title`)}
                    description={t(`inquiryType.${ty}.description`)}
                    data-testid={`type-${ty}`}
                  />
                );
              })}
            </div>
          </fieldset>

          {wantsQuote ? (
            <Alert
              tone="info"
              role="region"
              title={t("newTicket.quoteTitle")}
              action={
                <Button asChild size="sm">
                  <Link to="/tickets/quote">
                    {t("newTicket.quoteAction")}
                    <ArrowRight aria-hidden="true" className="size-4" />
                  </Link>
                </Button>
              }
            >
              {t("newTicket.quoteBody")}
            </Alert>
          ) : (
            <>
              {notAuthorized || !me.isAuthorizedContact ? <NotAuthorizedNotice /> : null}
              {formError ? (
                <Alert tone="danger" role="alert" title={formError.title}>
                  <p>{formError.message}</p>
                  {formError.hint ? <p className="mt-1">{formError.hint}</p> : null}
                </Alert>
              ) : null}

              {partner ? (
                <Card>
                  <CardContent className="flex flex-col gap-4 pt-5">
                    <h2 className="text-base font-semibold">{t("newTicket.onBehalfTitle")}</h2>
                    <p className="-mt-2 text-sm text-muted-foreground">{t("newTicket.onBehalfIntro")}</p>
                    <fieldset className="flex flex-col gap-2">
                      <legend className="mb-1 text-sm font-medium">{t("newTicket.forWhom")}</legend>
                      <RadioCard
                        value="own"
                        title={t("newTicket.forOwn", { account: me.account.name })}
                        {...form.register("forWhom")}
                      />
                      <RadioCard
                        value="managed"
                        title={t("newTicket.forManaged")}
                        description={t("newTicket.forManagedHelp")}
                        {...form.register("forWhom")}
                      />
                    </fieldset>
                    {forWhom === "managed" ? (
                      <Field
                        label={identifier?.label ?? t("newTicket.identifier")}
                        help={
                          identifier?.kind === "ipv4"
                            ? t("newTicket.identifierHelpIp")
                            : t("newTicket.identifierHelp")
                        }
                        error={errors.onBehalfIdentifier?.message}
                        required
                        requiredLabel={t("common.required")}
                      >
                        <Input
                          autoComplete="off"
                          inputMode={identifier?.kind === "ipv4" ? "decimal" : "text"}
                          {...form.register("onBehalfIdentifier")}
                        />
                      </Field>
                    ) : null}
                  </CardContent>
                </Card>
              ) : null}

              <Card>
                <CardContent className="flex flex-col gap-4 pt-5">
                  <h2 className="text-base font-semibold">{t("newTicket.describeTitle")}</h2>
                  <Field
                    label={t("newTicket.subject")}
                    help={t(`newTicket.subjectHelp.${type}`)}
                    error={errors.subject?.message}
                    required
                    requiredLabel={t("common.required")}
                  >
                    <Input maxLength={200} {...form.register("subject")} />
                  </Field>
                  <Field
                    label={t("info.description.label")}
                    help={t(`info.description.help.${type}`)}
                    error={errors.description?.message}
                    required
                    requiredLabel={t("common.required")}
                  >
                    <Textarea rows={6} {...form.register("description")} />
                  </Field>
                  {showIU ? (
                    <div className="grid gap-4 sm:grid-cols-2">
                      <Field
                        label={t("newTicket.impact")}
                        help={t("newTicket.impactHelp")}
                        error={errors.impact?.message}
                        required={type === "incident"}
                        requiredLabel={t("common.required")}
                        optionalLabel={t("common.optional")}
                      >
                        <Select {...form.register("impact")}>
                          <option value="">{t("common.choose")}</option>
                          {impacts.map((i) => (
                            <option key={i} value={i}>
                              {t(`impact.${i}`)}
                            </option>
                          ))}
                        </Select>
                      </Field>
                      <Field
                        label={t("newTicket.urgency")}
                        help={t("newTicket.urgencyHelp")}
                        error={errors.urgency?.message}
                        required={type === "incident"}
                        requiredLabel={t("common.required")}
                        optionalLabel={t("common.optional")}
                      >
                        <Select {...form.register("urgency")}>
                          <option value="">{t("common.choose")}</option>
                          {urgencies.map((u) => (
                            <option key={u} value={u}>
                              {t(`urgency.${u}`)}
                            </option>
                          ))}
                        </Select>
                      </Field>
                    </div>
                  ) : null}
                  {expressOffered ? (
                    <Checkbox
                      label={t("newTicket.express")}
                      help={t("newTicket.expressHelp")}
                      {...form.register("express")}
                    />
                  ) : null}
                  <div className="grid gap-4 sm:grid-cols-2">
                    {maySetPriority(policy) ? (
                      <Field
                        label={t("newTicket.priority")}
                        help={t("newTicket.priorityHelp")}
                        optionalLabel={t("common.optional")}
                      >
                        <Select {...form.register("priorityId")}>
                          <option value="">{t("newTicket.priorityAuto")}</option>
                          {[...policy.priorities]
                            .sort((a, b) => a.rank - b.rank)
                            .map((p) => (
                              <option key={p.id} value={p.id}>
                                {p.name}
                                {p.description ? ` — ${p.description}` : ""}
                              </option>
                            ))}
                        </Select>
                      </Field>
                    ) : null}
                    <Field label={t("newTicket.language")} help={t("newTicket.languageHelp")}>
                      <Select {...form.register("language")}>
                        {policy.languages.map((l) => (
                          <option key={l} value={l}>
                            {new Intl.DisplayNames([i18n.resolvedLanguage ?? "en"], { type: "language" }).of(
                              l,
                            ) ?? l}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </div>
                </CardContent>
              </Card>

              {infoFields.length ? (
                <Card>
                  <CardContent className="flex flex-col gap-4 pt-5">
                    <div>
                      <h2 className="text-base font-semibold">{t("newTicket.infoTitle")}</h2>
                      <p className="text-sm text-muted-foreground">{t("newTicket.infoIntro")}</p>
                    </div>
                    {infoFields.map((id) => {
                      const choices = choiceFields[id];
                      const error = errors.information?.[id]?.message;
                      return (
                        <Field
                          key={id}
                          label={t(`info.${id}.label`)}
                          help={t(`info.${id}.help`)}
                          error={error}
                          required={required.has(id)}
                          requiredLabel={t("common.required")}
                          optionalLabel={t("common.optional")}
                        >
                          {choices ? (
                            <Select {...form.register(`information.${id}`)}>
                              <option value="">{t("common.choose")}</option>
                              {choices.map((c) => (
                                <option key={c} value={c}>
                                  {t(`info.choice.${c}`)}
                                </option>
                              ))}
                            </Select>
                          ) : id === "impactedTransactions" ||
                            id === "reproduction" ||
                            id === "stepsTaken" ? (
                            <Textarea rows={3} {...form.register(`information.${id}`)} />
                          ) : (
                            <Input
                              type={id === "contactPhone" ? "tel" : "text"}
                              autoComplete={id === "contactPhone" ? "tel" : "off"}
                              {...form.register(`information.${id}`)}
                            />
                          )}
                        </Field>
                      );
                    })}
                  </CardContent>
                </Card>
              ) : null}

              <Card>
                <CardContent className="flex flex-col gap-3 pt-5">
                  <h2 className="text-base font-semibold">{t("attachments.title")}</h2>
                  <AttachmentPicker items={attachments} onChange={setAttachments} disabled={isSubmitting} />
                </CardContent>
              </Card>

              <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
                <Button type="submit" size="lg" loading={isSubmitting} disabled={busy}>
                  {t("newTicket.submit")}
                </Button>
                {upload !== null && attachments.length ? (
                  <div className="flex flex-1 items-center gap-2 text-sm" role="status">
                    <progress
                      className="h-2 flex-1 accent-primary"
                      max={1}
                      value={upload}
                      aria-label={t("attachments.uploading")}
                    />
                    <span>{Math.round(upload * 100)} %</span>
                  </div>
                ) : null}
                <p className="text-sm text-muted-foreground">{t("drafts.autosaved")}</p>
              </div>
            </>
          )}
        </div>
        {!wantsQuote ? (
          <aside className="flex flex-col gap-4 lg:sticky lg:top-20 lg:self-start">
            <ClassificationPreview
              policy={policy}
              serviceLevelId={me.account.serviceLevelId}
              inquiryType={type}
              impact={impact}
              urgency={urgency}
              express={express}
              requestedPriorityId={maySetPriority(policy) ? priorityId : ""}
              expressAllowed={me.account.contract.expressAllowed}
            />
          </aside>
        ) : null}
      </form>
    </>
  );
}
