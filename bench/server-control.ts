import type { ChildProcess } from "node:child_process";
import type { ParentMessage, ServerMessage } from "./server.js";

/** Waits for the benchmark server (bench/server.ts) to send a message of `type`; fails on its error or exit. */
export function waitFor<T extends ServerMessage["type"]>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`server: no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: ServerMessage) => {
      if (m.type === type) finish(undefined, m as Extract<ServerMessage, { type: T }>);
      else if (m.type === "error") finish(new Error(`server failed: ${m.message}`));
    };
    const onExit = (code: number | null) => finish(new Error(`server exited (${code}) before ${type}`));
    function finish(error?: Error, value?: Extract<ServerMessage, { type: T }>) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(value!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/** Asks the benchmark server to close and exit; kills it if it has not within 30 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send({ type: "stop" } satisfies ParentMessage);
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}
