import os from "node:os";
import pino, { type DestinationStream, type Logger } from "pino";

/*
 * #18 opslog: the process's logger (issue #18 item 6, "structured logs"). One JSON object per line on
 * stdout, for journald, Docker or any log shipper: `time` (ISO 8601), `level` ("info", "warn", ...),
 * `pid`, `hostname`, the process identity (`processId`, `role`, as in the heartbeats and leases) and
 * `msg`. Fastify's request lines come from a child of the same logger, so they carry the same fields
 * and a `reqId` besides.
 */

export type ProcessLogger = Logger;

export interface ProcessLogOptions {
  /** LOG_LEVEL. The process's own lines are never quieter than `info` (see `processLevel`). */
  level: string;
  /** Who this process is (`newProcessIdentity`): put on every line. */
  identity: { processId: string; role: string };
  /** Where the lines go: stdout unless given (tests give a stream). */
  destination?: DestinationStream;
}

/**
 * The process's own lines (start, stop, the demo sign-in, workers' failures) are few and an operator
 * needs them, so LOG_LEVEL may make them more verbose but not quieter than `info`: they printed whatever
 * LOG_LEVEL said before they were JSON, and LOG_LEVEL=silent or warn keeps quieting the request lines.
 */
export function processLevel(level: string): string {
  const values = pino.levels.values;
  const asked = values[level];
  return asked !== undefined && asked < values.info! ? level : "info";
}

/** The process's logger: JSON lines with its identity, at `processLevel(level)`. */
export function createProcessLogger(options: ProcessLogOptions): ProcessLogger {
  return pino(
    {
      level: processLevel(options.level),
      base: {
        pid: process.pid,
        hostname: os.hostname(),
        processId: options.identity.processId,
        role: options.identity.role,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous, as console.log was: a line written just before process.exit() is not lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The request lines' logger: the process's, at LOG_LEVEL exactly (`silent` silences them). */
export function requestLogger(logger: ProcessLogger, level: string): ProcessLogger {
  return logger.child({}, { level });
}

/** A line that plainly reports something wrong is a warning or an error; the rest is information. */
export function levelOfLine(msg: string): "info" | "warn" | "error" {
  // Retried or left aside on purpose: the service goes on.
  if (/^warning\b|\bwill try again\b|\bcould not\b|\bnot sent\b|\bexited\b|\blost the lease\b/i.test(msg))
    return "warn";
  // "failed", or an error's own text ("Error: ...", "TypeError: ...", "AppError: ...").
  if (/\bfail(ed|ure)\b|error\b/i.test(msg)) return "error";
  return "info";
}

/**
 * The `log: (msg: string) => void` every part of the service takes (outbox, workers, mail, LINE, the
 * cluster's primary), writing through the process's logger at the line's level.
 */
export function logLines(logger: ProcessLogger): (msg: string) => void {
  return (msg) => logger[levelOfLine(msg)](msg);
}
