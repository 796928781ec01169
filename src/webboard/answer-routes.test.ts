import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedTopic, topicTerms, unitIdOf } from "../../test/answers.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { startSmtpListener } from "../../test/smtp.js";
import { fixedClock } from "../platform/clock.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const form = {
  body: "ยื่นได้ภายใน 30 วันก่อนหมดอายุ quokkanswer",
  regulation: "ข้อบัญญัติว่าด้วยการควบคุมกิจการที่เป็นอันตรายต่อสุขภาพ พ.ศ. 2565",
  effectiveOn: "1/10/2565",
  holdsAsOf: "1/12/2569",
};

describe.each(testDialects())("the officers' answer pages on %s", (dialect) => {
  let service: TestService;
  let officer: OfficeClient;
  let approver: OfficeClient;
  let outsider: OfficeClient;
  let topicId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  beforeAll(async () => {
    smtp = await startSmtpListener();
    service = await startTestService(dialect, { clock, smtpUrl: smtp.url });
    const { serviceId } = await publishTestService(service);
    const permits = await unitIdOf(service.handle, "permits");
    const saraban = await unitIdOf(service.handle, "saraban");
    const sign = async (email: string, roles: string[], units: string[]) =>
      (await signedInOfficer(service.app, service.handle, clock, "demo", email, roles, "", units)).client;
    officer = await sign("ans.officer@demo.go.th", ["reviewer"], [permits]);
    approver = await sign("ans.approver@demo.go.th", ["approver"], [permits]);
    outsider = await sign("ans.outsider@demo.go.th", ["approver"], [saraban]);
    await stepUp(approver, clock);
    await stepUp(outsider, clock);
    ({ topicId } = await askedTopic(service, {
      at: clock.now(),
      title: "ต่ออายุใบอนุญาตสะสมอาหาร",
      question: "ต้องยื่นก่อนหมดอายุกี่วัน <script>alert(1)</script>",
      serviceId,
      email: "asker@example.test",
    }));
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    await smtp?.close();
  });

  it("WB-3, WB-4: drafted on the form, submitted, approved by another officer after a step-up; public only then", async () => {
    const queue = await officer.get("/office/webboard/answers");
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/office/webboard/topics/${topicId}/answer`);
    const page = await officer.get(`/office/webboard/topics/${topicId}/answer`);
    expect(page.statusCode).toBe(200);
    // The citizen's post is shown as text, never as markup.
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const missing = await officer.post(`/office/webboard/topics/${topicId}/answer`, {
      ...form,
      regulation: "",
    });
    expect(missing.statusCode).toBe(400);
    const saved = await officer.post(`/office/webboard/topics/${topicId}/answer`, { ...form, submit: "1" });
    expect(saved.statusCode).toBe(303);
    const answerUrl = String(saved.headers.location);
    const answerId = answerUrl.split("/").pop()!;
    // The writer sees no approval form; the other unit's approver does not see the answer at all.
    const mine = await officer.get(answerUrl);
    expect(mine.body).not.toContain(`${answerUrl}/approve`);
    expect((await outsider.get(answerUrl)).statusCode).toBe(404);
    const forged = await officer.post(`${answerUrl}/approve`, {});
    expect([401, 403, 303]).toContain(forged.statusCode);
    expect(await topicTerms(service.handle, topicId)).not.toContain("quokkanswer");
    const theirs = await approver.get(answerUrl);
    expect(theirs.body).toContain(`${answerUrl}/approve`);
    const approved = await approver.post(`${answerUrl}/approve`, {
      expectedUpdatedAt: /name="expectedUpdatedAt" value="([^"]+)"/.exec(theirs.body)![1]!,
    });
    expect(approved.statusCode).toBe(303);
    expect(await topicTerms(service.handle, topicId)).toContain("quokkanswer");
    // Honest: the notice is queued, not yet sent, and the page says so.
    const after = await approver.get(answerUrl);
    expect(after.body).toMatch(/ยังไม่ได้ส่ง|not sent yet/);
    await service.outbox.drain();
    expect((await approver.get(answerUrl)).body).toMatch(/แจ้งผู้ถามทางอีเมลแล้ว|notified by email/);
    const mail = smtp.messages.find((m) => m.text?.includes(`/webboard/topics/${topicId}`));
    expect(mail?.to && "text" in mail.to ? mail.to.text : "").toContain("asker@example.test");
    const promoted = await approver.post(`${answerUrl}/promote`, {
      question: "ต่ออายุใบอนุญาตสะสมอาหาร ต้องยื่นก่อนกี่วัน",
    });
    expect(promoted.statusCode).toBe(303);
    const linked = await approver.get(answerUrl);
    expect(linked.body).toContain('data-testid="faq-stays"');
    const entries = await service.handle.db
      .selectFrom("faq_entries")
      .select("id")
      .where("source_id", "=", answerId)
      .execute();
    expect(entries).toHaveLength(1);
  });

  it("WS-3: an approval without a fresh step-up is sent to the step-up page and changes nothing", async () => {
    const { topicId: other } = await askedTopic(service, {
      at: clock.now(),
      title: "ถามเรื่องค่าธรรมเนียม",
      question: "กี่บาท",
    });
    const saved = await officer.post(`/office/webboard/topics/${other}/answer`, { ...form, submit: "1" });
    const answerUrl = String(saved.headers.location);
    // An approver of the unit, signed in with a second factor but not stepped up on this session.
    const permits = await unitIdOf(service.handle, "permits");
    const { client: fresh } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      "ans.fresh@demo.go.th",
      ["approver"],
      "",
      [permits],
    );
    await fresh.get(answerUrl);
    const res = await fresh.post(`${answerUrl}/approve`, {});
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain("/office/step-up");
    const row = await service.handle.db
      .selectFrom("webboard_answers")
      .select("status")
      .where("id", "=", answerUrl.split("/").pop()!)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("submitted");
  });
});
