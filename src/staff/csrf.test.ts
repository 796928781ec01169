import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { submitRequest } from "../../test/factories.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInChief } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";

const scan = fs.readFileSync(path.resolve(import.meta.dirname, "../../test/fixtures/files/sample.pdf"));

describe.each(testDialects())("CSRF tokens on %s", (dialect) => {
  const clock = fixedClock("2026-11-23T03:00:00.000Z");
  let service: TestService;
  let officer: OfficeClient;
  let entryId: string;

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    ({ entryId } = await submitRequest(service, {
      name: "ก",
      email: "k@example.com",
      subject: "s",
      confirmed: true,
    }));
    officer = await signedInChief(service, clock);
  });
  afterAll(() => service?.stop());

  const paperFields = {
    senderName: "สำนักงานจังหวัด",
    subject: "หนังสือแจ้งเวียน",
    receivedAt: "2026-11-23T09:45",
    scanDevice: "Fujitsu fi-7160",
    completenessChecked: "yes",
  };
  const paperCount = async () =>
    Number(
      (
        await service.handle.db
          .selectFrom("entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("channel", "=", "paper")
          .executeTakeFirstOrThrow()
      ).n,
    );
  const postPaper = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const form = await multipartBody(fields, [{ field: "scans", filename: "scan.pdf", bytes: scan }]);
    return service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...form,
      headers: { ...form.headers, cookie: officer.cookieHeader, accept: "text/html", ...headers },
    });
  };

  it("SC-1: no office page puts the CSRF token in a URL; multipart forms carry it as their first field", async () => {
    const pages = ["/register", `/entries/${entryId}`, "/paper", "/mail", "/staff", "/admin", "/account"];
    let multipartForms = 0;
    for (const page of pages) {
      const res = await officer.get(`/office${page}`);
      expect(res.statusCode, page).toBe(200);
      expect(res.body, page).not.toContain("_csrf=");
      // The CSP admits no inline script or style attribute: none is written.
      expect(res.body, page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
      for (const form of res.body.match(/<form\b[^>]*>/g) ?? []) {
        expect(form, page).not.toMatch(/action="[^"]*csrf/i);
        if (!form.includes("multipart/form-data")) continue;
        multipartForms++;
        const after = res.body.slice(res.body.indexOf(form) + form.length);
        expect(after, page).toMatch(/^\s*<input type="hidden" name="_csrf" value="[^"]+">/);
      }
    }
    expect(multipartForms).toBe(2); // paper items, the agency's closures
    for (const page of ["/", "/office/login"]) {
      const res = await service.app.inject({ url: page, headers: { accept: "text/html" } });
      expect(res.statusCode, page).toBe(200);
      expect(res.body, page).not.toMatch(/action="[^"]*csrf/i);
    }
  });

  it("SC-1: a multipart office form without the token as its first field is refused before anything is stored", async () => {
    const before = await paperCount();
    const refused = [
      await postPaper(paperFields),
      await postPaper({ _csrf: "not-the-token", ...paperFields }),
      await postPaper({ ...paperFields, _csrf: officer.csrf }), // present, but after other fields
      await postPaper({ _csrf: "" }),
      // As many characters as the token but more bytes: refused, not a fault.
      await postPaper({ _csrf: "ก".repeat(officer.csrf.length), ...paperFields }),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain("CSRF_FAILED");
    }
    const onlyFile = await multipartBody({}, [{ field: "scans", filename: "scan.pdf", bytes: scan }]);
    const fileFirst = await service.app.inject({
      method: "POST",
      url: "/office/paper",
      ...onlyFile,
      headers: { ...onlyFile.headers, cookie: officer.cookieHeader },
    });
    expect(fileFirst.statusCode).toBe(403);
    expect(await paperCount()).toBe(before);
    const files = fs.readdirSync(service.dataDir, { recursive: true }).length;

    const accepted = await postPaper({ _csrf: officer.csrf, ...paperFields });
    expect(accepted.statusCode).toBe(201);
    const byHeader = await postPaper(paperFields, { "x-csrf-token": officer.csrf });
    expect(byHeader.statusCode).toBe(201);
    expect(await paperCount()).toBe(before + 2);
    expect(fs.readdirSync(service.dataDir, { recursive: true }).length).toBeGreaterThan(files);
  });

  it("SC-1: a token in the query string is not accepted, for forms or multipart", async () => {
    const query = `?_csrf=${encodeURIComponent(officer.csrf)}`;
    const form = await officer.post(
      `/office/admin/units${query}`,
      { code: "X1", unitNameTh: "ก", unitNameEn: "A" },
      { csrf: null },
    );
    expect(form.statusCode).toBe(403);
    const thai = "ก".repeat(officer.csrf.length);
    expect((await officer.post("/office/admin/units", { code: "X1" }, { csrf: thai })).statusCode).toBe(403);
    const upload = await multipartBody({}, [
      { field: "file", filename: "c.csv", bytes: new TextEncoder().encode("date,name_th,name_en,kind\n") },
    ]);
    const res = await service.app.inject({
      method: "POST",
      url: `/office/admin/holidays${query}`,
      ...upload,
      headers: { ...upload.headers, cookie: officer.cookieHeader },
    });
    expect(res.statusCode).toBe(403);
    // A multipart body sent to a route that does not read one is refused without a header token.
    const logout = await multipartBody({ _csrf: officer.csrf });
    const out = await service.app.inject({
      method: "POST",
      url: "/office/logout",
      ...logout,
      headers: { ...logout.headers, cookie: officer.cookieHeader },
    });
    expect(out.statusCode).toBe(403);
    expect((await officer.get("/office/register")).statusCode).toBe(200);
  });
});
