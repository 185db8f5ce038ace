import { Button, Field, Textarea } from "@helpdesk/ui";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "../../i18n";
import { uploadClient } from "../../lib/upload";
import { useFormDraft } from "../../lib/use-draft";
import { type AttachmentItem, AttachmentPicker, readyAttachments } from "../attachments/attachment-picker";
import { showFieldErrors } from "../common/api-error";
import { useTicketAction } from "./use-ticket-action";

/** R-LC-2: a reply (with files) from the customer; it moves a waiting ticket back to open by itself. */
export function ReplyForm({
  ticketId,
  version,
  waiting,
}: {
  ticketId: string;
  version: number;
  waiting: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm<{ body: string }>({ defaultValues: { body: "" } });
  const draft = useFormDraft(`reply:${ticketId}`, form);
  const [attachments, setAttachments] = useState<AttachmentItem[]>([]);
  const [showFiles, setShowFiles] = useState(false);
  const [upload, setUpload] = useState<number | null>(null);
  const action = useTicketAction(
    ticketId,
    async (body: string) => {
      setUpload(0);
      try {
        return await uploadClient(setUpload).ticket.reply.mutate({
          id: ticketId,
          expectedVersion: version,
          body,
          attachments: readyAttachments(attachments),
        });
      } finally {
        setUpload(null);
      }
    },
    {
      success: t("ticket.replySent"),
      onSuccess: () => {
        form.reset({ body: "" });
        draft.discard();
        setAttachments([]);
        setShowFiles(false);
      },
    },
  );
  const reading = attachments.some((a) => a.progress < 1 && !a.error);
  const onSubmit = form.handleSubmit(({ body }) =>
    action.mutate(body, {
      // the server's sentence for the text itself shows at the field (the toast says the rest)
      onError: (error) => showFieldErrors(error, ["body"], (_, e) => form.setError("body", e)),
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <Field
        label={t("ticket.replyTitle")}
        help={waiting ? t("ticket.replyHelpWaiting") : t("ticket.replyHelp")}
        error={form.formState.errors.body?.message}
      >
        <Textarea
          rows={5}
          {...form.register("body", {
            validate: (v) => v.trim().length > 0 || t("validation.messageRequired"),
          })}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void onSubmit();
          }}
        />
      </Field>
      {showFiles ? (
        <AttachmentPicker items={attachments} onChange={setAttachments} disabled={action.isPending} />
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" loading={action.isPending} disabled={reading}>
          {t("ticket.send")}
        </Button>
        {!showFiles ? (
          <Button variant="ghost" onClick={() => setShowFiles(true)}>
            {t("attachments.add")}
          </Button>
        ) : null}
        {upload !== null && attachments.length ? (
          <progress
            className="h-2 w-32 accent-primary"
            max={1}
            value={upload}
            aria-label={t("attachments.uploading")}
          />
        ) : null}
        <span className="text-xs text-muted-foreground">{t("ticket.sendShortcut")}</span>
      </div>
    </form>
  );
}
