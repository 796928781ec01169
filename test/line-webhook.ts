import { SUBMIT_DATA } from "../src/intake/line/index.js";
import type { DatabaseHandle } from "../src/platform/db/database.js";
import type { FakeLine } from "./line-server.js";
import type { TestService } from "./service.js";

/**
 * Connects the demo agency to the local LINE server, its secret and token read from the service's env
 * under the names `env` gives.
 */
export async function connectLine(
  service: { handle: DatabaseHandle },
  line: Pick<FakeLine, "apiBaseUrl" | "dataApiBaseUrl">,
  at: Date,
  env = { secret: "LINE_CHANNEL_SECRET", token: "LINE_CHANNEL_TOKEN" },
): Promise<void> {
  await service.handle.db
    .insertInto("line_channels")
    .values({
      agency_id: "demo",
      secret_env: env.secret,
      token_env: env.token,
      api_base_url: line.apiBaseUrl,
      data_api_base_url: line.dataApiBaseUrl,
      quiet_minutes: 30,
      enabled: 1,
      updated_at: at.toISOString(),
    })
    .execute();
}

export const lineEnv = (line: FakeLine) => ({
  LINE_CHANNEL_SECRET: line.channelSecret,
  LINE_CHANNEL_TOKEN: line.channelToken,
});

export type LineSource = Record<string, unknown>;

/** Webhook events as LINE sends them, each with its own webhookEventId and reply token. */
export function lineEvents(prefix: string) {
  let count = 0;
  const event = (body: Record<string, unknown>, at: number, source: LineSource) => {
    count++;
    return {
      webhookEventId: `${prefix}${String(count).padStart(20, "0")}`,
      deliveryContext: { isRedelivery: false },
      timestamp: at,
      mode: "active",
      source,
      replyToken: `${prefix}-reply-${count}`,
      ...body,
    };
  };
  return {
    event,
    text: (t: string, at: number, source: LineSource) =>
      event(
        { type: "message", message: { type: "text", id: `${prefix}m${count + 1}`, text: t } },
        at,
        source,
      ),
    file: (id: string, fileName: string, fileSize: number, at: number, source: LineSource) =>
      event({ type: "message", message: { type: "file", id, fileName, fileSize } }, at, source),
    submit: (at: number, source: LineSource) =>
      event({ type: "postback", postback: { data: SUBMIT_DATA } }, at, source),
  };
}

/** Posts raw bytes to the webhook, signed as LINE signs them unless `signature` is given. */
export async function postWebhook(
  service: TestService,
  line: FakeLine,
  body: Buffer | string,
  signature?: string,
) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  return service.app.inject({
    method: "POST",
    url: "/line/webhook",
    headers: {
      "content-type": "application/json",
      ...(signature === "" ? {} : { "x-line-signature": signature ?? line.sign(bytes) }),
    },
    payload: bytes,
  });
}

/** A delivery of these events, as LINE wraps them. */
export const deliveryOf = (events: unknown[]) => JSON.stringify({ destination: "Uagency", events });
