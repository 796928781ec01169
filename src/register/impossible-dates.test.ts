import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

// Found against the running service: dates of the right shape naming no day (31 February, year 0)
// reached the calendar code, which throws on them, and were answered 500; a paper item's letter date
// of 2026-02-31 was stored as it was.
describe.each(testDialects())("dates that name no day, in the back office on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T02:00:00.000Z"); // Monday 09:00 in Bangkok
  let service: TestService;
  let officer: OfficeClient;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const roles = ["saraban_officer"];
    officer = (await signedInOfficer(service.app, service.handle, clock, "demo", "d@demo.go.th", roles))
      .client;
  });
  afterAll(() => service.stop());

  it("RG-3: the register and its exports for an impossible date show today's page, never a 500", async () => {
    for (const date of ["2026-02-31", "0000-01-01", "2026-13-01", "9999-12-31"])
      for (const path of ["/office/register", "/office/register.csv", "/office/register.xlsx"]) {
        const res = await officer.get(`${path}?date=${date}`);
        expect(res.statusCode, `${path}?date=${date}`).toBe(200);
      }
  });

  it("RG-1: a paper item with an impossible receipt day or letter date is a 400 naming the field", async () => {
    await officer.get("/office/paper");
    const valid = {
      senderName: "สำนักงานจังหวัด",
      subject: "หนังสือแจ้งเวียน",
      letterDate: "2026-11-20",
      receivedAt: "2026-11-23T08:45",
      scanDevice: "Fujitsu fi-7160",
      completenessChecked: "yes",
    };
    for (const [field, value] of [
      ["receivedAt", "2026-02-31T10:00"],
      ["receivedAt", "0000-01-01T10:00"],
      ["letterDate", "2026-02-31"],
      ["letterDate", "0000-00-00"],
    ] as const) {
      const form = await multipartBody({ _csrf: officer.csrf, ...valid, [field]: value }, []);
      const res = await service.app.inject({
        method: "POST",
        url: "/office/paper",
        ...form,
        headers: { ...form.headers, cookie: officer.cookieHeader, accept: "text/html" },
      });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(res.body).toContain('id="form-error"');
    }
    const entries = await service.handle.db.selectFrom("entries").select("letter_date").execute();
    expect(entries).toEqual([]);
  });
});
