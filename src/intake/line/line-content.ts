import type { webhook } from "@line/bot-sdk";
import type { LineApi } from "./line-api.js";

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
