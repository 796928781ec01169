import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { textValue } from "../../test/fuzz-inputs.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import type { Licence } from "./licence.js";
import { EXPORT_COLUMNS } from "./licence-register-export.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SCALE = Number(process.env.FUZZ_RUNS ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** RFC 4180 records of a CSV text (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

describe.each(testDialects())("the register's exports and routes on %s", (dialect) => {
  let service: TestService;
  let licence: Licence;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    ({ licence } = await issuedLicence(service, clock));
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("PR-2: the CSV is UTF-8 with a BOM and round-trips Thai, one record per current licence", async () => {
    const res = await service.app.inject({ url: "/licences.csv" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(res.rawPayload.subarray(3).toString("utf8"));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const row = rows.find((r) => r[0] === licence.number);
    expect(row?.[header!.indexOf("holder")]).toBe(licence.holderName);
    expect(row?.[header!.indexOf("title_th")]).toBe(licence.title.th);
    expect(row?.[header!.indexOf("printed_fields")]).toContain("ร้านข้าวแกง");
    expect(row?.[header!.indexOf("valid_from")]).toBe("2026-12-07");
    expect(row?.[header!.indexOf("verification_url")]).toContain(`c=${licence.verificationCode}`);
  });

  it("PR-2: the JSON's keys are the CSV's headers, dates ISO; the XLSX holds the same rows", async () => {
    const json = (await service.app.inject({ url: "/licences.json" })).json() as Record<string, string>[];
    const record = json.find((r) => r.number === licence.number);
    expect(Object.keys(record ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(record?.valid_until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const xlsx = await service.app.inject({ url: "/licences.xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("number");
    const numbers = sheet.getColumn(1).values.slice(2);
    expect(numbers).toContain(licence.number);
  });

  it("PR-4: the dataset description carries data.go.th's 14 mandatory items, filled from the agency", async () => {
    const meta = (await service.app.inject({ url: "/licences/metadata.json" })).json() as Record<
      string,
      unknown
    >;
    const mandatory = [
      "title",
      "owner_org",
      "maintainer",
      "maintainer_email",
      "tag_string",
      "notes",
      "objective",
      "update_frequency_unit",
      "geo_coverage",
      "data_source",
      "data_format",
      "data_category",
      "license_id",
      "accessible_condition",
    ];
    for (const key of mandatory) expect(String(meta[key] ?? ""), key).not.toBe("");
    expect(String(meta.url)).toMatch(/\/licences$/);
  });

  it("PR-1: random queries to every register route are a page or a 4xx, never a 5xx", async () => {
    const path = fc.constantFrom(
      "/licences",
      "/licences/display",
      "/licences.csv",
      "/licences/metadata.json",
      `/licences/${licence.id}`,
      "/a/demo/licences",
    );
    const name = fc.constantFrom("q", "service", "status", "after", "i", "seconds", "lang", "x");
    const cases = fc.sample(fc.tuple(path, fc.array(fc.tuple(name, textValue), { maxLength: 4 })), {
      seed: 1506,
      numRuns: runs(80),
    });
    for (const [route, params] of cases) {
      const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v.slice(0, 500))}`).join("&");
      const url = `${route}?${query}`;
      const res = await service.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const ids = fc.sample(textValue, { seed: 1507, numRuns: runs(30) });
    for (const id of ids) {
      const res = await service.app.inject({ url: `/licences/${encodeURIComponent(id)}` });
      expect(res.statusCode, id).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, id).toBeLessThan(500);
    }
  });
});
