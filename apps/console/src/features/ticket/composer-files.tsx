/**
 * R-TKT-8, R-MAIL-5: files on a reply or note. A public reply's files are sent as the mail's attachments.
 * The server checks everything again (packages/api attachments.ts); the limits here only tell the agent
 * before uploading: at most 10 files, 10 MB in total.
 */
import { Button, formatBytes } from "@helpdesk/ui";
import { Paperclip, X } from "lucide-react";
import { useId, useRef, useState } from "react";

const MAX_FILES = 10;
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

export interface ComposerFile {
  id: string;
  fileName: string;
  size: number;
  contentBase64: string;
}

/** A file's bytes as base64 (what the API takes). */
function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}

export function ComposerFiles({
  files,
  onChange,
  disabled,
}: {
  files: ComposerFile[];
  onChange: (update: (prev: ComposerFile[]) => ComposerFile[]) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);

  const add = async (chosen: File[]) => {
    let count = files.length;
    let total = files.reduce((s, f) => s + f.size, 0);
    const refused: string[] = [];
    for (const file of chosen) {
      if (file.size === 0) refused.push(`${file.name} is empty`);
      else if (count + 1 > MAX_FILES) refused.push(`${file.name}: at most ${MAX_FILES} files`);
      else if (total + file.size > MAX_TOTAL_BYTES)
        refused.push(`${file.name}: the files may total at most ${formatBytes(MAX_TOTAL_BYTES, "en")}`);
      else {
        count++;
        total += file.size;
        const contentBase64 = await readAsBase64(file);
        const entry = {
          id: `${Date.now()}-${Math.random()}`,
          fileName: file.name,
          size: file.size,
          contentBase64,
        };
        onChange((prev) => [...prev, entry]);
      }
    }
    setProblem(refused.length ? `Not attached: ${refused.join("; ")}.` : null);
  };

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          type="file"
          aria-label="Files to attach"
          multiple
          className="sr-only"
          data-testid="composer-files"
          disabled={disabled}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = "";
            void add(chosen);
          }}
        />
        <Button
          size="sm"
          variant="outline"
          type="button"
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          <Paperclip className="size-3.5" aria-hidden="true" /> Attach files
        </Button>
        {files.map((f) => (
          <span
            key={f.id}
            className="inline-flex items-center gap-1 rounded border border-border px-2 py-0.5 text-xs"
          >
            {f.fileName} ({formatBytes(f.size, "en")})
            <button
              type="button"
              aria-label={`Remove ${f.fileName}`}
              className="text-muted-foreground hover:text-foreground"
              onClick={() => onChange((prev) => prev.filter((x) => x.id !== f.id))}
            >
              <X className="size-3" aria-hidden="true" />
            </button>
          </span>
        ))}
      </div>
      {problem ? (
        <p className="text-xs text-tone-red-fg" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
