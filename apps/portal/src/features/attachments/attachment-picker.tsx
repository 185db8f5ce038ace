import { Button, cn, formatBytes } from "@helpdesk/ui";
import { FileText, Paperclip, Trash2, UploadCloud } from "lucide-react";
import { type DragEvent, useId, useRef, useState } from "react";
import { useTranslation } from "../../i18n";
import { useLocale } from "../common/use-locale";
import { checkNewFiles, MAX_FILES, MAX_TOTAL_BYTES, readAsBase64 } from "./files";

export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  /** reading progress 0…1 */
  progress: number;
  contentBase64?: string;
  error?: string;
}

/** The files ready to send, in the API's shape. */
export function readyAttachments(items: AttachmentItem[]) {
  return items
    .filter((a) => a.contentBase64 && !a.error)
    .map((a) => ({ fileName: a.name, contentBase64: a.contentBase64 as string }));
}

/**
 * Drag and drop (or choose) files; each shows its size and reading progress; the limits are explained
 * up front and a refused file says why. Keyboard: the "choose files" button opens the file dialog.
 */
export function AttachmentPicker({
  items,
  onChange,
  disabled,
}: {
  items: AttachmentItem[];
  onChange: (update: (prev: AttachmentItem[]) => AttachmentItem[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [refusals, setRefusals] = useState<string[]>([]);
  const ids = useId();

  const add = (files: File[]) => {
    const { accepted, refused } = checkNewFiles(items, files);
    setRefusals(
      refused.map(({ file, problem }) =>
        t(`attachments.problem.${problem}`, {
          name: file.name,
          max: MAX_FILES,
          total: formatBytes(MAX_TOTAL_BYTES, locale),
        }),
      ),
    );
    for (const file of accepted) {
      const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
      onChange((prev) => [...prev, { id, name: file.name, size: file.size, progress: 0 }]);
      readAsBase64(file, (p) =>
        onChange((prev) => prev.map((a) => (a.id === id ? { ...a, progress: p } : a))),
      )
        .then((contentBase64) =>
          onChange((prev) => prev.map((a) => (a.id === id ? { ...a, contentBase64, progress: 1 } : a))),
        )
        .catch(() =>
          onChange((prev) =>
            prev.map((a) => (a.id === id ? { ...a, error: t("attachments.readError") } : a)),
          ),
        );
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!disabled) add([...e.dataTransfer.files]);
  };

  const total = items.reduce((s, a) => s + a.size, 0);
  return (
    <div className="flex flex-col gap-2">
      <fieldset
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
        className={cn(
          "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center transition-colors",
          dragging ? "border-primary bg-accent" : "border-border bg-card",
        )}
      >
        <legend className="sr-only">{t("attachments.title")}</legend>
        <UploadCloud aria-hidden="true" className="size-7 text-muted-foreground" />
        <p className="text-sm">{t("attachments.drop")}</p>
        <Button variant="outline" size="sm" onClick={() => inputRef.current?.click()} disabled={disabled}>
          <Paperclip aria-hidden="true" className="size-4" />
          {t("attachments.choose")}
        </Button>
        <p id={`${ids}-limits`} className="text-xs text-muted-foreground">
          {t("attachments.limits", { max: MAX_FILES, total: formatBytes(MAX_TOTAL_BYTES, locale) })}
        </p>
        <input
          ref={inputRef}
          type="file"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label={t("attachments.choose")}
          aria-describedby={`${ids}-limits`}
          data-testid="file-input"
          onChange={(e) => {
            add([...(e.target.files ?? [])]);
            e.target.value = "";
          }}
        />
      </fieldset>
      {refusals.length ? (
        <ul role="alert" className="flex flex-col gap-1 text-sm font-medium text-danger-text">
          {refusals.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {items.length ? (
        <ul className="flex flex-col gap-1.5" aria-label={t("attachments.list")}>
          {items.map((a) => (
            <li
              key={a.id}
              className="flex items-center gap-3 rounded-md border border-border bg-card px-3 py-2 text-sm"
            >
              <FileText aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <span className="truncate font-medium">{a.name}</span>
                {a.error ? (
                  <span className="text-danger-text">{a.error}</span>
                ) : a.progress < 1 ? (
                  <progress
                    className="h-1.5 w-full accent-primary"
                    max={1}
                    value={a.progress}
                    aria-label={t("attachments.reading", { name: a.name })}
                  />
                ) : (
                  <span className="text-xs text-muted-foreground">{formatBytes(a.size, locale)}</span>
                )}
              </div>
              <Button
                variant="ghost"
                size="icon"
                className="size-8"
                aria-label={t("attachments.remove", { name: a.name })}
                onClick={() => onChange((prev) => prev.filter((x) => x.id !== a.id))}
                disabled={disabled}
              >
                <Trash2 aria-hidden="true" className="size-4" />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {items.length ? (
        <p className="text-xs text-muted-foreground">
          {t("attachments.total", {
            size: formatBytes(total, locale),
            total: formatBytes(MAX_TOTAL_BYTES, locale),
          })}
        </p>
      ) : null}
    </div>
  );
}
