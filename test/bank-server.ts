import http from "node:http";
import type { AddressInfo } from "node:net";
import { signNotification } from "../src/payment/index.js";

/** A bill-payment notification as a bank sends it (docs/payment-callback.md). */
export interface BankCallback {
  billerId: string;
  transactionId: string;
  transactionDateTime: string;
  amount: string;
  reference1: string;
  reference2?: string | null;
  payerName?: string;
  payerBank?: string;
  channel?: string;
}

/** One HTTP exchange of a delivery: the status (0: no answer) and the answer's JSON, if any. */
export interface Attempt {
  status: number;
  body: Record<string, unknown> | undefined;
}

export interface Delivery {
  callback: BankCallback;
  attempts: Attempt[];
  /** The last attempt's answer: what the bank keeps. */
  final: Attempt;
}

export interface LocalBankOptions {
  /** Borikan's callback URL. */
  url: string;
  secret: string;
  /** The bank's clock (the signed `X-Timestamp`). */
  now: () => Date;
  /** Bounded: a bank gives up after this many tries. */
  maxAttempts?: number;
  backoffMs?: number;
}

/**
 * A bank's notification sender, speaking the real protocol over HTTP: signs each body with the shared
 * secret (`X-Signature: sha256=…` over `timestamp + "." + body`), retries with exponential backoff while
 * unanswered or answered with anything but 2xx, and can duplicate or reorder deliveries.
 */
export class LocalBank {
  readonly deliveries: Delivery[] = [];
  constructor(readonly options: LocalBankOptions) {}

  /** Sends one notification until a 2xx answer or `maxAttempts`; `sign` overrides the secret (forgery). */
  async send(callback: BankCallback, over: { secret?: string; timestamp?: string } = {}): Promise<Delivery> {
    const { maxAttempts = 5, backoffMs = 20 } = this.options;
    const attempts: Attempt[] = [];
    for (let i = 0; i < maxAttempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (i - 1)));
      const body = Buffer.from(JSON.stringify(callback), "utf8");
      const timestamp = over.timestamp ?? String(Math.floor(this.options.now().getTime() / 1000));
      const attempt = await post(this.options.url, body, {
        "content-type": "application/json",
        "x-timestamp": timestamp,
        "x-signature": signNotification(over.secret ?? this.options.secret, timestamp, body),
      });
      attempts.push(attempt);
      if (attempt.status >= 200 && attempt.status < 300) break;
    }
    const delivery = { callback, attempts, final: attempts.at(-1)! };
    this.deliveries.push(delivery);
    return delivery;
  }

  /** The same notification `times` times at once, as a bank that lost track of its first answers. */
  duplicate(callback: BankCallback, times: number): Promise<Delivery[]> {
    return Promise.all(Array.from({ length: times }, () => this.send(callback)));
  }

  /** Several notifications one after another, the last first (out of order). */
  async sendOutOfOrder(callbacks: BankCallback[]): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for (const callback of [...callbacks].reverse()) out.push(await this.send(callback));
    return out;
  }
}

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Attempt> {
  try {
    const res = await fetch(url, { method: "POST", body, headers });
    const text = await res.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json };
  } catch {
    return { status: 0, body: undefined };
  }
}

/**
 * A front that answers 503 to its first `failFirst` requests (Borikan "down"), then passes requests on
 * to `target` unchanged. Returns its URL for the same path.
 */
export async function startFlakyFront(
  target: string,
  failFirst: number,
): Promise<{ url: string; seen: () => number; close: () => Promise<void> }> {
  let seen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      seen++;
      if (seen <= failFirst) {
        res.writeHead(503).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "x-timestamp", "x-signature"])
        if (typeof req.headers[name] === "string") headers[name] = req.headers[name];
      const answer = await fetch(target, { method: "POST", body: Buffer.concat(chunks), headers });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(target).pathname}`,
    seen: () => seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
