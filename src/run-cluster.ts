import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import type { Config } from "./config/index.js";
import { newProcessIdentity } from "./platform/leases/index.js";
import { createProcessLogger, logLines } from "./platform/log/process-log.js";
import { createService } from "./service.js";

/** How many processes of each role one machine runs: `borikan start --web N --workers M`. */
export interface ClusterPlan {
  web: number;
  workers: number;
}

/** The message the primary sends its children instead of a signal (see `stopOnClusterMessage`). */
export const STOP_MESSAGE = "borikan:stop";

const MAIN = path.resolve(import.meta.dirname, "./main.ts");
/** A child that ran this long before dying is restarted at once; sooner, after a growing pause. */
const STEADY_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs N web processes sharing one port (node:cluster hands the connections round) and M worker
 * processes, on one machine, until a signal. The first start's steps (migrations, keys, the demo seed)
 * run once here in the primary before forking, so the children find them done. A child that dies is
 * restarted after a back-off; SIGTERM or SIGINT stops every child cleanly and resolves with 0 once all
 * have exited (a second signal stops them at once). The primary's lines are JSON like its children's,
 * under the role `primary`.
 */
export async function runCluster(
  config: Config,
  plan: ClusterPlan,
  // #18 opslog
  log: (msg: string) => void = logLines(
    createProcessLogger({ level: config.logLevel, identity: newProcessIdentity("primary", new Date()) }),
  ),
): Promise<number> {
  const prepared = await createService({ ...config, role: "web" }, { log });
  await prepared.close();
  // The children run the same sources through tsx, as `npm start` does.
  const loader = process.execArgv.some((a) => a.includes("tsx"))
    ? []
    : ["--import", import.meta.resolve("tsx")];
  cluster.setupPrimary({ exec: MAIN, execArgv: [...loader, ...process.execArgv] });

  const roles = new Map<Worker, "web" | "worker">();
  const crashes = { web: 0, worker: 0 };
  let stopping = false;
  let signals = 0;
  let done: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    done = resolve;
  });
  const fork = (role: "web" | "worker") => {
    const child = cluster.fork({ ROLE: role });
    const started = Date.now();
    roles.set(child, role);
    child.on("exit", (code, signal) => {
      roles.delete(child);
      if (stopping) {
        if (roles.size === 0) {
          log("every process stopped");
          done(0);
        }
        return;
      }
      // A child that ran steadily is restarted at once; one that keeps dying waits longer each time.
      crashes[role] = Date.now() - started >= STEADY_MS ? 0 : crashes[role] + 1;
      const wait = Math.min(MAX_BACKOFF_MS, crashes[role] === 0 ? 0 : 500 * 2 ** (crashes[role] - 1));
      log(`${role} process ${child.process.pid} exited (${signal ?? code}); restarting in ${wait} ms`);
      setTimeout(() => !stopping && fork(role), wait);
    });
  };
  for (let i = 0; i < plan.web; i++) fork("web");
  for (let i = 0; i < plan.workers; i++) fork("worker");
  log(`Borikan cluster: ${plan.web} web and ${plan.workers} worker process(es) (primary ${process.pid})`);

  {
    const stop = (signal: NodeJS.Signals) => {
      signals++;
      stopping = true;
      if (signals === 1)
        log(`${signal}: stopping every process cleanly (${signal} again stops them at once)`);
      for (const child of roles.keys()) {
        // A message, not a signal: a child that got the signal itself too (its process group) is not told
        // twice. Only a second signal here stops the children at once.
        if (signals === 1 && child.isConnected()) child.send(STOP_MESSAGE);
        else child.process.kill(signal);
      }
      if (roles.size === 0) done(0);
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
  }
  return finished;
}

/** `--web N|auto` and `--workers M`: `auto` is one web process per core. */
export function clusterPlan(values: { web?: string; workers?: string }): ClusterPlan {
  const count = (raw: string | undefined, name: string, fallback: number) => {
    if (raw === undefined) return fallback;
    if (name === "--web" && raw === "auto") return os.availableParallelism();
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 256)
      throw new Error(
        `${name} ${raw}: give a whole number from 0 to 256${name === "--web" ? " or auto" : ""}`,
      );
    return n;
  };
  const plan = { web: count(values.web, "--web", 1), workers: count(values.workers, "--workers", 1) };
  if (plan.web + plan.workers === 0) throw new Error("--web 0 --workers 0 would run nothing");
  return plan;
}
