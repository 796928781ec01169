import crypto from "node:crypto";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";
import { verifyPdfSignatures } from "../platform/pdf/index.js";
import { findMatter } from "../register/index.js";
import { listMatterDeliveries } from "./deliveries.repo.js";
import { sweepDeliveries } from "./sweep-deliveries.js";

// Monday 7 December 2026, 10:00 Bangkok.
const START = "2026-12-07T03:00:00.000Z";
/** The one file of an AES-encrypted ZIP, opened with its password. */
async function unzip(zip: Uint8Array, password: string): Promise<Uint8Array> {
  const reader = new ZipReader(new Uint8ArrayReader(zip));
  try {
    const [entry] = await reader.getEntries();
    if (!entry || entry.directory) throw new Error("no file in the ZIP");
    expect(entry.encrypted).toBe(true);
    return await entry.getData(new Uint8ArrayWriter(), { password });
  } finally {
    await reader.close();
  }
}
const sha256 = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

describe.each(testDialects())("delivering a licence on %s", (dialect) => {
  const clock = fixedClock(START);
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const signer = testDocumentSigner();
  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    await publishTestService(service);
    service.licensing.documentSigner = signer;
    service.delivery.documentSigner = signer;
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  /** The licence's messages to an address (its acknowledgement went there too). */
  const mailsTo = (address: string) =>
    smtp.messages.filter(
      (m) =>
        m.subject?.includes("Licence") &&
        (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text.includes(address)),
    );

  async function verified(pdf: Uint8Array) {
    const report = await verifyPdfSignatures(Buffer.from(pdf), { trustedRoots: [signer.root.pem] });
    if (report.verifier === "unavailable") throw new Error(report.reason);
    return report.outcome === "signed" ? report.signatures[0]?.integrity : report.outcome;
  }

  it("DL-1, DL-2, DL-4: the signed PDF is mailed from the central address to the address the application came with; sent only once the outbox sent it, then the matter is delivered", async () => {
    clock.set(START);
    const email = "dl1.applicant@example.com";
    const { application, licence } = await issuedLicence(service, clock, { email });
    expect(await sweepDeliveries(service.delivery, clock.now())).toBeGreaterThanOrEqual(1);
    const [delivery] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(delivery?.channel).toBe("email");
    expect(delivery?.chosen_by).toBe("entry");
    expect(delivery?.status).toBe("queued");
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("issuing");
    // A second pass writes no second delivery.
    await sweepDeliveries(service.delivery, clock.now());
    expect(await listMatterDeliveries(service.handle.db, application.matterId)).toHaveLength(1);

    await service.outbox.drain();
    const [mail] = mailsTo(email);
    expect(mail?.from?.text).toContain("@");
    expect(mail?.text).toContain(licence.number);
    expect(mail?.text).toContain(`/requests/${application.beYear}/${application.sequence}/licence?t=`);
    const attachment = mail?.attachments[0];
    expect(attachment?.contentType).toBe("application/pdf");
    expect(sha256(attachment!.content)).toBe(licence.pdfSha256);
    expect(await verified(attachment!.content)).toBe("valid");

    await sweepDeliveries(service.delivery, clock.now());
    const [sent] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(sent?.status).toBe("sent");
    expect(sent?.sent_at).toBeTruthy();
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("delivered");
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["data", "actor"])
      .where("action", "=", "licence.deliver")
      .where("subject_id", "=", licence.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).not.toContain(email);
  });

  it("DL-3: a confidential licence goes inside an AES-256 ZIP; its password comes in a second message, and the PDF inside still verifies", async () => {
    clock.set(START);
    const email = "dl3.applicant@example.com";
    const { application, licence } = await issuedLicence(service, clock, { email });
    // The template's `confidential: true` is stored on the licence; this one is marked so directly.
    await service.handle.db
      .updateTable("licences")
      .set({ confidential: 1 })
      .where("id", "=", licence.id)
      .execute();
    await sweepDeliveries(service.delivery, clock.now());
    const [delivery] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(delivery?.protected).toBe(1);
    expect(delivery?.password_channel).toBe("email");

    await service.outbox.drain();
    const [fileMail, early] = mailsTo(email);
    expect(early).toBeUndefined();
    const zip = fileMail?.attachments[0];
    expect(zip?.contentType).toBe("application/zip");
    // The password follows a little later, in its own message without the file.
    clock.set(new Date(new Date(START).getTime() + 3 * 60_000));
    await service.outbox.drain();
    const passwordMail = mailsTo(email)[1];
    expect(passwordMail?.attachments).toHaveLength(0);
    const password = /คือ (\S+)/.exec(passwordMail?.text ?? "")?.[1];
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(fileMail?.text).not.toContain(password);

    const bytes = new Uint8Array(zip!.content);
    await expect(unzip(bytes, "wrong-password")).rejects.toThrow();
    const pdf = await unzip(bytes, password!);
    expect(sha256(pdf)).toBe(licence.pdfSha256);
    expect(await verified(pdf)).toBe("valid");

    await sweepDeliveries(service.delivery, clock.now());
    const [after] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(after?.status).toBe("sent");
    expect(after?.password_status).toBe("sent");
    // The outbox's kept copy of the password message no longer holds the password (FM-6's rule).
    const kept = await service.handle.db
      .selectFrom("outbox")
      .select("payload")
      .where("kind", "=", "licence-password")
      .where("subject_key", "=", `licence-delivery:${after?.id}`)
      .executeTakeFirst();
    expect(kept?.payload).not.toContain(password);
  });

  it("DL-4: above the size limit the mail carries an expiring signed link instead of the file; the first download is recorded; a tampered or expired link is refused", async () => {
    clock.set(START);
    const email = "dl4.applicant@example.com";
    const { application, licence } = await issuedLicence(service, clock, { email });
    const limit = service.delivery.attachMaxBytes;
    service.delivery.attachMaxBytes = 1024;
    try {
      await sweepDeliveries(service.delivery, clock.now());
    } finally {
      service.delivery.attachMaxBytes = limit;
    }
    await service.outbox.drain();
    const [mail] = mailsTo(email);
    expect(mail?.attachments).toHaveLength(0);
    const link = /(http:\/\/borikan\.test\/a\/demo\/licence-files\/\S+)/.exec(mail?.text ?? "")?.[1];
    expect(link).toBeTruthy();
    const url = new URL(link!);
    const path = `${url.pathname}${url.search}`;

    const tampered = await service.app.inject({ method: "GET", url: path.replace(/s=./, "s=A") });
    expect(tampered.statusCode).toBe(403);
    const res = await service.app.inject({ method: "GET", url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="licence-.*\.pdf"$/);
    expect(sha256(res.rawPayload)).toBe(licence.pdfSha256);
    const [downloaded] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(downloaded?.status).toBe("downloaded");
    expect(downloaded?.linked).toBe(1);
    expect((await findMatter(service.handle.db, "demo", application.matterId))?.status).toBe("delivered");

    clock.set(new Date(new Date(START).getTime() + 15 * 24 * 3600_000));
    const expired = await service.app.inject({ method: "GET", url: path });
    expect(expired.statusCode).toBe(403);
    expect(expired.body).not.toContain(licence.number);
  });

  it("DL-4: the tracking page links to the applicant's licence page, which downloads the file; a wrong token is a 404", async () => {
    clock.set(START);
    const { application, licence } = await issuedLicence(service, clock, { email: "dl4b@example.com" });
    const base = `/a/demo/requests/${application.beYear}/${application.sequence}`;
    const q = `?t=${encodeURIComponent(application.token)}`;
    const tracking = await service.app.inject({ method: "GET", url: `${base}${q}` });
    expect(tracking.body).toContain(`data-testid="licence-link"`);
    const page = await service.app.inject({ method: "GET", url: `${base}/licence${q}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(licence.number);
    expect(page.body).toContain(`data-testid="licence-download"`);
    const file = await service.app.inject({ method: "GET", url: `${base}/licence.pdf${q}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(sha256(file.rawPayload)).toBe(licence.pdfSha256);
    const wrong = await service.app.inject({
      method: "GET",
      url: `${base}/licence.pdf?t=x${application.token}`,
    });
    expect(wrong.statusCode).toBe(404);
  });
});
