import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { REQUEST_WITH_FILE, submitRequest } from "../../../test/factories.js";
import { multipartBody } from "../../../test/multipart.js";
import { type OfficeClient, signedInChief } from "../../../test/office.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../clock.js";
import { AppError } from "../errors.js";
import { errorText, refusalText } from "./form-errors.js";

const LIMITS = { maxFileMb: 10, maxRequestMb: 25, maxFiles: 10 };

describe("errors and refusals as sentences", () => {
  it("names an invalid field by the label of the form it came from, in the user's language", () => {
    const error = new AppError("VALIDATION_FAILED", { detail: "subject" }, { field: "subject" });
    expect(errorText("en", error, { subject: "form.subject" })).toBe(
      "Please check “Subject”: it is empty or not in the expected form",
    );
    expect(errorText("th", error, { subject: "form.subject" })).toBe(
      "โปรดตรวจสอบช่อง “เรื่อง”: ยังไม่ได้กรอก หรือรูปแบบไม่ถูกต้อง",
    );
    // A field the form does not label still never shows its internal name.
    expect(errorText("en", error)).toBe("Some of the information is not valid; please check the form");
    expect(errorText("en", new AppError("EMAIL_INVALID"))).toBe("The email address is not valid");
  });

  it("names a repeated or overlong field by its label, and says when a lock ends in Thai time, not UTC", () => {
    const repeated = new AppError("FIELD_REPEATED", { field: "way" }, { field: "way" });
    expect(errorText("en", repeated, { way: "entry.ackWay" })).toBe(
      "The field “Given by” was sent more than once",
    );
    expect(errorText("th", repeated, { way: "entry.ackWay" })).not.toContain("way");
    const locked = new AppError("ACCOUNT_LOCKED", { until: "2026-12-05T17:06:50.128Z" });
    const th = errorText("th", locked);
    expect(th).not.toContain("2026-12-05T17:06");
    expect(th).toContain("00:06"); // 17:06 UTC is 00:06 the next day in Bangkok
  });

  it("FM-3: every refusal code reads as a sentence quoting the limits; an unknown code still reads as one", () => {
    expect(refusalText("en", "FILE_TOO_LARGE", LIMITS)).toBe("The file is larger than 10 MB");
    expect(refusalText("th", "TOO_MANY_FILES", LIMITS)).toBe("เกินจำนวนไฟล์สูงสุด 10 ไฟล์ จึงไม่ได้รับไฟล์นี้");
    expect(refusalText("en", "DOWNLOAD_FAILED", LIMITS)).toContain("could not be downloaded");
    expect(refusalText("en", "SOMETHING_NEW", LIMITS)).toBe("This file was not accepted");
    for (const code of ["FILE_EMPTY", "FILE_TYPE_NOT_ALLOWED", "FILE_DISGUISED", "FILE_NAME_INVALID"])
      for (const lang of ["th", "en"] as const)
        expect(refusalText(lang, code, LIMITS)).not.toMatch(/[A-Z]{2,}_/);
  });
});

describe.each(testDialects())("officer-facing text on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    officer = await signedInChief(service, clock);
  });
  afterAll(() => service?.stop());

  /** The text of the page's error block. */
  const alertOf = (body: string) => /role="alert"[^>]*>(.*?)<\/div>/s.exec(body)?.[1] ?? "";

  it("FM-3: the entry page says why a file was refused and how the sender was acknowledged, in words", async () => {
    const { entryId } = await submitRequest(service, {
      ...REQUEST_WITH_FILE,
      attachments: [{ filename: "empty.txt", contentBase64: "" }],
    });
    const th = await officer.get(`/office/entries/${entryId}`);
    expect(th.body).toContain("empty.txt — ไม่ได้รับไว้: ไฟล์ว่างเปล่า (0 ไบต์)");
    expect(th.body).toContain("— บนหน้าเว็บเมื่อยื่น");
    const en = await officer.get(`/office/entries/${entryId}?lang=en`);
    expect(en.body).toContain("empty.txt — not accepted: The file is empty (0 bytes)");
    expect(en.body).toContain("— on the web page when submitted");
    for (const page of [th.body, en.body]) expect(page).not.toMatch(/FILE_EMPTY|\(web-page\)/);
  });

  it("FM-3, RG-6: the paper page registers the item and says in words which scan was not accepted", async () => {
    await officer.get("/office/paper?lang=th");
    const form = await multipartBody(
      {
        _csrf: officer.csrf,
        senderName: "สำนักงานจังหวัด",
        subject: "หนังสือ",
        receivedAt: "2026-11-23T09:45",
        scanDevice: "Fujitsu fi-7160",
        completenessChecked: "yes",
      },
      [{ field: "scans", filename: "page2.pdf", bytes: new Uint8Array() }],
    );
    const res = await service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...form,
      headers: { ...form.headers, cookie: officer.cookieHeader, accept: "text/html" },
    });
    expect(res.statusCode).toBe(201);
    expect(alertOf(res.body)).toMatch(
      /ลงรับแล้ว.*ไฟล์แนบต่อไปนี้ไม่ได้รับไว้:.*<li>page2\.pdf — ไฟล์ว่างเปล่า \(0 ไบต์\)<\/li>/s,
    );
    expect(res.body).not.toContain("FILE_EMPTY");
  });

  it("the public form names the field it refuses by its label", async () => {
    const res = await service.app.inject({
      method: "POST",
      url: "/requests",
      payload: new URLSearchParams({
        form_token: "form-token-1234",
        lang: "en",
        name: "Somchai",
        phone: "0812345678",
        subject: "  ",
        confirmed: "yes",
      }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    });
    expect(res.statusCode).toBe(400);
    expect(alertOf(res.body)).toContain("Please check “Subject”");
    expect(res.body).toMatch(/id="subject"[^>]*aria-invalid="true"/);
  });

  it("office forms name the field they refuse by its label, in the officer's language", async () => {
    await officer.get("/office/paper?lang=th");
    const form = await multipartBody({
      _csrf: officer.csrf,
      senderName: "สำนักงานจังหวัด",
      subject: "หนังสือ",
      receivedAt: "2026-11-23T09:45",
      scanDevice: " ",
      completenessChecked: "yes",
    });
    const paper = await service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...form,
      headers: { ...form.headers, cookie: officer.cookieHeader, accept: "text/html" },
    });
    expect(paper.statusCode).toBe(400);
    expect(alertOf(paper.body)).toContain("โปรดตรวจสอบช่อง “เครื่องสแกน/อุปกรณ์ที่ใช้”");
    expect(paper.body).toMatch(/id="scanDevice"[^>]*aria-invalid="true"/);

    const unit = await officer.post("/office/admin/units?lang=en", {
      code: "no spaces allowed",
      unitNameTh: "กอง",
      unitNameEn: "Division",
    });
    expect(unit.statusCode).toBe(400);
    expect(alertOf(unit.body)).toContain("Please check “Code”");
    expect(alertOf(unit.body)).not.toContain("code");
  });
});
