import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { EXPORT_SCHEMA, type ExportField, type Licence } from "../licensing/index.js";
import { fixedClock } from "../platform/clock.js";
import { DGA_OPEN_GOVERNMENT_LICENSE } from "./open-data-settings.js";
import { setOpenDataLicence } from "./set-open-data-settings.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
/** THAI-STANDARDS §10: DGA's 14 mandatory metadata items (thai-gdc field names). */
const MANDATORY = [
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

/** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
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
      records.push([...record, field]);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  return records;
}

/** A cell against its described field: what is wrong with it, or undefined. */
function cellProblem(field: ExportField, value: string): string | undefined {
  if (value === "") return field.required ? `${field.name}: empty` : undefined;
  if (field.type === "integer" && !/^\d+$/.test(value)) return `${field.name}: not an integer`;
  if (field.type === "date") {
    // ISO 8601 in the Common Era: a Buddhist-era year (25xx) would be a wrong date, not another format.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
      return `${field.name}: not a date`;
    if (Number(value.slice(0, 4)) > 2300) return `${field.name}: a Buddhist-era year`;
  }
  return undefined;
}

/** Rows (header first) against the description's schema: the header is its field names, in order. */
function schemaProblems(schema: readonly ExportField[], header: string[], rows: string[][]): string[] {
  const problems: string[] = [];
  if (JSON.stringify(header) !== JSON.stringify(schema.map((f) => f.name))) problems.push("header");
  for (const [i, row] of rows.entries()) {
    if (row.length !== schema.length) problems.push(`row ${i}: ${row.length} cells`);
    schema.forEach((field, j) => {
      const problem = cellProblem(field, row[j] ?? "");
      if (problem) problems.push(`row ${i}: ${problem}`);
    });
  }
  return problems;
}

describe.each(testDialects())("the licence register as open data on %s", (dialect) => {
  let service: TestService;
  let open: Licence;
  let secret: Licence;
  let described: ExportField[];
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    ({ licence: open } = await issuedLicence(service, clock));
    ({ licence: secret } = await issuedLicence(service, clock));
    // A licence whose template is confidential (DL-3): planted as its row says so.
    await service.handle.db
      .updateTable("licences")
      .set({ confidential: 1 })
      .where("id", "=", secret.id)
      .execute();
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
  });

  const metadata = async () =>
    (await service.app.inject({ url: "/licences/metadata.json" })).json() as Record<string, unknown> & {
      resources: { format: string; url: string; schema: { fields: ExportField[] } }[];
    };

  it("PR-4: the description has the 14 mandatory items, non-empty, and the DGA licence by default", async () => {
    const meta = await metadata();
    for (const key of MANDATORY) expect(String(meta[key] ?? "").trim(), key).not.toBe("");
    expect(meta.license_id).toBe(DGA_OPEN_GOVERNMENT_LICENSE.id);
    expect(meta.license_title).toBe(DGA_OPEN_GOVERNMENT_LICENSE.title);
    expect(meta.license_url).toBe("https://data.go.th/pages/dga-open-government-license");
    expect(meta.resources.map((r) => r.format)).toEqual(["CSV", "JSON", "XLSX"]);
    described = meta.resources[0]!.schema.fields;
    expect(described.map((f) => f.name)).toEqual(EXPORT_SCHEMA.map((f) => f.name));
    for (const field of described) expect(field.title, field.name).toMatch(/[\u0E00-\u0E7F]/);
  });

  it("PR-4: a configured licence is named in the description and on the register page", async () => {
    const licence = {
      id: "moi-ogl",
      title: "MOI Open Government License",
      url: "https://example.go.th/open-license",
    };
    await setOpenDataLicence(service.handle, "demo", licence, { actor: "staff:test", at: clock.now() });
    const meta = await metadata();
    expect([meta.license_id, meta.license_title, meta.license_url]).toEqual([
      licence.id,
      licence.title,
      licence.url,
    ]);
    const page = await service.app.inject({ url: "/licences" });
    expect(page.body).toContain('data-testid="open-data-licence"');
    expect(page.body).toContain(`href="${licence.url}" rel="license"`);
  });

  it("OD-1: every CSV, JSON and XLSX row validates against the description; the CSV is UTF-8 with a BOM", async () => {
    const csv = await service.app.inject({ url: "/licences.csv" });
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(csv.rawPayload.subarray(3).toString("utf8"));
    expect(rows.length).toBeGreaterThan(0);
    expect(schemaProblems(described, header!, rows)).toEqual([]);

    const json = (await service.app.inject({ url: "/licences.json" })).json() as Record<string, string>[];
    expect(json.length).toBe(rows.length);
    for (const record of json) expect(Object.keys(record)).toEqual(described.map((f) => f.name));
    expect(
      schemaProblems(
        described,
        Object.keys(json[0]!),
        json.map((r) => Object.values(r)),
      ),
    ).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await service.app.inject({ url: "/licences.xlsx" })).rawPayload as unknown as ArrayBuffer,
    );
    const sheet: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => {
      sheet.push(described.map((_, j) => String(row.getCell(j + 1).value ?? "")));
    });
    const [xHeader, ...xRows] = sheet;
    expect(xRows.length).toBe(rows.length);
    expect(schemaProblems(described, xHeader!, xRows)).toEqual([]);
  });

  it("OD-1: a refusing check: a Buddhist-era date or a missing holder fails the description", () => {
    const row = described.map((f) => (f.type === "date" ? "2569-12-07" : f.type === "integer" ? "1" : "x"));
    expect(
      schemaProblems(
        described,
        described.map((f) => f.name),
        [row],
      ),
    ).toContain("row 0: valid_from: a Buddhist-era year");
    const noHolder = row.map((v, j) => (described[j]!.name === "holder" ? "" : v.replace("2569", "2026")));
    expect(
      schemaProblems(
        described,
        described.map((f) => f.name),
        [noHolder],
      ),
    ).toEqual(["row 0: holder: empty"]);
  });

  it("PR-4, OD-1: a confidential licence appears in no export; the public one does", async () => {
    for (const ext of ["csv", "json", "xlsx"]) {
      const res = await service.app.inject({ url: `/licences.${ext}` });
      const text = ext === "xlsx" ? await xlsxText(res.rawPayload) : res.body;
      expect(text, ext).toContain(open.number);
      expect(text, ext).not.toContain(secret.number);
      expect(text, ext).not.toContain(secret.verificationCode);
    }
  });

  it("PR-4, OD-1: a printed line its service marks sensitive appears in no export nor the description", async () => {
    const shopName = open.fields.find((f) => f.key === "shop-name")!;
    expect((await service.app.inject({ url: "/licences.csv" })).body).toContain(shopName.value);
    // An older version's form marking the shop's name sensitive (publishing refuses this today).
    const row = await service.handle.db
      .selectFrom("service_versions")
      .select(["id", "definition"])
      .where("id", "=", open.serviceVersionId!)
      .executeTakeFirstOrThrow();
    const definition = JSON.parse(row.definition);
    definition.form.ui.fields.shopName.dataClass = "sensitive";
    await service.handle.db
      .updateTable("service_versions")
      .set({ definition: JSON.stringify(definition) })
      .where("id", "=", row.id)
      .execute();
    for (const ext of ["csv", "json", "xlsx"]) {
      const res = await service.app.inject({ url: `/licences.${ext}` });
      const text = ext === "xlsx" ? await xlsxText(res.rawPayload) : res.body;
      expect(text, ext).toContain(open.number);
      expect(text, ext).not.toContain(shopName.value);
      expect(text, ext).not.toContain(shopName.label.th);
    }
    const meta = JSON.stringify(await metadata());
    expect(meta).not.toContain(shopName.value);
    expect(meta).not.toContain(secret.number);
  });
});

async function xlsxText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    row.eachCell((cell) => {
      cells.push(String(cell.value ?? ""));
    });
  });
  return cells.join("\n");
}
