import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Summarises a V8 .cpuprofile (from `--cpu-prof`): where the server's time went, by package and function. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function area(url: string): string {
  if (url === "") return "(native/vm)";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "/node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:"))
    return url
      .replace(/^node:(internal\/)?/, "node:")
      .split("/")
      .slice(0, 2)
      .join("/");
  const src = url.indexOf("/src/");
  if (src >= 0)
    return `borikan src/${url
      .slice(src + 5)
      .split("/")
      .slice(0, -1)
      .join("/")}`;
  const bench = url.indexOf("/bench/");
  if (bench >= 0) return "bench";
  return url;
}

/** Functions worth an inclusive figure (their own work plus what they call, synchronous parts only). */
const WATCH = [
  "readMultipart",
  "submitWebRequest",
  "validateSubmission",
  "screenFiles",
  "checkFile",
  "fileTypeFromBuffer",
  "put",
  "sha256Hex",
  "existingResult",
  "loadBusinessCalendar",
  "listHolidayDates",
  "registerEntry",
  "composeAcknowledgement",
  "enqueueMessage",
  "recordAudit",
  "listAttachments",
  "receiptJson",
  "agencyResolver",
  "handleError",
  "executeQuery",
  "compileQuery",
  "Value.Errors",
  "Errors",
  "serialize",
];

export function summariseProfile(file: string, requests: number, top = 25, watch: string[] = WATCH): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totalUs = profile.endTime - profile.startTime;
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const special = functionName.startsWith("(") ? functionName : undefined;
    const a = special ?? area(url);
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    const fn = special ?? `${functionName || "(anonymous)"} ${path.basename(url)}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (watch.includes(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
  }
  const busy = totalUs - (byArea.get("(idle)") ?? 0);
  const line = (name: string, us: number) =>
    `  ${name.padEnd(58).slice(0, 58)} ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000 / requests).toFixed(3)} ms/req`;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return [
    `profile ${path.basename(file)}: ${(totalUs / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s, ${requests} requests, busy ${(busy / 1000 / requests).toFixed(3)} ms/req (shares of busy time)`,
    " by area (self time):",
    ...sorted(byArea)
      .filter(([k]) => k !== "(idle)")
      .slice(0, top)
      .map(([k, v]) => line(k, v)),
    " top functions (self time):",
    ...sorted(byFunction)
      .filter(([k]) => k !== "(idle)")
      .slice(0, top)
      .map(([k, v]) => line(k, v)),
    " watched functions (inclusive, synchronous parts):",
    ...sorted(inclusive).map(([k, v]) => line(k, v)),
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  const [file, requests] = process.argv.slice(2);
  if (!file) throw new Error("usage: tsx bench/profile.ts FILE.cpuprofile [REQUESTS]");
  console.log(summariseProfile(file, Number(requests ?? 1)));
}
