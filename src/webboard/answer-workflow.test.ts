import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedTopic, topicTerms, unitIdOf } from "../../test/answers.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import type { Role } from "../staff/index.js";
import { decideAnswer } from "./decide-answer.js";
import { draftAnswer, editAnswer } from "./draft-answer.js";
import { promoteAnswer } from "./promote-answer.js";
import type { AnswerActor } from "./record-answer-action.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const staff = (id: string, roles: Role[], unitIds: string[]): AnswerActor => ({
  kind: "staff",
  staffId: id,
  roles,
  unitIds,
});
const citation = {
  body: "ยื่นคำขอต่ออายุได้ภายใน 30 วันก่อนใบอนุญาตหมดอายุ zebraquark",
  regulation: "ระเบียบกรุงเทพมหานครว่าด้วยการต่ออายุใบอนุญาต พ.ศ. 2565",
  effectiveOn: "1/10/2565",
  holdsAsOf: "2026-12-01",
};
const topicUrl = (id: string) => `http://borikan.test/webboard/topics/${id}`;

describe.each(testDialects())("webboard answers on %s", (dialect) => {
  let service: TestService;
  let serviceId: string;
  let permits: string;
  let saraban: string;
  let officer: AnswerActor;
  let approver: AnswerActor;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    serviceId = (await publishTestService(service)).serviceId;
    permits = await unitIdOf(service.handle, "permits");
    saraban = await unitIdOf(service.handle, "saraban");
    officer = staff("officer-1", ["reviewer"], [permits]);
    approver = staff("approver-1", ["approver"], [permits]);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const newTopic = (email?: string) =>
    askedTopic(service, {
      at: clock.now(),
      title: "ต่ออายุใบอนุญาตร้านอาหาร",
      question: "ต้องยื่นก่อนหมดอายุกี่วันครับ",
      serviceId,
      email,
    });
  const submitted = async (email?: string) => {
    const { topicId } = await newTopic(email);
    const draft = await draftAnswer(service, { agencyId: "demo", topicId, actor: officer, ...citation });
    const answer = await decideAnswer(service, {
      agencyId: "demo",
      answerId: draft.id,
      action: "submit",
      actor: officer,
      topicUrl,
    });
    return { topicId, answer };
  };
  const count = async (table: "webboard_answers" | "webboard_answer_events") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("WB-3: an answer without its citation, or with dates that are not real, inverted or in the future, is refused and writes nothing", async () => {
    const { topicId } = await newTopic();
    const before = [await count("webboard_answers"), await count("webboard_answer_events")];
    const cases: [Partial<typeof citation>, string][] = [
      [{ regulation: "  " }, "ANSWER_FIELD_REQUIRED"],
      [{ body: "" }, "ANSWER_FIELD_REQUIRED"],
      [{ effectiveOn: "" }, "ANSWER_FIELD_REQUIRED"],
      [{ effectiveOn: "31/02/2565" }, "ANSWER_DATE_INVALID"],
      [{ holdsAsOf: "29/02/2569" }, "ANSWER_DATE_INVALID"],
      [{ holdsAsOf: "yesterday" }, "ANSWER_DATE_INVALID"],
      [{ effectiveOn: "1/1/2569", holdsAsOf: "31/12/2568" }, "ANSWER_AS_OF_BEFORE_EFFECTIVE"],
      [{ holdsAsOf: "8/12/2569" }, "ANSWER_AS_OF_FUTURE"],
    ];
    for (const [change, code] of cases)
      await expect(
        draftAnswer(service, { agencyId: "demo", topicId, actor: officer, ...citation, ...change }),
        JSON.stringify(change),
      ).rejects.toMatchObject({ code });
    // The answering unit is the officer's own: none, or another unit, is refused.
    for (const [actor, unitId] of [
      [staff("no-unit", ["reviewer"], []), undefined],
      [officer, saraban],
    ] as const)
      await expect(
        draftAnswer(service, { agencyId: "demo", topicId, actor, unitId, ...citation }),
      ).rejects.toMatchObject({ code: "ANSWER_UNIT_INVALID" });
    expect([await count("webboard_answers"), await count("webboard_answer_events")]).toEqual(before);
    // BE and CE give the same day; today (the agency's date) is allowed as the as-of date.
    const ok = await draftAnswer(service, {
      agencyId: "demo",
      topicId,
      actor: officer,
      ...citation,
      effectiveOn: "01.10.2022",
      holdsAsOf: "7/12/2569",
    });
    expect([ok.regulationEffectiveOn, ok.holdsAsOf, ok.status, ok.unitId]).toEqual([
      "2022-10-01",
      "2026-12-07",
      "draft",
      permits,
    ]);
  });

  it("WB-4: a draft is not public; only an approver of its unit or a supervisor approves, never the one who wrote it; then its words are searchable", async () => {
    const { topicId, answer } = await submitted();
    expect(await topicTerms(service.handle, topicId)).not.toContain("zebraquark");
    const decide = (actor: AnswerActor) =>
      decideAnswer(service, { agencyId: "demo", answerId: answer.id, action: "approve", actor, topicUrl });
    await expect(decide(staff("rev-2", ["reviewer"], [permits]))).rejects.toMatchObject({
      code: "ACTION_FORBIDDEN",
    });
    await expect(decide(staff("appr-other", ["approver"], [saraban]))).rejects.toMatchObject({
      code: "ANSWER_NOT_FOUND",
    });
    // The drafter, even holding the approver role, may not decide (four eyes).
    await expect(decide(staff("officer-1", ["approver"], [permits]))).rejects.toMatchObject({
      code: "ANSWER_OWN_DECISION",
    });
    expect(await topicTerms(service.handle, topicId)).not.toContain("zebraquark");
    const published = await decide(approver);
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    expect(await topicTerms(service.handle, topicId)).toContain("zebraquark");
    // A supervisor of no unit decides for every unit: the withdrawal takes the words down again.
    const withdrawn = await decideAnswer(service, {
      agencyId: "demo",
      answerId: answer.id,
      action: "withdraw",
      reason: "ระเบียบเปลี่ยน",
      actor: staff("sup-1", ["supervisor"], []),
      topicUrl,
    });
    expect(withdrawn.status).toBe("withdrawn");
    expect(await topicTerms(service.handle, topicId)).not.toContain("zebraquark");
  });

  it("WB-4: a return needs a reason; the returned answer is edited and submitted again; an edit after submission is refused", async () => {
    const { answer } = await submitted();
    const common = { agencyId: "demo", answerId: answer.id, topicUrl };
    await expect(
      decideAnswer(service, { ...common, action: "return", actor: approver }),
    ).rejects.toMatchObject({
      code: "ANSWER_REASON_REQUIRED",
    });
    await expect(
      editAnswer(service, { agencyId: "demo", answerId: answer.id, actor: officer, ...citation }),
    ).rejects.toMatchObject({ code: "ANSWER_ACTION_NOT_ALLOWED" });
    const returned = await decideAnswer(service, {
      ...common,
      action: "return",
      reason: "อ้างมาตราให้ชัด",
      actor: approver,
    });
    expect([returned.status, returned.returnReason]).toEqual(["returned", "อ้างมาตราให้ชัด"]);
    // An approver of the unit who edits and resubmits it has written it too: someone else decides.
    const editor = staff("approver-3", ["approver"], [permits]);
    const again = await editAnswer(service, {
      agencyId: "demo",
      answerId: answer.id,
      actor: editor,
      ...citation,
      regulation: `${citation.regulation} ข้อ 5`,
      submit: true,
    });
    expect(again.status).toBe("submitted");
    await expect(
      decideAnswer(service, { ...common, action: "approve", actor: editor }),
    ).rejects.toMatchObject({
      code: "ANSWER_OWN_DECISION",
    });
    await decideAnswer(service, { ...common, action: "approve", actor: approver });
    const events = await service.handle.db
      .selectFrom("webboard_answer_events")
      .select(["action", "reason"])
      .where("answer_id", "=", answer.id)
      .orderBy("at")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["draft", "submit", "return", "edit", "submit", "approve"]);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", answer.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["draft", "submit", "return", "edit", "submit", "approve"].map((a) => `webboard.answer.${a}`).sort(),
    );
  });

  it("WB-4: two approvers acting on the same version at once: one publishes, the other is told it changed", async () => {
    const { answer } = await submitted();
    const other = staff("approver-2", ["approver"], [permits]);
    const results = await Promise.allSettled(
      [approver, other].map((actor) =>
        decideAnswer(service, {
          agencyId: "demo",
          answerId: answer.id,
          action: "approve",
          actor,
          expectedUpdatedAt: answer.updatedAt,
          topicUrl,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["ANSWER_STALE", "ANSWER_ACTION_NOT_ALLOWED"]).toContain(refused.reason.code);
    const approvals = await service.handle.db
      .selectFrom("webboard_answer_events")
      .select("id")
      .where("answer_id", "=", answer.id)
      .where("action", "=", "approve")
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it("WB-1, IF-4: a published answer is promoted to its service's FAQ once, with its citation; the asker's notice is queued to a verified email only", async () => {
    const { answer } = await submitted("asker@example.test");
    await expect(
      promoteAnswer(service, { agencyId: "demo", answerId: answer.id, question: "q", actor: approver }),
    ).rejects.toMatchObject({ code: "ANSWER_ACTION_NOT_ALLOWED" });
    await decideAnswer(service, {
      agencyId: "demo",
      answerId: answer.id,
      action: "approve",
      actor: approver,
      topicUrl,
    });
    const input = {
      agencyId: "demo",
      answerId: answer.id,
      question: "ต่ออายุใบอนุญาตร้านอาหาร ต้องยื่นก่อนกี่วัน",
      actor: approver,
    };
    const first = await promoteAnswer(service, input);
    const second = await promoteAnswer(service, input);
    expect(first.created).toBe(true);
    expect(second.faqEntryId).toBe(first.faqEntryId);
    const entries = await service.handle.db
      .selectFrom("faq_entries")
      .selectAll()
      .where("source_id", "=", answer.id)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      service_id: serviceId,
      regulation: citation.regulation,
      regulation_effective_on: "2022-10-01",
      holds_as_of: "2026-12-01",
      unit_id: permits,
      source: "webboard",
    });
    const outbox = await service.handle.db
      .selectFrom("outbox")
      .select(["recipient", "status"])
      .where("subject_key", "=", `webboard-answer:${answer.id}`)
      .execute();
    expect(outbox).toEqual([{ recipient: "asker@example.test", status: "pending" }]);
    // Withdrawing the answer leaves the FAQ entry as it is (it is withdrawn on the FAQ's own page).
    await decideAnswer(service, {
      agencyId: "demo",
      answerId: answer.id,
      action: "withdraw",
      reason: "เก่า",
      actor: approver,
      topicUrl,
    });
    const entry = await service.handle.db
      .selectFrom("faq_entries")
      .select("status")
      .where("id", "=", first.faqEntryId)
      .executeTakeFirstOrThrow();
    expect(entry.status).toBe("published");
    // No verified email: nothing queued.
    const { answer: quiet } = await submitted();
    await decideAnswer(service, {
      agencyId: "demo",
      answerId: quiet.id,
      action: "approve",
      actor: approver,
      topicUrl,
    });
    const none = await service.handle.db
      .selectFrom("outbox")
      .select("id")
      .where("subject_key", "=", `webboard-answer:${quiet.id}`)
      .execute();
    expect(none).toEqual([]);
  });
});
