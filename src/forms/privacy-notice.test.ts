import { describe, expect, it } from "vitest";
import { TEST_SERVICE } from "../../test/service-fixture.js";
import { privacyNotice } from "./privacy-notice.js";

const agency = { nameTh: "สำนักงานเขตตัวอย่าง", nameEn: "Sample District Office" };
const source = (definition = TEST_SERVICE, version = 3) => ({ version, definition });

describe("PD-1: the privacy notice of a service version", () => {
  it("is generated from each field's lawful basis and data class, Thai first, and its version is the same in both languages", () => {
    const th = privacyNotice(source(), agency, "th");
    const en = privacyNotice(source(), agency, "en");
    expect(th.version).toMatch(/^3-[0-9a-f]{12}$/);
    expect(en.version).toBe(th.version);
    expect(th.controller).toBe("สำนักงานเขตตัวอย่าง");
    expect(th.groups.map((g) => g.basis)).toEqual(["public-task"]);
    expect(th.groups[0]?.items.map((i) => i.label)).toContain("ชื่อร้าน");
    expect(en.groups[0]?.items.map((i) => i.label)).toContain("Shop name");
  });

  it("changes version when what it says changes, and not otherwise", () => {
    const base = privacyNotice(source(), agency, "th").version;
    expect(privacyNotice(source(), agency, "th").version).toBe(base);
    const changed = structuredClone(TEST_SERVICE);
    changed.form.ui.fields.shopName = { ...changed.form.ui.fields.shopName!, lawfulBasis: "consent" };
    const consent = privacyNotice(source(changed), agency, "th");
    expect(consent.version).not.toBe(base);
    expect(consent.groups.map((g) => g.basis)).toEqual(["public-task", "consent"]);
    const retention = structuredClone(TEST_SERVICE);
    retention.privacy.retention = { th: "5 ปี" };
    expect(privacyNotice(source(retention), agency, "th").version).not.toBe(base);
    expect(privacyNotice(source(TEST_SERVICE, 4), agency, "th").version).toMatch(/^4-/);
  });

  it("a field published without its basis or class falls back to PD-1's defaults instead of failing", () => {
    const old = structuredClone(TEST_SERVICE) as typeof TEST_SERVICE;
    Object.assign(old.form.ui.fields.shopName!, { lawfulBasis: undefined, dataClass: "secret-ish" });
    const notice = privacyNotice(source(old), agency, "th");
    expect(notice.groups[0]?.items.find((i) => i.label === "ชื่อร้าน")?.dataClass).toBe("personal");
  });
});
