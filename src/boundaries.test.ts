import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The house rules, checked on the source (docs/ARCHITECTURE.md):
 * (i)   a capability imports another only through its `index.ts` (the platform from anywhere);
 * (ii)  a capability runs SQL only on its own tables;
 * (iii) `src/platform` knows no domain: it imports nothing outside itself.
 * A capability is the first folder under src/, except that each `src/intake/<x>` is one of its own;
 * files directly in src/ (the app, the service, the CLI) assemble the capabilities and belong to none.
 * Tests and test kits are exempt: they look at any table to check what the code did.
 */

const SRC = path.dirname(new URL(import.meta.url).pathname);

/** Known violations: remove each line when it is fixed. One no longer seen fails the test, so the list only shrinks. */
const ALLOWED = new Set<string>([]);

function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return d.name.endsWith(".ts") && !/\.test(-kit)?\.ts$/.test(d.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join("/");

/** "register", "intake/line", "platform"; "" for the files directly in src/. */
function capabilityOf(relPath: string): string {
  const parts = relPath.split("/");
  if (parts.length === 1) return "";
  if (parts[0] === "intake" && parts.length > 2) return `intake/${parts[1]}`;
  return parts[0] ?? "";
}

/**
 * The files another capability may import: its index, or any file of src/intake itself (no index). The
 * assembling files in src/ may also take a capability's routes and CLI commands: exported by the index,
 * they would tie the indexes in circles (the agencies' admin page reads the register, which reads agencies).
 */
function isEntryPoint(relPath: string, fromRoot = false): boolean {
  const cap = capabilityOf(relPath);
  if (fromRoot && /(\.routes|-cli)\.ts$/.test(relPath)) return true;
  return relPath === `${cap}/index.ts` || (cap === "intake" && relPath.split("/").length === 2);
}

interface Import {
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const pattern =
    /(import|export)\s+(type\s+)?(?:[^;"]*?\s+from\s+)?"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4] ?? "";
    const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, ".ts");
    found.push({ target: rel(target), typeOnly: Boolean(m[2]) });
  }
  return found;
}

/** Table name → owning capability, from the `*.table.ts` files that declare the tables' rows. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  const schema = fs.readFileSync(path.join(SRC, "platform/db/schema.ts"), "utf8");
  const typeFile = new Map<string, string>();
  for (const m of schema.matchAll(/import type \{([^}]*)\} from "([^"]+)"/g))
    for (const name of (m[1] ?? "").split(",").map((s) => s.trim()))
      typeFile.set(name, rel(path.resolve(SRC, "platform/db", m[2] ?? "")));
  const database = schema.slice(schema.indexOf("interface Database"));
  for (const m of database.matchAll(/^\s+([a-z_]+): (\w+);/gm)) {
    const file = typeFile.get(m[2] ?? "");
    if (!file) throw new Error(`schema.ts: the type of ${m[1]} must come from its capability's *.table.ts`);
    owners.set(m[1] ?? "", capabilityOf(file));
  }
  // Tables a capability types for itself (withTables), outside Database.
  for (const file of sourceFiles().filter((f) => f.endsWith(".table.ts"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s+([a-z_]+): [A-Z]\w*Table;/gm))
      if (!owners.has(m[1] ?? "")) owners.set(m[1] ?? "", capabilityOf(rel(file)));
  }
  return owners;
}

/** Tables named in Kysely calls, `sql.table(…)`, and the FROM / JOIN / INTO / UPDATE of raw `sql` templates. */
function tablesUsed(text: string, known: Map<string, string>): string[] {
  const names: string[] = [];
  const call =
    /\b(?:selectFrom|updateTable|insertInto|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|sql\.table)\(\s*"([a-z_]+)/g;
  for (const m of text.matchAll(call)) names.push(m[1] ?? "");
  for (const m of text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g))
    for (const w of (m[1] ?? "").matchAll(/\b(?:from|join|into|update)\s+"?([a-z_]+)/gi))
      if (known.has(w[1] ?? "")) names.push(w[1] ?? "");
  return [...new Set(names)];
}

function violations(): string[] {
  const owners = tableOwners();
  const found: string[] = [];
  for (const file of sourceFiles()) {
    const from = rel(file);
    const own = capabilityOf(from);
    const text = fs.readFileSync(file, "utf8");
    for (const { target, typeOnly } of importsOf(file, text)) {
      if (target.startsWith("../")) {
        // Outside src: only the assembling files take the migrations.
        if (own !== "") found.push(`${from} imports ${target}`);
        continue;
      }
      const theirs = capabilityOf(target);
      if (own === "platform" && theirs !== "platform") {
        // (iii) The one exception: the Database type is assembled from each capability's row types
        // (type-only, erased at run time), so that every repository is typed by one `Db`.
        const isSchema = from === "platform/db/schema.ts" && typeOnly && target.endsWith(".table.ts");
        if (!isSchema) found.push(`${from} imports ${target} (platform knows no domain)`);
        continue;
      }
      if (theirs === own || theirs === "platform" || isEntryPoint(target, own === "")) continue;
      found.push(`${from} imports ${target}`);
    }
    for (const table of tablesUsed(text, owners)) {
      const owner = owners.get(table);
      if (owner === undefined) found.push(`${from} names table ${table}, which no *.table.ts declares`);
      else if (owner !== own) found.push(`${from} runs SQL on ${table} (${owner}'s table)`);
    }
  }
  return found;
}

describe("boundaries between capabilities", () => {
  const found = violations();

  it("each capability is imported only through its index, runs SQL only on its own tables, and platform knows no domain", () => {
    expect(found.filter((v) => !ALLOWED.has(v))).toEqual([]);
  });

  it("the list of known violations only shrinks (remove what is fixed)", () => {
    expect([...ALLOWED].filter((v) => !found.includes(v))).toEqual([]);
  });

  it("the check itself sees an import past an index and SQL on another's table", () => {
    const owners = tableOwners();
    expect(owners.get("entries")).toBe("register");
    expect(owners.get("audit_chain_head")).toBe("audit");
    expect(owners.get("line_events")).toBe("intake/line");
    expect(tablesUsed('db.selectFrom("entries").innerJoin("outbox", "a", "b")', owners)).toEqual([
      "entries",
      "outbox",
    ]);
    expect(tablesUsed("sql`update audit_events as a set x = 1`", owners)).toEqual(["audit_events"]);
    const imports = importsOf(
      path.join(SRC, "intake/line/x.ts"),
      'import { a } from "../../register/entry.js";',
    );
    expect(imports).toEqual([{ target: "register/entry.ts", typeOnly: false }]);
    expect(isEntryPoint("register/entry.ts")).toBe(false);
    expect(isEntryPoint("register/index.ts")).toBe(true);
    expect(isEntryPoint("register/register.routes.ts")).toBe(false);
    expect(isEntryPoint("register/register.routes.ts", true)).toBe(true);
  });
});
