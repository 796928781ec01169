import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { AppError } from "../platform/errors.js";
import { draftAnnouncement, issueAnnouncement } from "./issue-announcement.js";

const s13 = {
  kind: "s13",
  signerName: "นางสาวใจงาม สุขใส",
  signerPosition: "ผู้อำนวยการเขตตัวอย่าง",
  effectiveFrom: "2026-12-09",
  lineAccount: "",
  otherSystems: "",
};

describe.each(testDialects())("the s.13 announcement of licences (%s)", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  const clock = fixedClock("2026-12-08T03:00:00.000Z");

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = await signedInChief(service, clock);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("CH-13, LC-3: the text names the agency's own host, its QR codes' origin, the public register's URL, the 5-second display and how to report a forgery", async () => {
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const draft = { ...s13, kind: "s13" as const, otherSystems: [], supersedes: "" };
    const { title, paragraphs } = draftAnnouncement(
      { ...agency, licenceOrigin: "https://eservice.example.go.th" },
      "https://borikan.example.go.th",
      draft,
    );
    const text = paragraphs.join("\n");
    expect(title).toBe("การแสดงและการตรวจสอบใบอนุญาตโดยวิธีการทางอิเล็กทรอนิกส์");
    expect(text).toContain("มาตรา ๑๓");
    expect(text).toContain("ชื่อโดเมน eservice.example.go.th");
    expect(text).toContain("https://eservice.example.go.th/licences");
    expect(text).toContain("ไม่น้อยกว่า ๕ วินาที");
    expect(text).toContain("ไม่เสียค่าใช้จ่าย");
    expect(text).toContain("ปลอม");
    expect(text).toContain(agency.centralEmail);
    expect(text).toContain("ทั้งนี้ ตั้งแต่วันที่ 9 ธันวาคม 2569 เป็นต้นไป");
  });

  it("CH-13, LC-3: without the agency's licence origin it is refused and nothing is issued", async () => {
    const agency = { ...(await findAgency(service.handle.db, "demo"))!, licenceOrigin: null };
    const draft = { ...s13, kind: "s13" as const, otherSystems: [], supersedes: "" };
    expect(() => draftAnnouncement(agency, "http://borikan.test", draft)).toThrow(AppError);
    await expect(
      issueAnnouncement(service.handle, agency, "http://borikan.test", draft, {
        actor: "staff:test",
        at: clock.now(),
      }),
    ).rejects.toMatchObject({ code: "LICENCE_ORIGIN_NOT_SET" });
    const rows = await service.handle.db
      .selectFrom("announcements")
      .select("id")
      .where("kind", "=", "s13")
      .execute();
    expect(rows).toHaveLength(0);
  });

  it("CH-13, LC-3: previewed then issued by the admin, it is public with its PDF and names the demo origin and register", async () => {
    await admin.get("/office/announcements");
    const form = await admin.get("/office/announcements");
    expect(form.body).toContain('value="s13"');
    const preview = await admin.post("/office/announcements/preview", s13);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("http://borikan.test/licences");
    const supersedes = /name="supersedes" value="([^"]*)"/.exec(preview.body)?.[1] ?? "missing";
    const issued = await admin.post("/office/announcements", { ...s13, supersedes });
    expect(issued.statusCode).toBe(303);
    const page = await service.app.inject({ url: "/announcements" });
    expect(page.body).toContain('data-kind="s13"');
    const row = await service.handle.db
      .selectFrom("announcements")
      .selectAll()
      .where("kind", "=", "s13")
      .executeTakeFirstOrThrow();
    expect(row.number).toBeNull();
    const html = await service.app.inject({ url: `/announcements/${row.id}` });
    expect(html.body).toContain("ประกาศสำนักงานเขตตัวอย่าง");
    expect(html.body).toContain("ชื่อโดเมน borikan.test");
    expect(html.body).toContain("http://borikan.test/licences");
    expect(html.body).toContain("ประกาศ ณ วันที่");
    const pdf = await service.app.inject({ url: `/announcements/${row.id}.pdf` });
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    if (HAVE_PDFTOTEXT) {
      const text = normaliseThai(pdfText(pdf.rawPayload));
      for (const part of [
        "ประกาศสำนักงานเขตตัวอย่าง",
        "มาตรา ๑๓",
        "borikan.test/licences",
        "(นางสาวใจงาม สุขใส)",
      ])
        expect(text).toContain(normaliseThai(part));
    }
    // An s.10 issued afterwards leaves the s.13 in force: one of each kind.
    const s10 = await admin.post("/office/announcements/preview", { ...s13, kind: "s10" });
    const s10Supersedes = /name="supersedes" value="([^"]*)"/.exec(s10.body)?.[1] ?? "missing";
    expect(s10Supersedes).toBe("");
  });
});
