import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_AGENCY } from "../agencies/index.js";

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, "../../bin/borikan.js");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-staff-cli-"));
const borikan = (...args: string[]) =>
  run(process.execPath, [cli, ...args], { env: { ...process.env, DATA_DIR: data, DATABASE_URL: "" } }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

describe("borikan staff create", () => {
  it("item 9: takes units by code of the officer's agency and refuses another agency's", async () => {
    for (const agency of [
      DEMO_AGENCY,
      { ...DEMO_AGENCY, id: "other", hostnames: [], domain: "other.go.th" },
    ]) {
      const file = path.join(data, `${agency.id}.json`);
      fs.writeFileSync(file, JSON.stringify({ ...agency, centralEmail: `saraban@${agency.domain}` }));
      expect((await borikan("agency", "init", "--file", file)).code).toBe(0);
    }
    const ok = await borikan(
      "staff",
      "create",
      "--agency",
      "demo",
      "--email",
      "u@demo.go.th",
      "--roles",
      "saraban_officer",
      "--units",
      "saraban,permits",
    );
    expect(ok.out).toContain("temporary password");
    expect(ok.code).toBe(0);
    const db = new SQLite(path.join(data, "borikan.sqlite"));
    const own = db.prepare("select id from units where agency_id = 'demo' order by code").all() as {
      id: string;
    }[];
    const stored = db.prepare("select unit_ids from staff where email = 'u@demo.go.th'").get() as {
      unit_ids: string;
    };
    expect(JSON.parse(stored.unit_ids).sort()).toEqual(own.map((u) => u.id).sort());
    const foreign = db
      .prepare("select id from units where agency_id = 'other' and code = 'saraban'")
      .get() as { id: string };
    db.close();
    const refused = await borikan(
      "staff",
      "create",
      "--agency",
      "demo",
      "--email",
      "v@demo.go.th",
      "--roles",
      "saraban_officer",
      "--units",
      foreign.id,
    );
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`The chosen units are not units of this agency: ${foreign.id}`);
  }, 60_000);
});
