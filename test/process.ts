import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { TEST_MASTER_KEY } from "./db.js";

const ROOT = path.resolve(import.meta.dirname, "..");

/** `src/main.ts` run as a real process, as deployed (`npm start` with ROLE=web, worker or all). */
export interface BorikanProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves once it serves (web, all: with its port) or runs (worker); rejects if it exits first. */
  ready: Promise<{ port?: number }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
}

export function startBorikan(env: Record<string, string>): BorikanProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: "silent",
      SECRET_KEY: "process-test-secret",
      // The test databases' master key (ID-7): a process of the same install opens the same keys.
      ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const ready = new Promise<{ port?: number }>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const listening = /listening on http:\/\/[^\s;]*:(\d+)/.exec(text);
      if (listening) resolve({ port: Number(listening[1]) });
      else if (/worker is running/.test(text)) resolve({});
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    exited.then(({ code, signal }) =>
      reject(new Error(`exited (${code ?? signal}) before it was ready:\n${text}`)),
    );
  });
  ready.catch(() => {});
  return { child, output: () => text, ready, exited, isRunning: () => running };
}
