/**
 * Attachment rules the server enforces (packages/api attachments.ts), checked in the browser first so
 * people learn before uploading: at most 10 files, 10 MB in total, no programs, scripts, HTML or SVG.
 */
export const MAX_FILES = 10;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;

const refusedExtensions =
  /\.(exe|dll|com|bat|cmd|msi|scr|ps1|vbs|js|mjs|jar|sh|app|dmg|html?|xhtml|svg|svgz|hta|lnk|reg)$/i;

export type FileProblem = "tooMany" | "tooLarge" | "type" | "empty";

export interface PendingFile {
  id: string;
  name: string;
  size: number;
}

/** Which of the newly chosen files can be added next to the ones already there, and why others cannot. */
export function checkNewFiles<T extends { name: string; size: number }>(
  existing: PendingFile[],
  incoming: T[],
): { accepted: T[]; refused: { file: T; problem: FileProblem }[] } {
  let count = existing.length;
  let total = existing.reduce((s, f) => s + f.size, 0);
  const accepted: T[] = [];
  const refused: { file: T; problem: FileProblem }[] = [];
  for (const file of incoming) {
    if (refusedExtensions.test(file.name)) refused.push({ file, problem: "type" });
    else if (file.size === 0) refused.push({ file, problem: "empty" });
    else if (count + 1 > MAX_FILES) refused.push({ file, problem: "tooMany" });
    else if (total + file.size > MAX_TOTAL_BYTES) refused.push({ file, problem: "tooLarge" });
    else {
      accepted.push(file);
      count++;
      total += file.size;
    }
  }
  return { accepted, refused };
}

/** Reads a file as base64 (what the API takes), reporting progress 0…1. */
export function readAsBase64(file: Blob, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.onload = () => {
      const url = String(reader.result);
      onProgress(1);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.readAsDataURL(file);
  });
}
