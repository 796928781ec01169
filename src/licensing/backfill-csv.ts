/**
 * RFC 4180 CSV, comma-separated, as decoded text (a BOM is dropped): quotes, doubled quotes, CRLF. Each record
 * keeps the file line it starts on, for the per-row report. Reading stops past `maxRows` (the caller
 * refuses such a file).
 */
export function parseBackfillCsv(text: string, maxRows: number): { line: number; cells: string[] }[] {
  const source = text.replace(/^\uFEFF/, "");
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < source.length && rows.length <= maxRows; i++) {
    const c = source[i]!;
    if (c === "\n") line++;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") {
        i++;
        line++;
      }
      cells.push(cell);
      if (cells.some((x) => x.trim() !== "")) rows.push({ line: start, cells });
      cells = [];
      cell = "";
      start = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    if (cells.some((x) => x.trim() !== "")) rows.push({ line: start, cells });
  }
  return rows;
}
