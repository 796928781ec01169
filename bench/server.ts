import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config/index.js";
import { createService } from "../src/service.js";
import { createBareApp } from "./bare-app.js";
import { createBareCaseworkApp } from "./bare-casework.js";

/**
 * The server side of one benchmark run, in its own process (so it has its own event loop and core):
 * `borikan` is the whole service as `npm start` builds it with ROLE=web; `bare` is the baseline app.
 * It listens on 127.0.0.1 at a free port, tells the parent over IPC, answers `mark`/`report` with its
 * CPU use and event-loop utilisation between the two, and exits on `stop`. With BENCH_CPU_PROF=DIR it
 * also records a CPU profile of the same window into DIR/<variant>-<db>.cpuprofile.
 */
export type ServerMessage =
  | { type: "ready"; port: number }
  | {
      type: "report";
      cpuUserMs: number;
      cpuSystemMs: number;
      eventLoopUtilization: number;
      rssMb: number;
      profileFile?: string;
    }
  | { type: "marked" }
  | { type: "error"; message: string };

export type ParentMessage = { type: "mark" } | { type: "report" } | { type: "stop" };

const [variant, databaseUrl, dataDir, logLevel] = process.argv.slice(2);
if (!variant || !databaseUrl || !dataDir)
  throw new Error("usage: server.ts borikan|bare|bare-casework DATABASE_URL DATA_DIR [LOG_LEVEL]");
const tell = (message: ServerMessage) => process.send?.(message);

async function start(): Promise<{ port: number; close(): Promise<void> }> {
  if (variant === "bare-casework") {
    const bare = await createBareCaseworkApp(databaseUrl!);
    await bare.app.listen({ host: "127.0.0.1", port: 0 });
    const address = bare.app.server.address();
    return { port: typeof address === "object" && address ? address.port : 0, close: () => bare.close() };
  }
  if (variant === "bare") {
    const bare = await createBareApp(databaseUrl!, dataDir!);
    await bare.app.listen({ host: "127.0.0.1", port: 0 });
    const address = bare.app.server.address();
    return { port: typeof address === "object" && address ? address.port : 0, close: () => bare.close() };
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    ROLE: "web",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: logLevel || "info",
  });
  const service = await createService(config, { log: (msg) => process.stderr.write(`borikan: ${msg}\n`) });
  await service.app.listen({ host: config.host, port: 0 });
  const address = service.app.server.address();
  return { port: typeof address === "object" && address ? address.port : 0, close: () => service.close() };
}

try {
  const server = await start();
  let cpu = process.cpuUsage();
  let elu = performance.eventLoopUtilization();
  const profileDir = process.env.BENCH_CPU_PROF;
  const profiler = profileDir ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
  }
  process.on("message", async (message: ParentMessage) => {
    if (message.type === "mark") {
      await profiler?.post("Profiler.start");
      cpu = process.cpuUsage();
      elu = performance.eventLoopUtilization();
      tell({ type: "marked" });
    } else if (message.type === "report") {
      const used = process.cpuUsage(cpu);
      const utilization = performance.eventLoopUtilization(elu).utilization;
      let profileFile: string | undefined;
      if (profiler && profileDir) {
        const { profile } = await profiler.post("Profiler.stop");
        const dialect = databaseUrl!.startsWith("sqlite:") ? "sqlite" : "postgres";
        profileFile = path.join(profileDir, `${variant}-${dialect}.cpuprofile`);
        fs.writeFileSync(profileFile, JSON.stringify(profile));
      }
      tell({
        type: "report",
        cpuUserMs: used.user / 1000,
        cpuSystemMs: used.system / 1000,
        eventLoopUtilization: utilization,
        rssMb: process.memoryUsage().rss / 1024 / 1024,
        profileFile,
      });
    } else if (message.type === "stop") {
      server.close().then(
        () => process.exit(0),
        (error) => {
          process.stderr.write(`close failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
    }
  });
  // Never outlive the benchmark that started us.
  process.on("disconnect", () => process.exit(0));
  tell({ type: "ready", port: server.port });
} catch (error) {
  tell({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
