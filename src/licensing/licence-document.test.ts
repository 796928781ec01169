import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPdfSignature } from "../../test/cms-of-pdf.js";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { makePng } from "../../test/images.js";
import { decodeQr, imageCount, pagePngs } from "../../test/licence-pages.js";
import { issuedLicence } from "../../test/licensing.js";
import { HAVE_PDFTOTEXT, normaliseThai, pdfText } from "../../test/pdf-text.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { tamper } from "../../test/signed-pdf.js";
import { type LocalTsa, startLocalTsa } from "../../test/tsa-server.js";
import { findAgency, saveAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { verifyPdfSignatures } from "../platform/pdf/index.js";
import type { ThreadPool } from "../platform/threads/index.js";
import { makeLicenceDocument } from "./licence-document.js";

// Monday 7 December 2026, 10:00 Bangkok: Buddhist-era year 2569.
const clock = fixedClock("2026-12-07T03:00:00.000Z");
const ORIGIN = "https://eservice.example.go.th";

describe.each(testDialects())("an issued licence's document on %s", (dialect) => {
  let service: TestService;
  let tsa: LocalTsa;
  let signer: ReturnType<typeof testDocumentSigner>;
  beforeAll(async () => {
    tsa = await startLocalTsa();
    signer = testDocumentSigner({ tsa });
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    service.licensing.documentSigner = signer;
    // The agency's own domain and emblem, as an admin sets them on its settings page.
    const emblem = await service.files.put(makePng(120, 120));
    const agency = (await findAgency(service.handle.db, "demo"))!;
    await saveAgency(
      service.handle.db,
      { ...agency, licenceOrigin: ORIGIN, emblemKey: emblem.key },
      clock.now().toISOString(),
    );
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await tsa?.close();
  });

  it("LC-2: pdfsig validates the issued licence, time-stamped (B-T); a tampered copy fails", async () => {
    const requests = tsa.requests;
    const { licence } = await issuedLicence(service, clock);
    expect(tsa.requests).toBe(requests + 1);
    const pdf = await service.files.read(licence.pdfKey);
    expect(readPdfSignature(pdf).timeStampToken).toBeTruthy();
    const report = await verifyPdfSignatures(pdf, { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    const [signature] = report.outcome === "signed" ? report.signatures : [];
    expect(signature?.integrity).toBe("valid");
    expect(signature?.unchanged).toBe(true);
    expect(signature?.trust).toBe("trusted");
    const tampered = await verifyPdfSignatures(tamper(pdf), { trustedRoots: [signer.root.pem] });
    const bad =
      tampered.verifier === "pdfsig" && tampered.outcome === "signed" ? tampered.signatures[0] : undefined;
    expect(bad?.integrity).not.toBe("valid");
  });

  it("LC-1, LC-3: the issued page carries the emblem, the number and the QR to the agency's own host with the licence's code", async () => {
    const { licence } = await issuedLicence(service, clock);
    const pdf = await service.files.read(licence.pdfKey);
    const pages = pagePngs(pdf, 150);
    expect(pages).toHaveLength(1);
    const url = new URL(decodeQr(pages[0]!) ?? "about:blank");
    expect(url.host).toBe("eservice.example.go.th");
    expect(decodeURIComponent(url.pathname)).toBe(`/verify/${licence.number}`);
    expect(url.searchParams.get("c")).toBe(licence.verificationCode);
    // The emblem, and the QR with its transparency mask (pdfimages lists the mask as an image of its own).
    expect(imageCount(pdf)).toBe(3);
    if (HAVE_PDFTOTEXT) {
      const text = normaliseThai(pdfText(pdf));
      for (const line of [
        `เลขที่ / No. ${licence.number}`,
        licence.holderName,
        licence.verificationCode,
        "ตรวจสอบได้ที่ eservice.example.go.th เท่านั้น",
      ])
        expect(text, line).toContain(normaliseThai(line));
    }
  });

  // #18 pdfpool
  /** The service's pool, with the names of the tasks handed to it. */
  const watchedPool = (pool: ThreadPool) => {
    const tasks: string[] = [];
    const watched: ThreadPool = {
      threads: pool.threads,
      run: (task, input, options) => {
        tasks.push(task.name);
        return pool.run(task, input, options);
      },
      close: () => pool.close(),
    };
    return { watched, tasks };
  };

  it("LC-1, LC-2: the service draws an issued licence in its thread pool and signs it here; pdfsig validates it", async () => {
    const pool = service.licensing.threads;
    expect(pool?.threads).toBeGreaterThan(0);
    const { watched, tasks } = watchedPool(pool!);
    service.licensing.threads = watched;
    try {
      const requests = tsa.requests;
      const { licence } = await issuedLicence(service, clock);
      expect(tasks).toEqual(["licencePdfTask"]);
      expect(tsa.requests).toBe(requests + 1);
      const report = await verifyPdfSignatures(await service.files.read(licence.pdfKey), {
        trustedRoots: [signer.root.pem],
      });
      if (report.verifier === "unavailable") throw new Error(report.reason);
      expect(report.outcome === "signed" && report.signatures[0]?.integrity).toBe("valid");
    } finally {
      service.licensing.threads = pool;
    }
  });

  it("LC-1: a paper licence's document made with the pool is the one made without it, byte for byte", async () => {
    const agency = (await findAgency(service.handle.db, "demo"))!;
    const facts = {
      title: { th: "ใบอนุญาตทดลอง", en: "Test licence" },
      number: "7/2569",
      edition: 2,
      holderName: "นางศรีนวล ทำดี",
      fields: [{ key: "shopName", label: { th: "ชื่อร้าน" }, value: "ร้านข้าวแกงป้าศรี" }],
      conditions: [{ th: "แสดงใบอนุญาตไว้ในที่เปิดเผย" }],
      validFrom: "2026-12-07",
      validUntil: "2027-12-06",
      signer: { name: "นายทดสอบ ระบบดี", position: "นายก" },
      verificationCode: "7KQ2M9XR4TBW",
      issuedAt: clock.now(),
      paper: true,
    };
    const { watched, tasks } = watchedPool(service.licensing.threads!);
    const pooled = await makeLicenceDocument({ ...service.licensing, threads: watched }, agency, facts);
    const inline = await makeLicenceDocument({ ...service.licensing, threads: undefined }, agency, facts);
    expect(tasks).toEqual(["licencePdfTask"]);
    // Content-addressed: the same bytes are the same key.
    expect(pooled).toEqual(inline);
    // The emblem (read from the store here) crossed to the thread and was printed.
    expect(imageCount(await service.files.read(pooled.key))).toBe(3);
  });
});
