import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph } from "../test/import-graph.js";

const SRC = path.resolve(import.meta.dirname);

describe("imports in src/", () => {
  it("no file reaches itself through its imports (type-only imports aside)", () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    const cycles = importCycles(graph).map((c) => c.map((f) => path.relative(SRC, f)).join(" → "));
    expect(cycles, cycles.join("\n")).toEqual([]);
  });

  it("the search finds a cycle when there is one", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });
});
