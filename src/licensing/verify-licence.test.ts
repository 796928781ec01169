import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { issuedLicence, LICENSING_OFFICER } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { type Licence, verificationUrl } from "./licence.js";
import { licenceQrPng } from "./licence-pdf.js";
import { recordLicenceAction } from "./record-licence-action.js";

// jsqr is CommonJS typed as an ES default export: the callable sits on `default`.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

// Monday 7 December 2026, 10:00 Bangkok: Buddhist-era year 2569.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const ORIGIN_HOST = "borikan.test";

describe.each(testDialects())("the licence verification page on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    await addOtherAgency(service, clock);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  /** The licence's QR link as the app serves it: its path and query, with the Host of its origin. */
  async function open(url: string, headers: Record<string, string> = {}) {
    const parsed = new URL(url);
    return service.app.inject({
      method: "GET",
      url: `${parsed.pathname}${parsed.search}`,
      headers: { host: parsed.host, accept: "text/html", ...headers },
    });
  }
  const qrLink = (licence: Licence) => verificationUrl(`http://${ORIGIN_HOST}`, licence);
  const act = (input: Omit<Parameters<typeof recordLicenceAction>[1], "agencyId" | "actor" | "at">) =>
    withTransaction(service.handle, (trx) =>
      recordLicenceAction(trx, { agencyId: "demo", actor: LICENSING_OFFICER, at: clock.now(), ...input }),
    );

  it("LC-3: the QR read back from its image opens the licence on the agency's own host, without login", async () => {
    const { licence } = await issuedLicence(service, clock);
    const png = PNG.sync.read(await licenceQrPng(qrLink(licence)));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? "";
    expect(new URL(decoded).host).toBe(ORIGIN_HOST);
    const res = await open(decoded);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-robots-tag"]).toBe("noindex");
    expect(res.body).toContain(licence.number);
    expect(res.body).toContain(licence.holderName);
    for (const field of licence.fields) expect(res.body).toContain(field.label.th);
    expect(res.body).toContain('data-status="valid"');
    expect(res.body).toContain("ใบอนุญาตนี้ใช้ได้");
    expect(res.body).toContain("This licence is valid");
    // BE dates: valid until 6 December 2027 = 2570.
    expect(res.body).toContain("6 ธันวาคม 2570");
    expect(res.body).toContain(`เป็นของจริงเฉพาะเมื่อเปิดที่ ${ORIGIN_HOST}`);
    expect(res.body).not.toContain('data-testid="wrong-host"');
    expect(res.body).toContain("ลงลายมือชื่อดิจิทัล");
    // Another agency's host serves that agency, which has no such licence.
    const elsewhere = await open(decoded, { host: "other.go.th" });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("LC-3: a page opened at another host than the agency's licence origin warns that it is not genuine", async () => {
    const { licence } = await issuedLicence(service, clock);
    const path = new URL(qrLink(licence));
    const res = await service.app.inject({
      url: `/a/demo${path.pathname}${path.search}`,
      headers: { host: "localhost" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="wrong-host"');
    expect(res.body).toContain(`ไม่ใช่ ${ORIGIN_HOST}`);
  });

  it("LC-3: suspension, then revocation, show on the page at once with their reasons", async () => {
    const { licence } = await issuedLicence(service, clock);
    await act({ licenceId: licence.id, action: "suspend", reason: "ร้านปิดปรับปรุงสุขลักษณะ" });
    const suspended = await open(qrLink(licence));
    expect(suspended.body).toContain('data-status="suspended"');
    expect(suspended.body).toContain("ใบอนุญาตนี้ถูกพักใช้");
    expect(suspended.body).toContain("This licence is suspended");
    expect(suspended.body).toContain("ร้านปิดปรับปรุงสุขลักษณะ");
    await act({ licenceId: licence.id, action: "revoke", reason: "ฝ่าฝืนเงื่อนไขข้อ 1" });
    const revoked = await open(`${qrLink(licence)}&lang=en`);
    expect(revoked.body).toContain('data-status="revoked"');
    expect(revoked.body).toContain("This licence has been revoked");
    expect(revoked.body).toContain("ใบอนุญาตนี้ถูกเพิกถอนแล้ว");
    expect(revoked.body).toContain("ฝ่าฝืนเงื่อนไขข้อ 1");
    const json = await open(qrLink(licence).replace("?c=", ".json?c="));
    expect(json.json()).toMatchObject({ status: "revoked", statusReason: "ฝ่าฝืนเงื่อนไขข้อ 1" });
  });

  it("LC-3: an amended edition verifies as superseded and leads to the current one", async () => {
    const { licence: first } = await issuedLicence(service, clock);
    const { licence: second } = await issuedLicence(service, clock);
    await act({ licenceId: first.id, action: "amend", reason: "แก้ไขชื่อร้าน", supersededBy: second.id });
    const res = await open(qrLink(first));
    expect(res.body).toContain('data-status="superseded"');
    expect(res.body).toContain("ใบอนุญาตฉบับนี้ถูกแทนที่ด้วยฉบับใหม่แล้ว");
    const href = /data-testid="current-edition" href="([^"]+)"/.exec(res.body)?.[1] ?? "";
    expect(href).toBe(new URL(qrLink(second)).pathname + new URL(qrLink(second)).search);
    const current = await open(`http://${ORIGIN_HOST}${href.replaceAll("&amp;", "&")}`);
    expect(current.body).toContain('data-status="valid"');
    const json = await open(qrLink(first).replace("?c=", ".json?c="));
    expect(json.json()).toMatchObject({ status: "superseded", current: { url: qrLink(second) } });
  });

  it("LC-3: a licence past its last day reads expired before the daily job has marked it", async () => {
    const { licence } = await issuedLicence(service, clock);
    const was = service.licensing.clock;
    service.licensing.clock = fixedClock("2027-12-07T03:00:00.000Z");
    try {
      const res = await open(qrLink(licence));
      expect(res.body).toContain('data-status="expired"');
      expect(res.body).toContain("This licence has expired");
    } finally {
      service.licensing.clock = was;
    }
    expect((await open(qrLink(licence))).body).toContain('data-status="valid"');
  });

  it("RG-6, LC-3: a paper licence says whether its signed scan has been recorded", async () => {
    const { licence } = await issuedLicence(service, clock);
    const paper = (scannedAt: string | null) =>
      service.handle.db
        .updateTable("licences")
        .set({ origin: "paper-scan", scanned_at: scannedAt, scanned_by: scannedAt && "staff:test" })
        .where("id", "=", licence.id)
        .execute();
    await paper(null);
    const awaiting = await open(qrLink(licence));
    expect(awaiting.body).toContain("หน่วยงานยังไม่ได้บันทึกสำเนาสแกนฉบับที่ลงนาม");
    await paper("2026-12-08T03:00:00.000Z");
    const scanned = await open(`${qrLink(licence)}&lang=en`);
    expect(scanned.body).toContain("Signed on paper; the agency recorded the signed scan on 8 December 2026");
  });

  it("LC-3: a wrong, truncated or unknown number or code is one and the same 404, revealing nothing", async () => {
    const { licence } = await issuedLicence(service, clock);
    const { licence: other } = await issuedLicence(service, clock);
    const code = licence.verificationCode;
    const wrongCode = code.startsWith("0") ? `1${code.slice(1)}` : `0${code.slice(1)}`;
    const number = encodeURIComponent(licence.number);
    const urls = [
      `/verify/${number}?c=${wrongCode}`,
      `/verify/${number}?c=${code.slice(0, 8)}`,
      `/verify/${number}?c=${code}X`,
      `/verify/${number}?c=`,
      `/verify/${number}`,
      `/verify/${encodeURIComponent(other.number)}?c=${code}`,
      `/verify/${encodeURIComponent(licence.number.slice(0, -2))}?c=${code}`,
      `/verify/${encodeURIComponent("ก".repeat(61))}?c=${code}`,
      `/verify/?c=${code}`,
    ];
    const bodies = new Set<string>();
    for (const url of urls) {
      const res = await service.app.inject({ url, headers: { accept: "text/html" } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toContain("ไม่พบใบอนุญาตตามเลขที่และรหัสตรวจสอบนี้");
      expect(res.body).not.toContain(code);
      bodies.add(res.body);
    }
    expect(bodies.size).toBe(1);
    const json = new Set<string>();
    for (const url of urls.filter((u) => u.includes("?c="))) {
      const res = await service.app.inject({ url: url.replace("?c=", ".json?c=") });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe("LICENCE_NOT_FOUND");
      json.add(res.body);
    }
    expect(json.size).toBe(1);
  });

  it("LC-3: the form takes a number and a code as typed and leads to the licence's own page", async () => {
    const { licence } = await issuedLicence(service, clock);
    const form = await service.app.inject({ url: "/verify" });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="number"');
    const typed = `${licence.verificationCode.slice(0, 4).toLowerCase()}-${licence.verificationCode.slice(4)}`;
    const res = await service.app.inject({
      url: `/verify?number=${encodeURIComponent(` ${licence.number} `)}&c=${encodeURIComponent(typed)}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(new URL(qrLink(licence)).pathname + new URL(qrLink(licence)).search);
    const bad = await service.app.inject({
      url: `/verify?number=x&c=short`,
      headers: { accept: "text/html" },
    });
    expect(bad.statusCode).toBe(404);
  });
});
