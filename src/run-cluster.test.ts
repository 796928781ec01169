import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_MASTER_KEY } from "../test/db.js";
import { openDatabase } from "./platform/db/database.js";
import { listHeartbeats } from "./platform/leases/index.js";
import { clusterPlan } from "./run-cluster.js";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("borikan start: several processes on one machine", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-cluster-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("reads --web and --workers, auto being one web process per core", () => {
    expect(clusterPlan({})).toEqual({ web: 1, workers: 1 });
    expect(clusterPlan({ web: "auto", workers: "3" })).toEqual({
      web: os.availableParallelism(),
      workers: 3,
    });
    expect(() => clusterPlan({ web: "two" })).toThrow(/--web two/);
    expect(() => clusterPlan({ web: "0", workers: "0" })).toThrow(/nothing/);
  });

  // One database is enough here: the claim is about processes (the leases they share are tested on both).
  it("SC-2: 2 web processes serve one port beside a worker, a killed one is restarted, SIGTERM stops all", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli.ts", "start", "--web", "2", "--workers", "1"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          PORT: "0",
          LOG_LEVEL: "silent",
          DEMO_FAQ: "off",
          TRAFFIC_LOG: "off",
          HEARTBEAT_SECONDS: "1",
          SECRET_KEY: "cluster-test-secret",
          ENCRYPTION_KEY: TEST_MASTER_KEY.toString("base64"),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (pattern: RegExp, count: number, ms: number) => {
      const deadline = Date.now() + ms;
      while ((output.match(new RegExp(pattern, "g")) ?? []).length < count) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`waited for ${count}× ${pattern}; output:\n${output}`);
        await sleep(200);
      }
    };
    const handle = openDatabase(`sqlite:${path.join(dataDir, "borikan.sqlite")}`);
    try {
      await waitFor(/listening on http:\/\/[^\s;]*:\d+/, 2, 200_000);
      await waitFor(/worker is running/, 1, 30_000);
      const ports = [...output.matchAll(/listening on http:\/\/[^\s;]*:(\d+)/g)].map((m) => m[1]);
      expect(new Set(ports).size).toBe(1);
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`http://127.0.0.1:${ports[0]}/healthz`);
        expect(response.status).toBe(200);
      }
      // Each child beats under its own identity: two web processes and one worker, none of them the primary.
      await sleep(1500);
      const beats = await listHeartbeats(handle.db);
      expect(beats.map((b) => b.role).sort()).toEqual(["web", "web", "worker"]);
      expect(new Set(beats.map((b) => b.pid)).size).toBe(3);
      expect(beats.map((b) => b.pid)).not.toContain(child.pid);

      const victim = beats.find((b) => b.role === "web")!.pid;
      process.kill(victim, "SIGKILL");
      await waitFor(new RegExp(`web process ${victim} exited \\(SIGKILL\\); restarting`), 1, 10_000);
      await waitFor(/listening on http:\/\/[^\s;]*:\d+/, 3, 60_000);
      expect((await fetch(`http://127.0.0.1:${ports[0]}/healthz`)).status).toBe(200);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toMatch(/every process stopped/);
      // A clean stop removes its heartbeat; only the killed process's row is left, as a dead one's is.
      expect((await listHeartbeats(handle.db)).map((b) => b.pid)).toEqual([victim]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await handle.close();
    }
  }, 300_000);
});
