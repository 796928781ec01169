import crypto from "node:crypto";
import http from "node:http";

/**
 * A stand-in for LINE's servers on loopback, speaking the Messaging API as the SDK uses it: replies and
 * pushes are recorded (with their X-Line-Retry-Key), message content is served from what the test put
 * there, and a content id can be made to fail a number of times first. Reply tokens are single-use.
 */
export interface FakeLine {
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  channelSecret: string;
  channelToken: string;
  replies: { replyToken: string; messages: { type: string; text?: string }[] }[];
  pushes: { to: string; messages: { type: string; text?: string }[]; retryKey: string | undefined }[];
  /** Content a message id serves; `failures` answers 500 that many times first. */
  setContent(messageId: string, bytes: Buffer, contentType: string, failures?: number): void;
  /** Signs a webhook body as LINE does (x-line-signature). */
  sign(body: string | Buffer): string;
  /** Marks a reply token as expired or used, as LINE does after about a minute. */
  expireReplyToken(token: string): void;
  close(): Promise<void>;
  /** #17 assistline: replies and pushes with a message containing `text` answer 400 (undefined: none). */
  refuseMessagesContaining(text: string | undefined): void;
  // #17 broadcasts: broadcasts as LINE received them, the month's quota and the friends a broadcast reaches
  broadcasts: { messages: { type: string; text?: string }[]; retryKey: string | undefined }[];
  /** `limit` null: a plan without a limit (`type: "none"`); `followers` null: insight not ready. */
  quota: { limit: number | null; used: number; followers: number | null };
  /** Calls to the quota endpoints, to see that the page's figures are cached. */
  quotaCalls: number;
  /** The next `count` broadcasts answer `status` (and send nothing). */
  failBroadcasts(count: number, status?: number): void;
}

export async function startFakeLine(): Promise<FakeLine> {
  const channelSecret = crypto.randomBytes(16).toString("hex");
  const channelToken = crypto.randomBytes(24).toString("base64url");
  const replies: FakeLine["replies"] = [];
  const pushes: FakeLine["pushes"] = [];
  const contents = new Map<string, { bytes: Buffer; type: string; failures: number }>();
  const usedTokens = new Set<string>();
  const pushKeys = new Set<string>();
  let refused: string | undefined;
  const isRefused = (messages: { text?: string }[] | undefined) =>
    refused !== undefined && (messages ?? []).some((m) => m.text?.includes(refused!));
  const broadcasts: FakeLine["broadcasts"] = [];
  const quota: FakeLine["quota"] = { limit: 1000, used: 0, followers: 10 };
  const counters = { quotaCalls: 0, failures: 0, failStatus: 500 };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${channelToken}`)
        return json(401, { message: "Authentication failed" });
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      if (req.method === "POST" && url.pathname.startsWith("/v2/bot/message/") && isRefused(body.messages))
        return json(400, { message: "The request body has 1 error(s)" });
      if (req.method === "POST" && url.pathname === "/v2/bot/message/reply") {
        if (usedTokens.has(body.replyToken)) return json(400, { message: "Invalid reply token" });
        usedTokens.add(body.replyToken);
        replies.push({ replyToken: body.replyToken, messages: body.messages });
        return json(200, {
          sentMessages: body.messages.map(() => ({ id: crypto.randomUUID(), quoteToken: "q" })),
        });
      }
      if (req.method === "POST" && url.pathname === "/v2/bot/message/push") {
        const retryKey = req.headers["x-line-retry-key"] as string | undefined;
        // LINE accepts a retry key once; a repeat answers 409 and sends nothing.
        if (retryKey && pushKeys.has(retryKey))
          return json(409, { message: "The retry key is already accepted" });
        if (retryKey) pushKeys.add(retryKey);
        pushes.push({ to: body.to, messages: body.messages, retryKey });
        return json(200, {
          sentMessages: body.messages.map(() => ({ id: crypto.randomUUID(), quoteToken: "q" })),
        });
      }
      if (req.method === "POST" && url.pathname === "/v2/bot/message/broadcast") {
        const retryKey = req.headers["x-line-retry-key"] as string | undefined;
        if (retryKey && pushKeys.has(retryKey))
          return json(409, { message: "The retry key is already accepted" });
        if (counters.failures > 0) {
          counters.failures--;
          return json(counters.failStatus, { message: "Internal server error" });
        }
        const reach = quota.followers ?? 0;
        // LINE refuses a broadcast the month's remaining quota cannot pay for.
        if (quota.limit !== null && quota.used + reach > quota.limit)
          return json(429, { message: "You have reached your monthly limit." });
        if (retryKey) pushKeys.add(retryKey);
        quota.used += reach;
        broadcasts.push({ messages: body.messages, retryKey });
        return json(200, {});
      }
      if (req.method === "GET" && url.pathname === "/v2/bot/message/quota") {
        counters.quotaCalls++;
        return json(200, quota.limit === null ? { type: "none" } : { type: "limited", value: quota.limit });
      }
      if (req.method === "GET" && url.pathname === "/v2/bot/message/quota/consumption")
        return json(200, { totalUsage: quota.used });
      if (req.method === "GET" && url.pathname === "/v2/bot/insight/followers") {
        if (!/^\d{8}$/.test(url.searchParams.get("date") ?? ""))
          return json(400, { message: "Invalid date" });
        if (quota.followers === null) return json(200, { status: "unready" });
        return json(200, {
          status: "ready",
          followers: quota.followers,
          targetedReaches: quota.followers,
          blocks: 0,
        });
      }
      const content = /^\/v2\/bot\/message\/([^/]+)\/content$/.exec(url.pathname);
      if (req.method === "GET" && content) {
        const found = contents.get(content[1]!);
        if (!found) return json(404, { message: "Not found" });
        if (found.failures > 0) {
          found.failures--;
          return json(500, { message: "Internal server error" });
        }
        res.writeHead(200, { "content-type": found.type, "content-length": found.bytes.length });
        return res.end(found.bytes);
      }
      json(404, { message: "Not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    apiBaseUrl: base,
    dataApiBaseUrl: base,
    channelSecret,
    channelToken,
    replies,
    pushes,
    setContent: (id, bytes, type, failures = 0) => contents.set(id, { bytes, type, failures }),
    sign: (body) => crypto.createHmac("sha256", channelSecret).update(body).digest("base64"),
    expireReplyToken: (token) => usedTokens.add(token),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    refuseMessagesContaining: (text) => {
      refused = text;
    },
    broadcasts,
    quota,
    get quotaCalls() {
      return counters.quotaCalls;
    },
    failBroadcasts: (count, status = 500) => {
      counters.failures = count;
      counters.failStatus = status;
    },
  };
}
