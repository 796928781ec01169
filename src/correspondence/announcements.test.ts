import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { fuzzBody, fuzzQuery } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief, signedInOfficer } from "../../test/office.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";

const s10 = {
  kind: "s10",
  signerName: "นางสาวใจงาม สุขใส",
  signerPosition: "ผู้อำนวยการเขตตัวอย่าง",
  effectiveFrom: "2026-12-09",
  lineAccount: "",
  otherSystems: "",
};

describe.each(testDialects())("announcements and letter settings (%s)", (dialect) => {
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

  async function issue(form: Record<string, string>) {
    await admin.get("/office/announcements");
    const preview = await admin.post("/office/announcements/preview", form);
    expect(preview.statusCode).toBe(200);
    const supersedes = /name="supersedes" value="([^"]*)"/.exec(preview.body)?.[1] ?? "missing";
    return {
      preview,
      supersedes,
      issued: await admin.post("/office/announcements", { ...form, supersedes }),
    };
  }

  it("CH-1: an s.10 announcement, previewed then issued, names the central email, the e-Service and the phones on the public page and PDF", async () => {
    const { preview, issued } = await issue(s10);
    expect(preview.body).toContain("saraban@demo.go.th");
    expect(issued.statusCode).toBe(303);
    const page = await service.app.inject({ url: "/announcements" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-kind="s10"');
    const id = /\/announcements\/([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? "";
    const html = await service.app.inject({ url: `/announcements/${id}` });
    expect(html.body).toContain("ประกาศสำนักงานเขตตัวอย่าง");
    expect(html.body).toContain("saraban@demo.go.th");
    expect(html.body).toContain("http://borikan.test");
    expect(html.body).toContain("02 123 4567");
    expect(html.body).toContain("ประกาศ ณ วันที่ 8 ธันวาคม พ.ศ. 2569");
    // The footer of every public page links to it.
    expect((await service.app.inject({ url: "/" })).body).toContain('href="/announcements"');
    const pdf = await service.app.inject({ url: `/announcements/${id}.pdf` });
    expect(pdf.headers["content-type"]).toContain("application/pdf");
    if (HAVE_PDFTOTEXT) {
      const text = normaliseThai(pdfText(pdf.rawPayload));
      for (const part of ["ประกาศสำนักงานเขตตัวอย่าง", "มาตรา ๑๐", "saraban@demo.go.th", "(นางสาวใจงาม สุขใส)"])
        expect(text).toContain(normaliseThai(part));
    }
  });

  it("CH-1: issuing another supersedes the one in force; a stale preview is refused (409)", async () => {
    const first = await issue(s10);
    expect(first.issued.statusCode).toBe(303);
    const stale = await admin.post("/office/announcements", { ...s10, supersedes: "" });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("ANNOUNCEMENT_CHANGED");
    const rows = await service.handle.db
      .selectFrom("announcements")
      .select(["kind", "superseded_at"])
      .where("kind", "=", "s10")
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.superseded_at === null)).toHaveLength(1);
    const page = await service.app.inject({ url: "/announcements" });
    expect(page.body.match(/data-kind="s10"/g)).toHaveLength(1);
  });

  it("CH-13: the s.16 command is numbered in its year and names Borikan's systems", async () => {
    const { issued } = await issue({ ...s10, kind: "s16", otherSystems: "ระบบประชุมออนไลน์" });
    expect(issued.statusCode).toBe(303);
    const row = await service.handle.db
      .selectFrom("announcements")
      .selectAll()
      .where("kind", "=", "s16")
      .executeTakeFirstOrThrow();
    expect([row.number, row.be_year]).toEqual([1, 2569]);
    const html = await service.app.inject({ url: `/announcements/${row.id}` });
    expect(html.body).toContain("คำสั่งสำนักงานเขตตัวอย่าง");
    expect(html.body).toContain("ที่ ๑/๒๕๖๙");
    expect(html.body).toContain("ระบบสารบรรณอิเล็กทรอนิกส์");
    expect(html.body).toContain("ระบบประชุมออนไลน์");
    expect(html.body).toContain("สั่ง ณ วันที่");
  });

  it("CH-1: only admins issue; bad drafts are 4xx with a stable code", async () => {
    const { client } = await signedInOfficer(service.app, service.handle, clock, "demo", "clerk@demo.go.th", [
      "saraban_officer",
    ]);
    await client.get("/office/register");
    expect((await client.post("/office/announcements", s10)).statusCode).toBe(403);
    expect((await service.app.inject({ url: "/office/announcements" })).statusCode).toBe(401);
    for (const bad of [
      { kind: "s99" },
      { effectiveFrom: "2026-02-31" },
      { signerName: "" },
      { lineAccount: "a b" },
    ]) {
      const res = await admin.post("/office/announcements/preview", { ...s10, ...bad });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("VALIDATION_FAILED");
    }
    expect((await service.app.inject({ url: "/announcements/nothing.pdf" })).statusCode).toBe(404);
  });

  it("ES-1, LF-5: the admin sets the letter code, OPDC email and postal address, validated and audited", async () => {
    await admin.get("/office/admin");
    const ok = await admin.post("/office/admin/letters", {
      letterCode: "นร 0106",
      opdcEmail: "OPDC@opdc.go.th",
      postalAddress: "59/1 ถนนพิษณุโลก\nเขตดุสิต กรุงเทพมหานคร 10300",
    });
    expect(ok.statusCode).toBe(200);
    const agency = (await findAgency(service.handle.db, "demo"))!;
    expect([agency.letterCode, agency.opdcEmail, agency.postalAddress]).toEqual([
      "นร 0106",
      "opdc@opdc.go.th",
      "59/1 ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300",
    ]);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "agency.set-letter-settings")
      .execute();
    expect(audit).toHaveLength(1);
    for (const bad of [
      { letterCode: "นร 0106/1" },
      { letterCode: "" },
      { opdcEmail: "not an address" },
      { postalAddress: "" },
    ]) {
      const res = await admin.post("/office/admin/letters", {
        letterCode: "นร 0106",
        opdcEmail: "",
        postalAddress: "ที่อยู่",
        ...bad,
      });
      expect(res.statusCode).toBe(400);
    }
    expect((await findAgency(service.handle.db, "demo"))!.letterCode).toBe("นร 0106");
  });

  it("CH-1, CH-13: bad input to the announcements' routes is a 4xx, never a 5xx (seeded fuzz)", async () => {
    await admin.get("/office/announcements");
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/office/announcements/preview", "/office/announcements", "/office/admin/letters"),
        fuzzBody([["_csrf", admin.csrf]]),
        async (url, body) => {
          const res = await service.app.inject({
            method: "POST",
            url,
            payload: body.body,
            headers: { "content-type": body.contentType, cookie: admin.cookieHeader },
          });
          if (res.statusCode >= 500)
            failures.push(`${url} ${body.kind} ${res.statusCode} ${res.body.slice(0, 200)}`);
        },
      ),
      { seed: 1210, numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/announcements",
          "/announcements/x",
          "/announcements/x.pdf",
          "/office/announcements",
        ),
        fuzzQuery,
        async (path, query) => {
          const res = await service.app.inject({
            url: `${path}?${query}`,
            headers: { cookie: admin.cookieHeader },
          });
          if (res.statusCode >= 500) failures.push(`${path}?${query} ${res.statusCode}`);
        },
      ),
      { seed: 1211, numRuns: 40 },
    );
    expect(failures).toEqual([]);
    // The agency's settings are still sound afterwards (a fuzzed save is refused or valid).
    expect((await findAgency(service.handle.db, "demo"))!.letterCode).toMatch(/\S/);
  }, 120_000);
});
