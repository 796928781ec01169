import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makePng } from "../../test/images.js";
import { decodeQr, imageCount, pagePngs } from "../../test/licence-pages.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { DEMO_AGENCY } from "../agencies/index.js";
import { loadDemoServices, type ServiceDefinition } from "../catalog/index.js";
import { formatDate } from "../platform/i18n/format.js";
import { verificationUrl } from "./licence.js";
import { printedFields } from "./licence-fields.js";
import { checkOnlyAtText, type LicenceDocumentFacts, licencePdf } from "./licence-pdf.js";

const ORIGIN = "https://eservice.example.go.th";
const foodShop = loadDemoServices().find((d) => d.code === "food-shop-licence")!;
const FOOD_SHOP_ANSWERS = {
  shopName: "ร้านข้าวแกงป้าศรี สาขาตลาดน้ำ",
  areaSqm: 250,
  seats: 80,
  shopAddress: {
    houseNumber: "99/1",
    moo: "3",
    road: "พหลโยธิน",
    subdistrict: "ลาดยาว",
    district: "จตุจักร",
    province: "กรุงเทพมหานคร",
    postcode: "10900",
  },
  managerName: "นางสาวศรีสุดา ใจงาม",
};

/** The facts issue-licence.ts draws a licence of `definition` from, for these answers. */
function factsOf(
  definition: ServiceDefinition,
  answers: Record<string, unknown>,
  number: string,
  more: Partial<LicenceDocumentFacts> = {},
): LicenceDocumentFacts {
  const template = definition.licence!;
  const holderName = "นางศรีนวล ทำดี";
  const dates = { issuedOn: "2026-12-07", validUntil: "2027-12-06" };
  const verificationCode = "7KQ2M9XR4TBW";
  return {
    agency: { nameTh: DEMO_AGENCY.nameTh, nameEn: DEMO_AGENCY.nameEn, postalAddress: null },
    title: template.title,
    number,
    edition: 1,
    holderName,
    holderInFields: template.fields.some((f) => "applicant" in f.source),
    fields: printedFields(definition, template, { answers, applicantName: holderName, ...dates }),
    conditions: template.conditions,
    validFrom: dates.issuedOn,
    validUntil: dates.validUntil,
    signer: { name: template.signer.name, position: template.signer.position.th },
    verifyUrl: verificationUrl(ORIGIN, { number, verificationCode }),
    verificationCode,
    issuedAt: new Date("2026-12-07T03:00:00Z"),
    demoSigner: false,
    ...more,
  };
}

/** Every line the licence must print, as written. */
function printedLines(f: LicenceDocumentFacts): string[] {
  return [
    f.agency.nameTh,
    f.title.th,
    f.title.en ?? "",
    `เลขที่ / No. ${f.number}`,
    f.holderName,
    ...f.fields.flatMap((field) => [field.label.th, field.value]),
    formatDate("th", f.validFrom),
    formatDate("th", f.validUntil!),
    ...f.conditions.map((c) => c.th),
    `(${f.signer.name})`,
    ...f.signer.position.split("\n"),
    f.verificationCode,
    checkOnlyAtText(f.verifyUrl),
  ];
}

const SAMPLES = [
  { name: "licence-food-shop", facts: factsOf(foodShop, FOOD_SHOP_ANSWERS, "สอ. 12/2569") },
  { name: "licence-test-service", facts: factsOf(TEST_SERVICE, { shopName: "ร้านทดสอบ" }, "ทส. 3/2569") },
];

describe("the licence document", () => {
  it.runIf(HAVE_PDFTOTEXT).each(SAMPLES)(
    "LC-1: every printed line of $name reads back from the PDF, on one A4 page",
    async ({ name, facts }) => {
      const pdf = await licencePdf(facts);
      const text = normaliseThai(pdfText(pdf));
      for (const line of printedLines(facts)) expect(text, line).toContain(normaliseThai(line));
      expect(text).not.toContain(normaliseThai("DEMO"));
      const pages = pagePngs(pdf, 60);
      expect(pages).toHaveLength(1);
      // The pictures in docs/ are these pages: regenerate them with WRITE_DOC_IMAGES=1 and look at them.
      if (process.env.WRITE_DOC_IMAGES === "1") writeFileSync(`docs/images/${name}.png`, pages[0]!);
    },
  );

  it.runIf(HAVE_PDFTOTEXT)(
    "LC-1: an amendment prints its edition beside the same number; the demo signer and a paper licence say so",
    async () => {
      const amended = await licencePdf({ ...SAMPLES[0]!.facts, edition: 3, demoSigner: true });
      const text = normaliseThai(pdfText(amended));
      expect(text).toContain(normaliseThai("เลขที่ / No. สอ. 12/2569แก้ไขครั้งที่ 2 / Amendment 2"));
      expect(text).toContain(normaliseThai("DEMO: not a real licence"));
      expect(text).toContain(normaliseThai("ลงลายมือชื่ออิเล็กทรอนิกส์"));
      const paper = normaliseThai(pdfText(await licencePdf({ ...SAMPLES[1]!.facts, paper: true })));
      expect(paper).not.toContain(normaliseThai("ลงลายมือชื่ออิเล็กทรอนิกส์"));
      expect(paper).toContain(normaliseThai("ลงชื่อ"));
    },
  );

  it.runIf(HAVE_PDFTOTEXT)(
    "LC-1: the licensee is printed once, by the template's own line when it has one",
    async () => {
      const count = (text: string) => text.split(normaliseThai("ผู้ได้รับอนุญาต")).length - 1;
      const food = normaliseThai(pdfText(await licencePdf(SAMPLES[0]!.facts)));
      expect(count(food)).toBe(1);
      expect(food).not.toContain(normaliseThai("ผู้ได้รับอนุญาต / Licensee"));
      const test = normaliseThai(pdfText(await licencePdf(SAMPLES[1]!.facts)));
      expect(count(test)).toBe(1);
      expect(test).toContain(normaliseThai("ผู้ได้รับอนุญาต / Licensee"));
    },
  );

  it("LC-1: the agency's emblem is drawn at the top when it has one", async () => {
    const facts = SAMPLES[1]!.facts;
    const emblem = Buffer.from(makePng(120, 120));
    const without = imageCount(await licencePdf(facts));
    const withEmblem = await licencePdf({ ...facts, emblemPng: emblem });
    expect(imageCount(withEmblem)).toBe(without + 1);
    expect(pagePngs(withEmblem, 30)).toHaveLength(1);
  });

  it("LC-3: the QR read from the printed page leads to the agency's own host, the number and the code", async () => {
    const { facts } = SAMPLES[0]!;
    const [page] = pagePngs(await licencePdf(facts), 150);
    const url = new URL(decodeQr(page!) ?? "about:blank");
    expect(url.origin).toBe(ORIGIN);
    expect(decodeURIComponent(url.pathname)).toBe("/verify/สอ. 12/2569");
    expect(url.searchParams.get("c")).toBe(facts.verificationCode);
    expect(checkOnlyAtText(facts.verifyUrl)).toBe(
      "ตรวจสอบได้ที่ eservice.example.go.th เท่านั้น / Check only at eservice.example.go.th",
    );
  });
});
