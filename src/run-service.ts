// #18 processes

import type { Config } from "./config/index.js";
import { newProcessIdentity } from "./platform/leases/index.js";
import { createProcessLogger, logLines, requestLogger } from "./platform/log/process-log.js";
import { STOP_MESSAGE } from "./run-cluster.js";
import { createService } from "./service.js";

const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs Borikan as a process until it is stopped: the web server unless ROLE=worker, the workers unless
 * ROLE=web. SIGTERM or SIGINT finishes the work in flight and exits 0; a second signal exits at once
 * (a send cut off then is marked uncertain by the next worker, never sent again). Its lines, and its
 * requests', are JSON on stdout with its identity (`log` given instead: its own lines go there).
 */
export async function runService(config: Config, given?: (msg: string) => void): Promise<void> {
  // #18 opslog: the identity is made here so that the first line already names the process
  const processIdentity = newProcessIdentity(config.role, new Date());
  const logger = createProcessLogger({ level: config.logLevel, identity: processIdentity });
  const log = given ?? logLines(logger);
  const service = await createService(config, {
    log,
    processIdentity,
    requestLogger: requestLogger(logger, config.logLevel),
  });
  let keepAlive: NodeJS.Timeout | undefined;
  if (config.role !== "worker") {
    const address = await service.app.listen({ host: config.host, port: config.port });
    log(
      `Borikan is serving on ${config.publicUrl} (listening on ${address}; database: ${service.handle.dialect})`,
    );
  } else {
    // The workers' timers do not hold the process open by themselves; this does, until a signal.
    keepAlive = setInterval(() => {}, 2 ** 30);
    log(`Borikan worker is running (database: ${service.handle.dialect})`);
  }
  let stopping = false;
  const stop = (signal: keyof typeof EXIT_CODE) => {
    if (stopping) {
      log(`${signal} again: stopping at once`);
      process.exit(EXIT_CODE[signal]);
    }
    stopping = true;
    log(`${signal}: finishing the work in progress, then stopping (${signal} again stops at once)`);
    service.close().then(
      () => {
        clearInterval(keepAlive);
        log("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log(`stopping failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // #18 processes: a child of `borikan start` is told to stop by its primary with a message, so a signal
  // it also got from its process group does not count twice; its primary gone is a stop too.
  if (process.send) {
    process.on("message", (message) => message === STOP_MESSAGE && !stopping && stop("SIGTERM"));
    process.on("disconnect", () => !stopping && stop("SIGTERM"));
  }
}
