import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";
import { type BorikanProcess, startBorikan } from "../test/process.js";

/**
 * What the province run stands on besides the database: one private Dovecot on loopback with one IMAP
 * user per agency (lines added to its passwd-file), and the Borikan processes, each `src/main.ts` with its
 * own ROLE and PORT (spawned as test/process.ts does, not through a launcher).
 */
const run = promisify(execFile);
const script = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../scripts/dovecot-test-server.sh",
);

/** The environment variable every agency's mailbox password is read from (one password for all). */
export const PROVINCE_IMAP_ENV = "PROVINCE_IMAP_PASSWORD";
const IMAP_PASSWORD = "province-imap-pass";

export interface ProvinceMailbox {
  host: string;
  port: number;
  password: string;
  /** Creates the IMAP users (`agency-N@province.go.th`); Dovecot rereads its passwd-file by itself. */
  addUsers(users: string[]): Promise<void>;
  /** Delivers one message into a user's INBOX (through the master user, as a mail server would). */
  append(user: string, raw: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startProvinceMailbox(): Promise<ProvinceMailbox> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-province-imap-"));
  const address = (await run("bash", [script, "start", dir], { encoding: "utf8" })).stdout.trim();
  const [host = "127.0.0.1", portText = ""] = address.split(":");
  const port = Number(portText);
  const usersFile = path.join(dir, "users");
  let stopped = false;
  return {
    host,
    port,
    password: IMAP_PASSWORD,
    async addUsers(users) {
      const lines = users.map((u) => `${u}:{PLAIN}${IMAP_PASSWORD}::::::`).join("\n");
      fs.appendFileSync(usersFile, `${lines}\n`);
      // Dovecot checks the file's mtime at most once a second: wait for the next second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
    },
    async append(user, raw) {
      const client = new ImapFlow({
        host,
        port,
        secure: false,
        auth: { user: `${user}*fixture`, pass: "fixture-pass" },
        logger: false,
        disableAutoIdle: true,
      });
      await client.connect();
      try {
        await client.append("INBOX", raw, [], new Date());
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run("bash", [script, "stop", dir]).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const READY_MS = 300_000;

export interface Fleet {
  /** The web processes' ports, for the clients to spread their requests over. */
  ports: number[];
  processes: BorikanProcess[];
  stop(): Promise<void>;
}

/** `web` ROLE=web processes (each PORT=0: its own free port) and `workers` ROLE=worker processes. */
export async function startFleet(web: number, workers: number, env: Record<string, string>): Promise<Fleet> {
  const processes: BorikanProcess[] = [];
  const stop = async () => {
    await Promise.all(
      processes.map(async (p) => {
        if (!p.isRunning()) return;
        p.child.kill("SIGTERM");
        const timer = setTimeout(() => p.child.kill("SIGKILL"), 20_000);
        await p.exited;
        clearTimeout(timer);
      }),
    );
  };
  try {
    for (let i = 0; i < web; i++) processes.push(startBorikan({ ...env, ROLE: "web", PORT: "0" }));
    for (let i = 0; i < workers; i++) processes.push(startBorikan({ ...env, ROLE: "worker" }));
    const ready = await Promise.all(
      processes.map((p, i) => {
        let timer: NodeJS.Timeout | undefined;
        // Generous: on a busy machine loading the whole app through tsx takes long.
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const role = i < web ? `web process ${i + 1}` : `worker ${i - web + 1}`;
            reject(new Error(`${role} not ready in ${READY_MS / 1000} s:\n${p.output()}`));
          }, READY_MS);
        });
        return Promise.race([p.ready, late]).finally(() => clearTimeout(timer));
      }),
    );
    const ports = ready.flatMap((r) => (r.port ? [r.port] : []));
    return { ports, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
