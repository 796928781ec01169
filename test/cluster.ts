import { setTimeout as sleep } from "node:timers/promises";
import { type BorikanProcess, startBorikan } from "./process.js";

export type Role = "web" | "worker";

/** One process of a cluster, named for the output (`web-1`, `worker-2`, …). */
export interface Member {
  name: string;
  role: Role;
  process: BorikanProcess;
  /** The web process's port once it serves (undefined for a worker, or before it is ready). */
  port: number | undefined;
}

/**
 * Several Borikan processes on one database, as a deployment of N web and M worker processes on one
 * machine runs them (the same env for all: DATABASE_URL, DATA_DIR, the mail and LINE endpoints, the
 * leases). Processes can be killed and more started while the rest go on.
 */
export interface Cluster {
  /** Every process started, in order, the killed ones too. */
  members: Member[];
  /** Starts one more process of `role` and waits until it serves or runs. */
  start(role: Role, extraEnv?: Record<string, string>): Promise<Member>;
  /** The ports of the web processes still running. */
  webPorts(): number[];
  running(role: Role): Member[];
  /** Sends `signal` (default SIGKILL, as `kill -9`) and waits for the process to be gone. */
  kill(member: Member, signal?: NodeJS.Signals): Promise<void>;
  /** Every process's output, each under its name and how it ended: for a failure message. */
  output(): string;
  /** SIGKILLs whatever still runs and waits for it (afterAll). */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** The env every process gets (ROLE, PORT and HOST are set per process). */
  env: Record<string, string>;
  web: number;
  workers: number;
  /** How long a process may take to start (default 240 s: tsx compiles each at start, slow on a loaded machine). */
  readyMs?: number;
}

/** Starts `web` web processes and `workers` worker processes together and waits until all are up. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const members: Member[] = [];
  const count: Record<Role, number> = { web: 0, worker: 0 };
  const readyMs = options.readyMs ?? 240_000;

  async function start(role: Role, extraEnv: Record<string, string> = {}): Promise<Member> {
    count[role]++;
    const process = startBorikan({ ...options.env, ...extraEnv, ROLE: role, HOST: "127.0.0.1", PORT: "0" });
    const member: Member = { name: `${role}-${count[role]}`, role, process, port: undefined };
    members.push(member);
    // The wait is cancelled once ready: a timer left running would reject later, unheard.
    const waiting = new AbortController();
    const timeout = sleep(readyMs, undefined, { signal: waiting.signal }).then(() => {
      throw new Error(`${member.name} was not ready after ${readyMs} ms:\n${process.output()}`);
    });
    timeout.catch(() => {});
    try {
      member.port = (await Promise.race([process.ready, timeout])).port;
    } finally {
      waiting.abort();
    }
    return member;
  }

  const cluster: Cluster = {
    members,
    start,
    webPorts: () =>
      members.filter((m) => m.role === "web" && m.process.isRunning() && m.port).map((m) => m.port!),
    running: (role) => members.filter((m) => m.role === role && m.process.isRunning()),
    async kill(member, signal = "SIGKILL") {
      if (!member.process.isRunning()) return;
      member.process.child.kill(signal);
      await member.process.exited;
    },
    output: () =>
      members
        .map((m) => {
          const how = m.process.isRunning()
            ? "running"
            : `ended (${m.process.child.signalCode ?? m.process.child.exitCode})`;
          return `----- ${m.name} (${how}) -----\n${m.process.output().slice(-20_000)}`;
        })
        .join("\n"),
    async stop() {
      for (const m of members) if (m.process.isRunning()) m.process.child.kill("SIGKILL");
      await Promise.all(members.map((m) => m.process.exited));
    },
  };
  try {
    // Started together on one database, as a deployment would: each migrates and seeds as it starts.
    await Promise.all([
      ...Array.from({ length: options.web }, () => start("web")),
      ...Array.from({ length: options.workers }, () => start("worker")),
    ]);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
