import fs from "node:fs";
import path from "node:path";
import type { AuditHead } from "./audit-chain.js";

/*
 * The chain's head written outside the database (RG-4): one line per seal run in a daily file, so that
 * rows cut off the end of the chain, with the head row "fixed" to match, are still caught by the verifier.
 */

/** The calendar date in Bangkok (UTC+7 all year, no daylight saving) as YYYY-MM-DD. */
export const bangkokDate = (instant: Date): string =>
  new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The daily file the head is appended to: `<dir>/audit-head-YYYY-MM-DD.txt` (Bangkok date). */
export const auditHeadFile = (dir: string, instant: Date): string =>
  path.join(dir, `audit-head-${bangkokDate(instant)}.txt`);

const HEAD_FILE_NAME = /^audit-head-\d{4}-\d{2}-\d{2}\.txt$/;

/** True for the name of a daily head file (what backups copy and restore). */
export const isAuditHeadFileName = (name: string): boolean => HEAD_FILE_NAME.test(name);

/** One line per seal run: `<seq> <hash> <ISO time>`, flushed to disk before returning. */
export function appendHeadLine(dir: string, instant: Date, head: AuditHead): void {
  fs.mkdirSync(dir, { recursive: true });
  const fd = fs.openSync(auditHeadFile(dir, instant), "a");
  try {
    fs.writeSync(fd, `${head.seq} ${head.hash} ${instant.toISOString()}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface HeadFileLine extends AuditHead {
  /** File and line, for messages. */
  where: string;
  at: string;
}

const HEAD_LINE = /^(\d+) ([0-9a-f]{64}) (\S+)$/;

/** The last `bytes` of a file, without the partial line it may start in. */
function readTail(file: string, bytes: number): string {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString("utf8");
    return start === 0 ? text : text.slice(text.indexOf("\n") + 1);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The heads recorded outside the database: every line of the latest file (by the date in its name),
 * and the highest position of each earlier file (read from its end), so that a chain cut back past
 * an earlier day and sealed on anew is caught too, without reading every line ever written.
 */
export function readHeadFiles(dir: string): { lines: HeadFileLine[]; problems: string[]; files: number } {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((n) => HEAD_FILE_NAME.test(n))
        .sort()
    : [];
  const lines: HeadFileLine[] = [];
  const problems: string[] = [];
  names.forEach((name, index) => {
    const file = path.join(dir, name);
    const latest = index === names.length - 1;
    const parsed: HeadFileLine[] = [];
    (latest ? fs.readFileSync(file, "utf8") : readTail(file, 64 * 1024)).split("\n").forEach((text, i) => {
      const where = latest ? `${file} line ${i + 1}` : `${file} (its highest entry)`;
      if (text.trim() === "" || text.startsWith("#")) return;
      const match = HEAD_LINE.exec(text.trim());
      if (!match) problems.push(`${where} is not "<seq> <hash> <time>": ${text.slice(0, 200)}`);
      else parsed.push({ seq: Number(match[1]), hash: match[2]!, at: match[3]!, where });
    });
    if (latest) lines.push(...parsed);
    else {
      const highest = parsed.reduce<HeadFileLine | undefined>(
        (a, b) => (a && a.seq >= b.seq ? a : b),
        undefined,
      );
      if (highest) lines.push(highest);
    }
  });
  return { lines, problems, files: names.length };
}
