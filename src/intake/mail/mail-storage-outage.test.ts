import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox } from "../../../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV, mailText } from "../../../test/mail.js";
import { startTestS3, type TestS3 } from "../../../test/s3.js";
import { startTestService, type TestService } from "../../../test/service.js";

// #18: the mail's bytes go to an S3-compatible bucket; the bucket is down during a pass.
describe.each(testDialects())("mail intake while the object store is down on %s", (dialect) => {
  let s3: TestS3;
  let mailbox: TestMailbox | undefined;
  let service: TestService;
  beforeAll(async () => {
    mailbox = await startTestMailbox();
    if (!mailbox) return;
    s3 = await startTestS3();
    service = await startTestService(dialect, {
      env: { ...s3.env, S3_MAX_ATTEMPTS: "2", [MAILBOX_SECRET_ENV]: mailbox.password },
    });
    await connectDemoMailbox(service, mailbox);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await s3?.stop();
    await mailbox?.stop();
  });

  const entries = async () =>
    Number(
      (
        await service.handle.db
          .selectFrom("entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("RG-4, CH-12: the mail stays in the mailbox untouched and is taken at the next pass once the store is back", async (context) => {
    if (!mailbox) return context.skip();
    await mailbox.append(
      "INBOX",
      mailText({
        from: "สมชาย ใจดี <somchai@example.com>",
        subject: "ขอสำเนาทะเบียนบ้าน",
        body: "ขอสำเนาทะเบียนบ้านหนึ่งฉบับ",
        messageId: `<outage-${dialect}@example.com>`,
      }),
    );
    s3.downFor(60_000);
    const during = await service.mail.runOnce("demo");
    expect(during.failed).toBe(1);
    expect(during.registered).toBe(0);
    expect(await entries()).toBe(0);
    expect(await mailbox.list("INBOX")).toHaveLength(1);

    s3.up();
    const after = await service.mail.runOnce("demo");
    expect(after.registered).toBe(1);
    expect(await entries()).toBe(1);
    expect(await mailbox.list("INBOX")).toHaveLength(0);
  });
});
