import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyRequest } from "fastify";

export interface TrafficLogOptions {
  /** The folder of the day files, `YYYY-MM-DD.log` (UTC days). */
  dir: string;
  now: () => Date;
  /** The request's tenant, when the app knows one (the platform knows no domain). */
  tenantOf?: (req: FastifyRequest) => string | undefined;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.log$/;

/**
 * PD-4, Computer Crime Act B.E. 2550 s.26: one line per answered request, appended to the day's file
 * (JSON: time, method, the route's pattern, status, client address, milliseconds, tenant). The route's
 * pattern, never the URL: query strings and paths carry tracking tokens and resume links.
 */
export function registerTrafficLog(app: FastifyInstance, options: TrafficLogOptions): void {
  let made: Promise<unknown> | undefined;
  app.addHook("onResponse", async (req, reply) => {
    const at = options.now();
    const line = JSON.stringify({
      t: at.toISOString(),
      m: req.method,
      r: req.routeOptions.url ?? "-",
      s: reply.statusCode,
      ip: req.ip,
      ms: Math.round(reply.elapsedTime),
      a: options.tenantOf?.(req) ?? null,
    });
    try {
      made ??= fs.mkdir(options.dir, { recursive: true });
      await made;
      await fs.appendFile(path.join(options.dir, `${at.toISOString().slice(0, 10)}.log`), `${line}\n`);
    } catch (error) {
      req.log.error({ err: error }, "traffic log not written");
    }
  });
}

/**
 * PD-4: deletes the day files whose whole day ended before `before` (so at least the retention period
 * is always kept). Returns the number of files deleted; a missing folder is none.
 */
export async function purgeTrafficLogs(dir: string, before: Date): Promise<number> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let deleted = 0;
  for (const name of names) {
    const day = DAY_FILE.exec(name)?.[1];
    if (!day) continue;
    const dayEnd = Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
    if (Number.isNaN(dayEnd) || dayEnd > before.getTime()) continue;
    await fs.rm(path.join(dir, name), { force: true });
    deleted += 1;
  }
  return deleted;
}
