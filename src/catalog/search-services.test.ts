import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { RETIRED_SERVICE, SEARCH_CATALOGUE, searchService } from "../../test/search-catalogue.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, retireSeededServices } from "../../test/service-fixture.js";
import { searchServices } from "./index.js";

/**
 * Query → the code expected first, or `{ contains }` somewhere in the first five, `{ not }` nowhere
 * (the retired service), or `[]` for nothing found.
 */
const TABLE: [string, string | { contains: string } | { not: string } | []][] = [
  // The two examples (IF-2): no strict AND of words, and synonyms on the query side.
  ["ใบอนุญาต ร้านอาหาร", "food-shop"],
  ["ร้านอาหาร", "food-stall"],
  ["ใบอนุญาตร้านอาหาร", { contains: "food-shop" }],
  ["เบี้ยยังชีพผู้สูงอายุ", "elderly-allowance"],
  ["คนชรา", "elderly-allowance"],
  ["เบี้ยยังชีพ", "elderly-allowance"],
  ["elderly allowance", "elderly-allowance"],
  ["ผู้พิการ", "disability-allowance"],
  ["ประกันสังคม มาตรา 39", "insured-39"],
  ["ผู้ประกันตน", "insured-39"],
  ["สร้างบ้าน", "building"],
  ["building permit", "building"],
  ["รื้อถอน", "demolition"],
  ["ขยะ", "garbage"],
  ["garbage", "garbage"],
  ["ภาษีป้าย", "sign-tax"],
  ["ภาษีที่ดิน", "land-tax"],
  ["น้ำประปา", "water"],
  ["tap water", "water"],
  ["เด็กแรกเกิด", "newborn"],
  ["ทะเบียนพาณิชย์", "commerce"],
  ["หาบเร่แผงลอย", "street-vending"],
  ["ร้องทุกข์", "complaint"],
  ["หมา", "dog-registration"],
  ["ถมดิน", "earth-works"],
  ["food shop licence", "food-shop"],
  ["Licences", { contains: "building" }],
  ["สำเนาสูติบัตร", "newborn"],
  ["เลี้ยงสุกร", { not: "pig-farm" }],
  ["", []],
  ["   ", []],
  ["xyzzy", []],
];

const rankings = new Map<string, string[][]>();

describe.each(testDialects())("IF-2: Thai search of the catalogue (%s)", (dialect) => {
  let service: TestService;
  const search = (q: string, limit?: number) => searchServices(service.handle.db, "demo", q, { limit });

  beforeAll(async () => {
    service = await startTestService(dialect);
    await retireSeededServices(service);
    for (const definition of [...SEARCH_CATALOGUE, RETIRED_SERVICE])
      await publishTestService(service, definition);
    await service.handle.db
      .updateTable("services")
      .set({ state: "retired" })
      .where("code", "=", RETIRED_SERVICE.code)
      .execute();
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it.each(TABLE)("IF-2: %j finds %j", async (query, expected) => {
    const codes = (await search(query)).map((hit) => hit.code);
    for (const [q] of TABLE) if (q === query) rankings.set(`${dialect}|${q}`, [codes]);
    if (Array.isArray(expected)) expect(codes).toEqual([]);
    else if (typeof expected === "string") expect(codes[0]).toBe(expected);
    else if ("not" in expected) expect(codes).not.toContain(expected.not);
    else expect(codes.slice(0, 5)).toContain(expected.contains);
  });

  it("IF-2: hits carry the current version and a score, best first; the limit is kept", async () => {
    const hits = await search("อนุญาต", 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]?.version.definition.code).toBe(hits[0]?.code);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it("IF-2: a new version replaces the words of the old one", async () => {
    await publishTestService(
      service,
      searchService({
        code: "garbage",
        name: ["ขอรับบริการสูบสิ่งปฏิกูล", "Septic tank emptying"],
        category: ["สาธารณสุข", "Public health"],
        summary: "สูบส้วม",
        conditions: "-",
      }),
    );
    expect((await search("เก็บขน")).map((h) => h.code)).not.toContain("garbage");
    expect((await search("สิ่งปฏิกูล"))[0]?.code).toBe("garbage");
  });

  it("IF-2: another agency's services are not found", async () => {
    expect(await searchServices(service.handle.db, "no-such-agency", "อาหาร")).toEqual([]);
  });
});

describe("IF-2: one ranking on every database", () => {
  it.skipIf(testDialects().length < 2)("SQLite and PostgreSQL return the same ranked lists", () => {
    for (const [query] of TABLE)
      expect(rankings.get(`postgres|${query}`), query).toEqual(rankings.get(`sqlite|${query}`));
  });
});
