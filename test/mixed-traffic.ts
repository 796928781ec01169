import { setTimeout as sleep } from "node:timers/promises";
import { SUBMIT_DATA } from "../src/intake/line/index.js";
import type { FakeLine } from "./line-server.js";
import { deliveryOf } from "./line-webhook.js";

/**
 * Clients of a cluster of web processes (test/cluster.ts) that behave as real ones do when a process
 * dies under them: an API client whose connection is cut sends the same request with the same
 * Idempotency-Key to another process; LINE sends a delivery again until some process answers 200.
 */

/** What the client finally heard: acknowledged means a 201, or a 200 replaying the first answer. */
export interface ApiOutcome {
  key: string;
  acknowledged: boolean;
  receiptNumber?: string;
  status?: number;
  tries: number;
  errors: string[];
}

const ATTEMPTS = 8;

/** POSTs to a running web process, and to the next one on a cut connection or a 5xx, up to 8 times. */
export async function postWithFailover(
  ports: () => number[],
  first: number,
  path: string,
  init: { headers: Record<string, string>; body: string },
): Promise<{ status?: number; body?: string; tries: number; errors: string[] }> {
  const errors: string[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const live = ports();
    if (live.length === 0) throw new Error("no web process is running");
    const port = live[(first + attempt) % live.length]!;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: "POST",
        headers: init.headers,
        body: init.body,
        signal: AbortSignal.timeout(15_000),
      });
      const body = await res.text();
      if (res.status < 500) return { status: res.status, body, tries: attempt + 1, errors };
      errors.push(`${port}: ${res.status} ${body.slice(0, 300)}`);
    } catch (error) {
      errors.push(`${port}: ${String(error)}`);
    }
    await sleep(200 * (attempt + 1));
  }
  return { tries: ATTEMPTS, errors };
}

/** One API submission under its own Idempotency-Key and its own sender (CH-11). */
export async function submitApiRequest(ports: () => number[], n: number): Promise<ApiOutcome> {
  const key = `kill-nine-${String(n).padStart(5, "0")}`;
  const sent = await postWithFailover(ports, n, "/api/v1/requests", {
    headers: { "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify({
      name: `ผู้ยื่น ${n}`,
      email: `api-${n}@example.com`,
      subject: `คำขอทดสอบ ${n}`,
      confirmed: true,
    }),
  });
  const acknowledged = sent.status === 201 || sent.status === 200;
  const receiptNumber = acknowledged
    ? (JSON.parse(sent.body!) as { receiptNumber: string }).receiptNumber
    : undefined;
  return { key, acknowledged, receiptNumber, status: sent.status, tries: sent.tries, errors: sent.errors };
}

/** A plain mail from its own sender under its own Message-ID. */
export function citizenMail(n: number): { messageId: string; raw: string } {
  const messageId = `<kill-nine-${n}@example.com>`;
  const raw = [
    `From: Citizen ${n} <mail-${n}@example.com>`,
    "To: saraban@demo.go.th",
    `Subject: Request by mail ${n}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    `Request number ${n}, sent by mail.`,
    "",
  ].join("\r\n");
  return { messageId, raw };
}

export interface LineOutcome {
  userId: string;
  /** The acknowledgement (by reply or push) that names a receipt number, if it came. */
  receiptNumber?: string;
  steps: string[];
}

const RECEIPT = /(?<!\d)(\d{1,9}\/25\d\d)(?!\d)/;

/**
 * One LINE user's conversation (CH-10): a text, Submit, then the full name, each sent once its answer came
 * (a person reads before typing) or after `patienceMs` without one. Deliveries go to either web process.
 */
export async function lineConversation(
  ports: () => number[],
  line: FakeLine,
  n: number,
  patienceMs = 6000,
): Promise<LineOutcome> {
  const userId = `Ukillnine${String(n).padStart(23, "0")}`;
  const steps: string[] = [];
  const bodies = [
    { type: "message", message: { type: "text", id: `kn${n}m1`, quoteToken: "q", text: `ขอแจ้งเรื่อง ${n}` } },
    { type: "postback", postback: { data: SUBMIT_DATA } },
    { type: "message", message: { type: "text", id: `kn${n}m3`, quoteToken: "q", text: `สมหญิง ทดสอบ${n}` } },
  ];
  let receiptNumber: string | undefined;
  for (const [i, body] of bodies.entries()) {
    const replyToken = `kn-${n}-reply-${i}`;
    const event = {
      webhookEventId: `01KN${String(n).padStart(10, "0")}${String(i).padStart(12, "0")}`,
      deliveryContext: { isRedelivery: false },
      timestamp: Date.now(),
      mode: "active",
      source: { type: "user", userId },
      replyToken,
      ...body,
    };
    const bytes = deliveryOf([event]);
    const sent = await postWithFailover(ports, n + i, "/line/webhook", {
      headers: { "content-type": "application/json", "x-line-signature": line.sign(bytes) },
      body: bytes,
    });
    steps.push(
      `event ${i}: ${sent.status ?? "no answer"} after ${sent.tries} tries ${sent.errors.join("; ")}`,
    );
    const deadline = Date.now() + patienceMs;
    while (Date.now() < deadline) {
      const answer = line.replies.find((r) => r.replyToken === replyToken);
      const pushed = line.pushes.filter((p) => p.to === userId).flatMap((p) => p.messages);
      const said = [...(answer?.messages ?? []), ...(i === 2 ? pushed : [])];
      const receipt = said.map((m) => RECEIPT.exec(m.text ?? "")?.[1]).find(Boolean);
      if (i === 2 && receipt) receiptNumber = receipt;
      if (i < 2 ? answer : receipt) break;
      await sleep(100);
    }
  }
  return { userId, receiptNumber, steps };
}
