import { AppError } from "../platform/errors.js";

/** The licence facts a back-fill sheet must give, each from one column. */
export const MAPPED_FACTS = ["number", "serviceCode", "holder", "issuedOn", "validUntil", "status"] as const;
export type MappedFact = (typeof MAPPED_FACTS)[number];

/** A printed line of the licence taken from a column: its key and its Thai and English label. */
export interface PrintedColumn {
  column: string;
  key: string;
  th: string;
  en: string;
}

/**
 * PR-3: which column of an agency's earlier register (by its header text) gives each fact, and which
 * columns are lines printed on the licence. Columns are named, not numbered, so a mapping saved for one
 * export of the old system fits the next one even if a column moved.
 */
export interface BackfillMapping {
  columns: Record<MappedFact, string>;
  printed: PrintedColumn[];
}

/** #15's fixed CSV header names, still read without a saved mapping. */
const LEGACY: Record<MappedFact, string> = {
  number: "number",
  serviceCode: "service_code",
  holder: "holder",
  issuedOn: "issued_on",
  validUntil: "valid_until",
  status: "status",
};
export const MAPPING_NAME = /^[\p{L}\p{M}\p{N} _.()-]{1,60}$/u;
const KEY = /^[\p{L}\p{M}\p{N}_.-]{1,60}$/u;

/**
 * The mapping of a sheet whose header uses #15's names (number, service_code …, any case); every other
 * column is a printed line labelled with its header. Columns missing are left empty (checkMapping says).
 */
export function defaultMapping(header: readonly string[]): BackfillMapping {
  const find = (name: string) => header.find((h) => h.toLowerCase() === name) ?? "";
  const columns = Object.fromEntries(
    MAPPED_FACTS.map((f) => [f, find(LEGACY[f])]),
  ) as BackfillMapping["columns"];
  const used = new Set(Object.values(columns));
  const printed = header
    .filter((h) => h !== "" && !used.has(h))
    .map((h) => ({ column: h, key: h.slice(0, 60), th: h.slice(0, 100), en: h.slice(0, 100) }));
  return { columns, printed };
}

/**
 * The mapping checked against a sheet's header: every fact from a column that exists (valid-until may be
 * left unmapped: no last day), printed columns existing with a key and a Thai label, keys unique.
 * Throws BACKFILL_MAPPING_INVALID {detail} naming the first fault.
 */
export function checkMapping(mapping: BackfillMapping, header: readonly string[]): BackfillMapping {
  const fault = (detail: string) => new AppError("BACKFILL_MAPPING_INVALID", { detail }, { field: detail });
  for (const fact of MAPPED_FACTS) {
    const column = mapping.columns[fact] ?? "";
    if (column === "" && fact === "validUntil") continue;
    if (!header.includes(column)) throw fault(fact);
  }
  const keys = new Set<string>();
  for (const p of mapping.printed) {
    if (!header.includes(p.column)) throw fault(`printed:${p.column.slice(0, 60)}`);
    if (!KEY.test(p.key) || keys.has(p.key)) throw fault(`key:${p.key.slice(0, 60)}`);
    if (!p.th.trim() || p.th.length > 100 || p.en.length > 100) throw fault(`label:${p.key}`);
    keys.add(p.key);
  }
  if (mapping.printed.length > 40) throw fault("printed");
  return mapping;
}

/** A mapping as stored (JSON) or sent by the API, shape-checked; undefined when it is not one. */
export function parseMapping(value: unknown): BackfillMapping | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { columns, printed } = value as Partial<BackfillMapping>;
  if (typeof columns !== "object" || columns === null || !Array.isArray(printed)) return undefined;
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const cols: Partial<Record<MappedFact, string>> = {};
  for (const f of MAPPED_FACTS) {
    const c = text((columns as Record<string, unknown>)[f] ?? "");
    if (c === undefined) return undefined;
    cols[f] = c;
  }
  const lines: PrintedColumn[] = [];
  for (const p of printed as unknown[]) {
    const r = (p ?? {}) as Record<string, unknown>;
    const [column, key, th, en] = [text(r.column), text(r.key), text(r.th), text(r.en ?? "")];
    if (column === undefined || key === undefined || th === undefined || en === undefined) return undefined;
    lines.push({ column, key, th, en });
  }
  return { columns: cols as BackfillMapping["columns"], printed: lines };
}
