import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestService, type TestService } from "../../../test/service.js";

// The JSON API took up to 50 attachments while a multipart form was held to UPLOAD_MAX_FILES.
describe.each(testDialects())("attachments over the count limit through the JSON API on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect, { env: { UPLOAD_MAX_FILES: "3" } });
  });
  afterAll(() => service.stop());

  it("CH-11: files past UPLOAD_MAX_FILES are named as refused, the first ones kept", async () => {
    const attachments = Array.from({ length: 5 }, (_, i) => ({
      filename: `note-${i}.txt`,
      contentBase64: Buffer.from(`note ${i}`).toString("base64"),
    }));
    const res = await service.app.inject({
      method: "POST",
      url: "/api/v1/requests",
      payload: { name: "สมหญิง รักดี", subject: "ขอเอกสาร", phone: "0812345678", confirmed: true, attachments },
    });
    expect(res.statusCode).toBe(201);
    const outcome = res.json().attachments as {
      filename: string;
      accepted: boolean;
      refusal?: { code: string };
    }[];
    expect(outcome.map((a) => a.accepted)).toEqual([true, true, true, false, false]);
    expect(outcome[3]!.refusal?.code).toBe("TOO_MANY_FILES");
    const stored = await service.handle.db
      .selectFrom("attachments")
      .select(["filename", "storage_key", "refusal_code"])
      .orderBy("position")
      .execute();
    expect(stored.filter((a) => a.storage_key !== null)).toHaveLength(3);
    expect(stored.slice(3).map((a) => a.refusal_code)).toEqual(["TOO_MANY_FILES", "TOO_MANY_FILES"]);
  });
});
