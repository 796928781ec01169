import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BackupError } from "./backup-fs.js";

export type PgTool = "pg_dump" | "pg_restore";

const DEBIAN_ROOT = "/usr/lib/postgresql";

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const byVersionDesc = (a: string, b: string) => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d) return d;
  }
  return 0;
};

/**
 * Finds a PostgreSQL client tool: in `binDir` when given; else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin (a newer pg_dump reads older servers, not the reverse); else PATH.
 */
export function findPgTool(name: PgTool, binDir?: string): string {
  if (binDir) {
    const file = path.join(binDir, name);
    if (executable(file)) return file;
    throw new BackupError(
      `${name} not found in ${binDir}; point the PostgreSQL bin directory at one holding ${name}.`,
    );
  }
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(DEBIAN_ROOT).filter((v) => /^\d+(\.\d+)*$/.test(v));
  } catch {
    // no Debian layout
  }
  for (const version of versions.sort(byVersionDesc)) {
    const file = path.join(DEBIAN_ROOT, version, "bin", name);
    if (executable(file)) return file;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  throw new BackupError(
    `${name} not found (looked in ${DEBIAN_ROOT}/*/bin and PATH): install the PostgreSQL client tools, ` +
      `version at least the server's (Debian/Ubuntu: apt-get install postgresql-client), or put ${name} on PATH.`,
  );
}

/** The URL without its password (given to the tool through PGPASSWORD, so it is not on the command line). */
export function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = "";
  }
  return { dbname: url.toString(), env };
}

/** Runs a tool to completion; a non-zero exit throws with the tool's own complaint. */
export function runPgTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => reject(new BackupError(`${file} could not be started: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new BackupError(
            `${path.basename(file)} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || "no message"}`,
          ),
        );
    });
  });
}
