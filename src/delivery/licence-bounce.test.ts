import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { testDocumentSigner } from "../../test/document-signer.js";
import { issuedLicence } from "../../test/licensing.js";
import { type MailTestbed, startMailTestbed } from "../../test/mail.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { listMatterDeliveries } from "./deliveries.repo.js";
import { sweepDeliveries } from "./sweep-deliveries.js";

// Monday 7 December 2026, 10:00 Bangkok.
const START = "2026-12-07T03:00:00.000Z";

/** A delivery status notification (RFC 3464) from the recipient's server about the message `messageId`. */
const deliveryReport = (reportId: string, to: string, messageId: string) =>
  [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
    "To: saraban@demo.go.th",
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: ${reportId}`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain",
    "",
    "The mail could not be delivered.",
    "--b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.com",
    "",
    `Final-Recipient: rfc822; ${to}`,
    "Action: failed",
    "Status: 5.1.1",
    "",
    "--b",
    "Content-Type: text/rfc822-headers",
    "",
    "From: saraban@demo.go.th",
    `Message-ID: ${messageId}`,
    "",
    "--b--",
    "",
  ].join("\r\n");

describe.each(testDialects())("a bounced licence mail on %s", (dialect) => {
  const clock = fixedClock(START);
  let testbed: MailTestbed | undefined;
  const signer = testDocumentSigner();
  beforeAll(async () => {
    testbed = await startMailTestbed(dialect, clock);
    if (!testbed) return;
    await publishTestService(testbed.service);
    testbed.service.licensing.documentSigner = signer;
    testbed.service.delivery.documentSigner = signer;
  }, 120_000);
  afterAll(async () => {
    await testbed?.stop();
  });

  it("DL-4, CH-12: a delivery report on the licence's mail, taken from the mailbox, marks that delivery bounced; a forged one changes nothing", async (ctx) => {
    if (!testbed) return ctx.skip();
    const { service, smtp, mailbox } = testbed;
    const email = "bounce.licensee@example.com";
    const { application, licence } = await issuedLicence(service, clock, { email });
    await sweepDeliveries(service.delivery, clock.now());
    await service.outbox.drain();
    const mail = smtp.messages.find((m) => m.subject?.includes(`Licence ${licence.number}`));
    expect(mail?.messageId).toMatch(/^<licence-delivery\./);
    await sweepDeliveries(service.delivery, clock.now());
    expect((await listMatterDeliveries(service.handle.db, application.matterId))[0]?.status).toBe("sent");

    // A report naming a Message-ID of the same shape whose token is not Borikan's is ignored.
    const forged = mail!.messageId!.replace(/\.([\w-]{22})@/, ".AAAAAAAAAAAAAAAAAAAAAA@");
    await mailbox.append("INBOX", deliveryReport("<dsn-forged@mx.example.com>", email, forged), clock.now());
    await service.mail.runOnce("demo");
    await sweepDeliveries(service.delivery, clock.now());
    expect((await listMatterDeliveries(service.handle.db, application.matterId))[0]?.status).toBe("sent");

    clock.set("2026-12-07T04:00:00.000Z");
    await mailbox.append(
      "INBOX",
      deliveryReport("<dsn-1@mx.example.com>", email, mail!.messageId!),
      clock.now(),
    );
    const summary = await service.mail.runOnce("demo");
    expect(summary.automatic).toBe(1);
    await sweepDeliveries(service.delivery, clock.now());
    const [bounced] = await listMatterDeliveries(service.handle.db, application.matterId);
    expect(bounced?.status).toBe("bounced");
    expect(bounced?.bounced_at).toBe("2026-12-07T04:00:00.000Z");
    // The audit row names the outbox message by id, never the address it bounced from.
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select(["subject_type", "data"])
      .where("action", "=", "outbox.bounce")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_type).toBe("outbox");
    expect(audit[0]?.data).not.toContain(email);
    // Nothing was sent back to the mailer daemon.
    await service.outbox.drain();
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes("MAILER-DAEMON"))).toEqual([]);
  }, 120_000);
});
