import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { multipartBody } from "../../../test/multipart.js";
import { startTestS3, type TestS3 } from "../../../test/s3.js";
import { startTestService, type TestService } from "../../../test/service.js";

// #18: files in an S3-compatible bucket; the bucket goes down and comes back while citizens submit.
describe.each(testDialects())("submissions while the object store is down on %s", (dialect) => {
  let s3: TestS3;
  let service: TestService;
  beforeAll(async () => {
    s3 = await startTestS3();
    service = await startTestService(dialect, { env: { ...s3.env, S3_MAX_ATTEMPTS: "2" } });
  });
  afterAll(async () => {
    await service?.stop();
    await s3?.stop();
  });

  const withFile = (subject: string, extra: object = {}) => ({
    name: "สมหญิง รักดี",
    subject,
    phone: "0812345678",
    confirmed: true,
    attachments: [
      { filename: "scan.txt", contentBase64: Buffer.from(`scan for ${subject}`).toString("base64") },
    ],
    ...extra,
  });
  const api = (body: object) =>
    service.app.inject({ method: "POST", url: "/api/v1/requests", payload: body });
  const numberOf = (receipt: string) => Number(receipt.split("/")[0]);
  const counts = async () => {
    const db = service.handle.db;
    const n = async (table: "entries" | "attachments") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { entries: await n("entries"), attachments: await n("attachments") };
  };

  it("RG-1, RG-4: refused 503 with Retry-After in the user's language, nothing half-registered, numbers gapless after", async () => {
    const first = await api(withFile("ก่อนระบบล่ม"));
    expect(first.statusCode).toBe(201);
    const before = await counts();

    s3.downFor(60_000);
    const refused = await api(withFile("ระหว่างระบบล่ม"));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe("30");
    expect(refused.json().error.code).toBe("STORAGE_UNAVAILABLE");
    expect(refused.json().error.message).toContain("ระบบจัดเก็บไฟล์ไม่พร้อมใช้งาน");
    const english = await api(withFile("during the outage", { language: "en" }));
    expect(english.statusCode).toBe(503);
    expect(english.json().error.message).toContain("send it again in 30 seconds");

    // The web form: a page in Thai, and its form token still unused, so the same form can be sent again.
    const form = await multipartBody(
      {
        form_token: `tok-${dialect}-outage-00`,
        name: "นายทดสอบ",
        email: "a@example.com",
        subject: "แบบฟอร์ม",
        confirmed: "yes",
      },
      [{ filename: "form.txt", bytes: Buffer.from("a form's file") }],
    );
    const post = () =>
      service.app.inject({
        method: "POST",
        url: "/requests",
        headers: { ...form.headers, accept: "text/html" },
        payload: form.payload,
      });
    const page = await post();
    expect(page.statusCode).toBe(503);
    expect(page.headers["retry-after"]).toBe("30");
    expect(page.body).toContain("ระบบจัดเก็บไฟล์ไม่พร้อมใช้งาน");
    expect(await counts()).toEqual(before);

    // A request without files needs no store: still received, and numbered next.
    const plain = await api({ ...withFile("ไม่มีไฟล์"), attachments: [] });
    expect(plain.statusCode).toBe(201);
    expect(numberOf(plain.json().receiptNumber)).toBe(numberOf(first.json().receiptNumber) + 1);

    s3.up();
    const after = await api(withFile("หลังระบบกลับมา"));
    expect(after.statusCode).toBe(201);
    expect(numberOf(after.json().receiptNumber)).toBe(numberOf(first.json().receiptNumber) + 2);
    expect((await post()).statusCode).toBe(303);
    expect((await counts()).entries).toBe(before.entries + 3);

    // Stored sealed in the bucket (ID-7), read back opened and checked.
    const key = (
      await service.handle.db
        .selectFrom("attachments")
        .select("storage_key")
        .where("sha256", "=", crypto.createHash("sha256").update("a form's file").digest("hex"))
        .executeTakeFirstOrThrow()
    ).storage_key!;
    expect((await service.files.readStored(key)).subarray(0, 4).toString("latin1")).toBe("BKE1");
    expect((await service.files.read(key)).toString()).toBe("a form's file");
  });
});
