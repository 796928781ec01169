import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { multipartBody } from "../../test/multipart.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { findAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { checkLicenceOrigin } from "./set-licence-origin.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const SETTINGS = "/office/licences/settings";

async function uploadEmblem(client: OfficeClient, bytes: Uint8Array, filename: string, csrf = client.csrf) {
  const body = await multipartBody({ _csrf: csrf }, [{ field: "emblem", filename, bytes }]);
  return client.app.inject({
    method: "POST",
    url: `${SETTINGS}/emblem`,
    payload: body.payload,
    headers: { ...body.headers, accept: "text/html", cookie: client.cookieHeader },
  });
}

describe("LC-3: the licence origin must be the agency's own", () => {
  const agency = { domain: "demo.go.th", hostnames: ["eservice.city.go.th", "localhost"] };
  it.each([
    ["https://eservice.demo.go.th", "https://eservice.demo.go.th"],
    ["https://demo.go.th/", "https://demo.go.th"],
    ["https://eservice.city.go.th:8443", "https://eservice.city.go.th:8443"],
    ["http://localhost:3000", "http://localhost:3000"],
  ])("LC-3: %s is accepted as %s", (raw, origin) => {
    expect(checkLicenceOrigin(agency, raw)).toBe(origin);
  });
  it.each([
    ["https://shared.go.th/a/demo", "path"],
    ["https://demo.go.th/?x=1", "path"],
    ["https://demo.go.th/#top", "path"],
    ["http://demo.go.th", "scheme"],
    ["ftp://demo.go.th", "scheme"],
    ["https://user:pw@demo.go.th", "credentials"],
    ["https://evildemo.go.th", "host"],
    ["https://demo.go.th.evil.com", "host"],
    ["eservice.demo.go.th", "format"],
    ["", "format"],
  ])("LC-3: %s is refused (%s)", (raw, detail) => {
    expect(() => checkLicenceOrigin(agency, raw)).toThrow(
      expect.objectContaining({ code: "LICENCE_ORIGIN_INVALID", params: { detail } }),
    );
  });
});

describe.each(testDialects())("the licence settings page on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  let reviewer: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    admin = (await signedInOfficer(service.app, service.handle, clock, "demo", "adm@demo.go.th", ["admin"]))
      .client;
    reviewer = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "rv@demo.go.th", ["reviewer"])
    ).client;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("LC-3, SC-2: admins only; setting the origin needs CSRF and a fresh step-up, and is audited from → to", async () => {
    expect((await reviewer.get(SETTINGS)).statusCode).toBe(403);
    const page = await admin.get(SETTINGS);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="licence-origin"');
    expect((await admin.get("/office/work")).body).toContain(`href="${SETTINGS}"`);
    const before = (await findAgency(service.handle.db, "demo"))!.licenceOrigin;
    const notStepped = await admin.post(`${SETTINGS}/origin`, { origin: "https://eservice.demo.go.th" });
    expect(notStepped.statusCode).toBe(303);
    expect(String(notStepped.headers.location)).toContain("/office/step-up");
    await stepUp(admin, clock);
    await admin.get(SETTINGS);
    const forged = await admin.post(
      `${SETTINGS}/origin`,
      { origin: "https://eservice.demo.go.th" },
      { csrf: "x" },
    );
    expect(forged.statusCode).toBe(403);
    const shared = await admin.post(`${SETTINGS}/origin`, { origin: "https://shared.demo.go.th/a/demo" });
    expect(shared.statusCode).toBe(400);
    expect(shared.body).toContain("/a/");
    expect((await findAgency(service.handle.db, "demo"))!.licenceOrigin).toBe(before);
    const saved = await admin.post(`${SETTINGS}/origin`, { origin: "https://eservice.demo.go.th/" });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('data-origin="https://eservice.demo.go.th"');
    expect((await findAgency(service.handle.db, "demo"))!.licenceOrigin).toBe("https://eservice.demo.go.th");
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "agency.licence-origin")
      .where("actor", "like", "staff:%")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toEqual({ from: before, to: "https://eservice.demo.go.th" });
  });

  it("LC-1: the emblem is a PNG or JPEG by its content, size-limited, audited by file key", async () => {
    await stepUp(admin, clock);
    await admin.get(SETTINGS);
    const disguised = await uploadEmblem(admin, new TextEncoder().encode("%PDF-1.4\n%%EOF"), "crest.png");
    expect(disguised.statusCode).toBe(400);
    const fakePng = Buffer.concat([Buffer.from(makePng(4, 4)).subarray(0, 16), Buffer.alloc(200, 0x41)]);
    expect((await uploadEmblem(admin, fakePng, "crest.png")).statusCode).toBe(400);
    const big = new Uint8Array(600 * 1024);
    big.set(makePng(4, 4));
    expect((await uploadEmblem(admin, big, "crest.png")).statusCode).toBe(400);
    const forged = await uploadEmblem(admin, makePng(8, 8), "crest.png", "forged");
    expect(forged.statusCode).toBe(403);
    expect((await findAgency(service.handle.db, "demo"))!.emblemKey).toBeNull();
    const ok = await uploadEmblem(admin, makePng(8, 8), "crest.png");
    expect(ok.statusCode).toBe(200);
    const key = (await findAgency(service.handle.db, "demo"))!.emblemKey;
    expect(key).toBeTruthy();
    expect(Buffer.from(await service.files.read(key!)).equals(Buffer.from(makePng(8, 8)))).toBe(true);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "agency.licence-emblem")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.data)).toMatchObject({ from: null, to: key, mediaType: "image/png" });
  });
});
