import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { makePng } from "../../test/images.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService, TEST_SERVICE } from "../../test/service-fixture.js";
import { startSmsGateway } from "../../test/sms-gateway.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { createDraft } from "./drafts.repo.js";
import { createSignatureChallenge } from "./signature-challenges.js";

const NOW = "2026-12-07T03:00:00.000Z";
const PERSON = {
  type: "person",
  name: "สมหญิง รักดี",
  idNumber: "1101700230708",
  email: "somying@example.com",
  phone: "0812345678",
};

describe.each(testDialects())("the one-time code of a type-1 signature on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    sms = await startSmsGateway();
    service = await startTestService(dialect, {
      clock,
      smtpUrl: smtp.url,
      env: { SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: sms.token },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
    await sms?.close();
  });

  /** The draft's CSRF token, as its pages carry it (the forms part's defence of every POST under /apply). */
  const csrfOf = async (url: string) => {
    const token = /\/apply\/([^/]+)\//.exec(url)?.[1];
    const page = await service.app.inject({
      url: `/apply/${token}/applicant`,
      headers: { accept: "text/html" },
    });
    return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "none";
  };
  const post = async (url: string, form: Record<string, string>, csrf?: string) =>
    service.app.inject({
      method: "POST",
      url,
      payload: new URLSearchParams({ _csrf: csrf ?? (await csrfOf(url)), ...form }).toString(),
      headers: {
        accept: "text/html",
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "phone",
      },
    });
  /** A draft of a service asking `otp`, filled up to the signature (documents stored as uploaded). */
  const readyDraft = async (otp: "email" | "sms") => {
    const version = await publishTestService(service, { ...TEST_SERVICE, signature: { otp } });
    const { draft, token } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: version.id, language: "th" },
      clock.now(),
    );
    const stored = await service.files.put(makePng(1100, 700));
    const document = {
      documentId: "id-card",
      fileKey: stored.key,
      filename: "id.png",
      mediaType: "image/png",
      size: 100,
      sha256: stored.sha256,
      dpi: 320,
      lowResolution: false,
    };
    await service.handle.db
      .updateTable("application_drafts")
      .set({
        applicant: JSON.stringify(PERSON),
        answers: JSON.stringify({ shopName: "ร้าน", hasBranch: "no" }),
        documents: JSON.stringify([document]),
        privacy_notice_version: "pn-1",
      })
      .where("id", "=", draft.id)
      .execute();
    return { id: draft.id, token };
  };
  const waitFor = async <T>(read: () => T | undefined): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const value = read();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("nothing arrived");
  };

  it("FM-6: an email code signs; the evidence keeps the channel, the tries, the IP and the user agent", async () => {
    const { token } = await readyDraft("email");
    const sent = await post(`/apply/${token}/sign/code`, {});
    expect(sent.statusCode).toBe(303);
    expect(await service.outbox.drain()).toBe(1); // the code goes through the outbox
    const mail = await waitFor(() =>
      smtp.messages.find((m) => m.to && JSON.stringify(m.to).includes("somying")),
    );
    const code = /\b(\d{6})\b/.exec(mail.text ?? "")?.[1];
    expect(code).toBeDefined();
    const row = await service.handle.db
      .selectFrom("signature_challenges")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(code!); // only the hash is kept
    const wrong = await post(`/apply/${token}/sign`, {
      name: PERSON.name,
      confirmed: "yes",
      code: "000000" === code ? "111111" : "000000",
    });
    expect(wrong.statusCode).toBe(422);
    const signed = await post(`/apply/${token}/sign`, { name: PERSON.name, confirmed: "yes", code: code! });
    expect(signed.statusCode).toBe(303);
    const application = await service.handle.db
      .selectFrom("applications")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(application.signature)).toMatchObject({
      otp: { channel: "email", outcome: "verified", attempts: 2 },
      userAgent: "phone",
      ip: "127.0.0.1",
    });
  });

  it("FM-6: five wrong codes lock the code; a new code is needed; an expired code is refused", async () => {
    const { token } = await readyDraft("sms");
    expect((await post(`/apply/${token}/sign/code`, {})).statusCode).toBe(303);
    const text = sms.messages.at(-1)?.text ?? "";
    const code = /\b(\d{6})\b/.exec(text)?.[1] ?? "";
    expect(sms.messages.at(-1)?.to).toBe("0812345678");
    const bad = code === "000000" ? "111111" : "000000";
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await post(`/apply/${token}/sign`, { name: PERSON.name, confirmed: "yes", code: bad })).statusCode,
      );
    expect(answers).toEqual([422, 422, 422, 422, 429]);
    const locked = await post(`/apply/${token}/sign`, { name: PERSON.name, confirmed: "yes", code });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain("กรุณาขอรหัสใหม่");
    expect((await post(`/apply/${token}/sign/code`, {})).statusCode).toBe(303);
    const fresh = /\b(\d{6})\b/.exec(sms.messages.at(-1)?.text ?? "")?.[1] ?? "";
    clock.set(new Date(new Date(NOW).getTime() + 11 * 60_000).toISOString());
    try {
      const late = await post(`/apply/${token}/sign`, { name: PERSON.name, confirmed: "yes", code: fresh });
      expect(late.statusCode).toBe(422);
      expect(late.body).toContain("รหัสหมดอายุ");
    } finally {
      clock.set(NOW);
    }
  });

  it("FM-6: concurrent wrong tries never exceed five", async () => {
    const { token } = await readyDraft("sms");
    await post(`/apply/${token}/sign/code`, {});
    const code = /\b(\d{6})\b/.exec(sms.messages.at(-1)?.text ?? "")?.[1] ?? "";
    const bad = code === "000000" ? "111111" : "000000";
    await Promise.all(
      Array.from({ length: 12 }, () =>
        post(`/apply/${token}/sign`, { name: PERSON.name, confirmed: "yes", code: bad }),
      ),
    );
    const rows = await service.handle.db
      .selectFrom("signature_challenges")
      .select("attempts")
      .orderBy("created_at", "desc")
      .execute();
    expect(Math.max(...rows.map((r) => r.attempts))).toBe(5);
  });

  it("FM-6: a gateway that does not accept the SMS: the code is not claimed sent", async () => {
    const { token } = await readyDraft("sms");
    sms.refuseNext();
    const res = await post(`/apply/${token}/sign/code`, {});
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain("ส่งรหัสไม่สำเร็จ");
    expect(res.body).not.toContain('data-otp="sent"');
  });

  it("FM-6: codes asked for at once are counted under one lock: five an hour, never more", async () => {
    const version = await publishTestService(service, { ...TEST_SERVICE, code: "otp-race" });
    const { draft } = await createDraft(
      service.handle.db,
      { agencyId: "demo", serviceVersionId: version.id, language: "th" },
      clock.now(),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        withTransaction(service.handle, (trx) =>
          createSignatureChallenge(
            trx,
            { draftId: draft.id, channel: "email", destination: "a@example.com" },
            clock.now(),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const rows = await service.handle.db
      .selectFrom("signature_challenges")
      .select("id")
      .where("draft_id", "=", draft.id)
      .execute();
    expect(rows).toHaveLength(5);
  });
});
