import type { webhook } from "@line/bot-sdk";
import { hasMessage, LANGS, t } from "../../platform/i18n/index.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import { type ScreenedFile, screenFiles } from "../attachments/index.js";
import type { LineApi, LineText } from "./line-api.js";

const DOWNLOAD_ATTEMPTS = 3;

/** Fetches a user's file at once (LINE keeps it only a while), retrying a failed download. */
export async function download(api: LineApi, messageId: string): Promise<Buffer | undefined> {
  for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
    try {
      return await api.content(messageId);
    } catch {
      if (attempt < DOWNLOAD_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  return undefined;
}

export function fileNameOf(message: webhook.MessageContent): string {
  if (message.type === "file") return (message as webhook.FileMessageContent).fileName;
  const extension = { image: "jpg", video: "mp4", audio: "m4a" }[message.type as "image" | "video" | "audio"];
  return `line-${message.type}-${message.id}.${extension ?? "bin"}`;
}

/**
 * A user's image, video, audio or file, fetched and run through the allow-list (FM-3). A file that could
 * not be fetched, or that LINE says is larger than the limit (then it is not fetched at all), is kept as a
 * refusal with its reason, never silently dropped.
 */
export async function receiveFile(
  api: LineApi,
  files: FileStore,
  message: webhook.MessageContent,
  maxFileBytes: number,
): Promise<ScreenedFile> {
  const filename = fileNameOf(message);
  const declared = message.type === "file" ? (message as webhook.FileMessageContent).fileSize : undefined;
  if (declared !== undefined && declared > maxFileBytes) {
    const [screened] = await screenFiles(
      files,
      [{ filename, bytes: new Uint8Array(), size: declared, refusal: "FILE_TOO_LARGE" }],
      maxFileBytes,
    );
    return screened!;
  }
  const bytes = await download(api, message.id);
  if (!bytes) {
    return {
      filename,
      size: 0,
      mediaType: null,
      sha256: null,
      storageKey: null,
      viewableKey: null,
      refusalCode: "DOWNLOAD_FAILED",
    };
  }
  const [screened] = await screenFiles(files, [{ filename, bytes, size: bytes.byteLength }], maxFileBytes);
  return screened!;
}

/** FM-3: the refusal told to the user at once, with its reason, Thai first and then English. */
export function refusalMessage(file: ScreenedFile, maxFileBytes: number): LineText {
  const key = `refusal.${file.refusalCode}`;
  const text = LANGS.map((lang) =>
    t(lang, "line.fileRefused", {
      filename: file.filename,
      reason: hasMessage(key)
        ? t(lang, key, { maxMb: Math.round(maxFileBytes / 1048576) })
        : String(file.refusalCode),
    }),
  ).join("\n");
  return { text };
}
