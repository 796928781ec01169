import { messagingApi } from "@line/bot-sdk";
import type { LineChannelRow } from "./line.table.js";

/** A message as Borikan sends it on LINE: text, optionally with quick-reply buttons. */
export interface LineText {
  text: string;
  quickReplies?: { label: string; data: string; displayText: string }[];
}

/** The Messaging API as Borikan uses it, through @line/bot-sdk, at the channel's configured base URLs. */
export interface LineApi {
  reply(replyToken: string, messages: LineText[]): Promise<void>;
  /** `retryKey` (a UUID) makes LINE send it at most once, however often it is retried. */
  push(to: string, messages: LineText[], retryKey: string): Promise<void>;
  /** A user's image, video, audio or file: it expires, so it is fetched when the event comes. */
  content(messageId: string): Promise<Buffer>;
}

export function secretOf(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`the environment variable ${name} (LINE channel secret or token) is not set`);
  return value;
}

const toMessage = (m: LineText): messagingApi.TextMessage => ({
  type: "text",
  text: m.text.slice(0, 5000),
  ...(m.quickReplies
    ? {
        quickReply: {
          items: m.quickReplies.map((q) => ({
            type: "action" as const,
            action: { type: "postback" as const, label: q.label, data: q.data, displayText: q.displayText },
          })),
        },
      }
    : {}),
});

export function createLineApi(channel: LineChannelRow, env: NodeJS.ProcessEnv): LineApi {
  const channelAccessToken = secretOf(env, channel.token_env);
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: channel.api_base_url });
  const blobs = new messagingApi.MessagingApiBlobClient({
    channelAccessToken,
    baseURL: channel.data_api_base_url,
  });
  return {
    async reply(replyToken, messages) {
      await client.replyMessage({ replyToken, messages: messages.map(toMessage) });
    },
    async push(to, messages, retryKey) {
      try {
        await client.pushMessage({ to, messages: messages.map(toMessage) }, retryKey);
      } catch (error) {
        // 409: LINE already accepted this retry key, so the message went out before.
        if ((error as { status?: number }).status === 409) return;
        throw error;
      }
    },
    async content(messageId) {
      const stream = await blobs.getMessageContent(messageId);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks);
    },
  };
}
