import { performance } from "node:perf_hooks";
import type { FakeLine } from "../test/line-server.js";
import { buildPayload } from "./payload.js";
import type { ProvinceMailbox } from "./province-infra.js";
import { citizenMail, lineConversation } from "./province-messages.js";
import type { ProvinceAgency } from "./province-setup.js";

/**
 * A day of a province's traffic compressed into `durationMs`: closed-loop clients per path, each pausing a
 * random think time (mean THINK_MS) between its requests, spreading them over the web processes in turn
 * (as any load balancer would) and over the agencies at random. The mix is the number of clients per path.
 */
export const MIX = { submit: 4, track: 3, verify: 2, register: 1, casework: 1, line: 2, mail: 1 } as const;
const THINK_MS = 20;
const MAIL_THINK_MS = 200;

export interface PathStats {
  path: string;
  ok: number;
  errors: number;
  serverErrors: number;
  errorKinds: Record<string, number>;
  latencies: number[];
}
export interface TrafficResult {
  elapsedMs: number;
  paths: PathStats[];
  /** Every 201 answer: the agency and the receipt number it acknowledged. */
  receipts: { agencyId: string; receiptNumber: string }[];
  mailsAppended: number;
  lineConversations: number;
}
export interface TrafficInput {
  ports: number[];
  agencies: ProvinceAgency[];
  /** Signed-in officers' session cookies, by agency. */
  sessions: Map<string, string>;
  line: FakeLine;
  mailbox: ProvinceMailbox;
  durationMs: number;
  /** Clients per unit of the mix. */
  scale: number;
  fileKb: number;
  runId: string;
}

export async function runTraffic(t: TrafficInput): Promise<TrafficResult> {
  const stats = new Map<string, PathStats>();
  const statsOf = (path: string) => {
    let s = stats.get(path);
    if (!s) {
      s = { path, ok: 0, errors: 0, serverErrors: 0, errorKinds: {}, latencies: [] };
      stats.set(path, s);
    }
    return s;
  };
  let turn = 0;
  const base = () => `http://127.0.0.1:${t.ports[turn++ % t.ports.length]}`;
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  /** One timed request; true when it answered `expect`. */
  async function hit(
    path: string,
    expect: number,
    send: () => Promise<Response>,
    onOk?: (r: Response) => Promise<void>,
  ) {
    const s = statsOf(path);
    const t0 = performance.now();
    try {
      const res = await send();
      if (res.status === expect) {
        if (onOk) await onOk(res);
        else await res.arrayBuffer();
        s.latencies.push(performance.now() - t0);
        s.ok++;
        return true;
      }
      await res.arrayBuffer();
      s.errors++;
      if (res.status >= 500) s.serverErrors++;
      s.errorKinds[`HTTP ${res.status}`] = (s.errorKinds[`HTTP ${res.status}`] ?? 0) + 1;
    } catch (error) {
      s.errors++;
      const kind = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      s.errorKinds[kind] = (s.errorKinds[kind] ?? 0) + 1;
    }
    return false;
  }

  const receipts: TrafficResult["receipts"] = [];
  const tracking: string[] = [];
  const payload = buildPayload(t.fileKb * 1024, t.runId);
  let submitted = 0;
  let mailsAppended = 0;
  let lineConversations = 0;
  const officers = t.agencies.filter((a) => t.sessions.has(a.id));
  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(base() + url, { headers: { accept: "text/html", ...headers }, redirect: "manual" });

  const actions: Record<keyof typeof MIX, () => Promise<unknown>> = {
    submit: async () => {
      const agency = pick(t.agencies);
      const i = submitted++;
      await hit(
        "web submission",
        201,
        () =>
          fetch(`${base()}/a/${agency.id}/api/v1/requests`, {
            method: "POST",
            headers: { "content-type": payload.contentType, "idempotency-key": `province-${t.runId}-${i}` },
            body: payload.body(i),
          }),
        async (res) => {
          const answer = (await res.json()) as { receiptNumber: string; trackingUrl: string };
          receipts.push({ agencyId: agency.id, receiptNumber: answer.receiptNumber });
          const url = new URL(answer.trackingUrl);
          tracking.push(url.pathname + url.search);
        },
      );
    },
    track: async () => {
      if (tracking.length === 0) return new Promise((resolve) => setTimeout(resolve, 100));
      await hit("tracking page", 200, () => get(pick(tracking)));
    },
    verify: async () => {
      const agency = pick(t.agencies);
      const l = pick(agency.licences);
      await hit("verification page", 200, () =>
        get(`/a/${agency.id}/verify/${encodeURIComponent(l.number)}?c=${l.code}`),
      );
    },
    register: async () => {
      const agency = pick(officers);
      await hit("register page", 200, () =>
        get(`/a/${agency.id}/office/register`, { cookie: t.sessions.get(agency.id)! }),
      );
    },
    casework: async () => {
      const agency = pick(officers);
      await hit("casework queue", 200, () =>
        get(`/a/${agency.id}/office/work`, { cookie: t.sessions.get(agency.id)! }),
      );
    },
    line: async () => {
      // One citizen's conversation, each delivery after the answer to the one before.
      const agency = pick(t.agencies);
      for (const d of lineConversation(agency.id, t.line.sign)) {
        const sent = await hit("LINE webhook", 200, () =>
          fetch(`${base()}/a/${agency.id}/line/webhook`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-line-signature": d.signature },
            body: d.body,
          }),
        );
        if (!sent) return;
      }
      lineConversations++;
    },
    mail: async () => {
      const agency = pick(t.agencies);
      const raw = citizenMail(agency.mailUser, t.runId, mailsAppended);
      const s = statsOf("mail APPEND (IMAP)");
      const t0 = performance.now();
      try {
        await t.mailbox.append(agency.mailUser, raw);
        mailsAppended++;
        s.ok++;
        s.latencies.push(performance.now() - t0);
      } catch (error) {
        s.errors++;
        s.errorKinds[(error as Error).message.slice(0, 60)] =
          (s.errorKinds[(error as Error).message.slice(0, 60)] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, MAIL_THINK_MS));
    },
  };

  const start = performance.now();
  const deadline = start + t.durationMs;
  const clients = Object.entries(MIX).flatMap(([kind, n]) =>
    kind === "register" || kind === "casework" ? (officers.length ? n * t.scale : 0) : n * t.scale,
  );
  const kinds = Object.keys(MIX) as (keyof typeof MIX)[];
  await Promise.all(
    kinds.flatMap((kind, k) =>
      Array.from({ length: clients[k]! }, async () => {
        while (performance.now() < deadline) {
          await actions[kind]();
          await new Promise((resolve) => setTimeout(resolve, -THINK_MS * Math.log(1 - Math.random())));
        }
      }),
    ),
  );
  const elapsedMs = performance.now() - start;
  return { elapsedMs, paths: [...stats.values()], receipts, mailsAppended, lineConversations };
}
