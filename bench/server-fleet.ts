import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ParentMessage } from "./server.js";
import { stopServer, waitFor } from "./server-control.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

/**
 * #18 province: more benchmark servers (bench/server.ts) beside one already serving, with the same
 * arguments (the same database and DATA_DIR, as processes of one install), each on its own port. Started one
 * after the other: the first already migrated the database.
 */
export async function forkMoreServers(
  count: number,
  args: string[],
): Promise<{ children: ChildProcess[]; ports: number[] }> {
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const child = fork(path.join(here, "server.ts"), args, {
        cwd: root,
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "ignore", "ignore", "ipc"],
      });
      children.push(child);
      ports.push((await waitFor(child, "ready", 300_000)).port);
    }
  } catch (error) {
    await stopServers(children);
    throw error;
  }
  return { children, ports };
}

export async function markServers(children: ChildProcess[]): Promise<void> {
  for (const child of children) {
    child.send({ type: "mark" } satisfies ParentMessage);
    await waitFor(child, "marked", 10_000);
  }
}

/** CPU of all the servers since their mark (ms), and their event loops' mean utilisation. */
export async function reportServers(children: ChildProcess[]): Promise<{ cpuMs: number; elu: number }> {
  let cpuMs = 0;
  let elu = 0;
  for (const child of children) {
    child.send({ type: "report" } satisfies ParentMessage);
    const r = await waitFor(child, "report", 60_000);
    cpuMs += r.cpuUserMs + r.cpuSystemMs;
    elu += r.eventLoopUtilization;
  }
  return { cpuMs, elu: children.length > 0 ? elu / children.length : 0 };
}

export async function stopServers(children: ChildProcess[]): Promise<void> {
  for (const child of children)
    if (child.exitCode === null) await stopServer(child).catch(() => child.kill("SIGKILL"));
}
