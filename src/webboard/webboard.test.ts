import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen, type TestCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { newId } from "../platform/ids.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
let hour = 0;
/** Each block posts in an hour of its own, so the flood limits of one never refuse another's posts. */
const nextHour = () => clock.set(new Date(Date.parse("2026-12-07T03:00:00.000Z") + ++hour * 3_600_000));

describe.each(testDialects())("the public webboard on %s", (dialect) => {
  let service: TestService;
  let citizen: TestCitizen;
  let n = 0;
  const newCitizen = (
    input: { email?: string; phone?: string; nationalId?: string } = { email: `c${++n}@example.th` },
  ) =>
    signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      ...input,
    });
  const open = async (who: TestCitizen, title: string, body: string, extra: Record<string, string> = {}) => {
    await who.client.get("/webboard/new");
    return who.client.post("/webboard/new", { title, body, ...extra });
  };
  const nextHourCitizen = () => {
    nextHour();
    return newCitizen();
  };
  const topicIdOf = (location: unknown) => String(location).split("/").pop()!;
  const publicGet = (url: string) => service.app.inject({ url });
  const countRows = async (table: "webboard_topics" | "webboard_posts" | "audit_events") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    citizen = await newCitizen();
  });
  afterAll(() => service?.stop());

  it("WB-2: anyone reads without an account; posting asks to sign in, with a way back", async () => {
    citizen = await nextHourCitizen();
    expect((await publicGet("/webboard")).statusCode).toBe(200);
    const form = await publicGet("/webboard/new");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`/account/sign-in?return=${encodeURIComponent("/webboard/new")}`);
    const post = await service.app.inject({
      method: "POST",
      url: "/webboard/new",
      payload: { title: "x", body: "y" },
    });
    expect(post.statusCode).toBe(401);
    expect(await countRows("webboard_topics")).toBe(0);
  });

  it("WB-2: an account without a verified contact may not post; one with an email, a phone or ThaiD may", async () => {
    citizen = await nextHourCitizen();
    const unverified = await newCitizen({});
    expect((await unverified.client.get("/webboard/new")).statusCode).toBe(403);
    const refused = await unverified.client.post("/webboard/new", { title: "คำถาม", body: "ขอสอบถาม" });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('data-code="WEBBOARD_CONTACT_UNVERIFIED"');
    expect(await countRows("webboard_topics")).toBe(0);
    for (const who of [
      await newCitizen(),
      await newCitizen({ phone: "0812345678" }),
      await newCitizen({ nationalId: "1101700203451" }),
    ]) {
      const res = await open(who, "ขอสอบถามเรื่องใบอนุญาต", "ต้องใช้เอกสารอะไรบ้าง", { service: "shop-permit" });
      expect(res.statusCode).toBe(303);
    }
    const topics = (await publicGet("/webboard.json?service=shop-permit")).json() as { topics: unknown[] };
    expect(topics.topics).toHaveLength(3);
  });

  it("keeps script as inert text, composes SARA AM and strips zero-width characters; the CSRF token is required", async () => {
    citizen = await nextHourCitizen();
    expect(
      (await citizen.client.post("/webboard/new", { title: "t", body: "b" }, { csrf: "forged" })).statusCode,
    ).toBe(403);
    const res = await open(citizen, "ท\u0E4D\u0E32ไม<b>ช้า</b>", 'คำ\u200Bถาม <script>alert("x")</script>');
    expect(res.statusCode).toBe(303);
    const page = await publicGet(`/webboard/topics/${topicIdOf(res.headers.location)}`);
    expect(page.body).toContain("ทำไม&lt;b&gt;ช้า&lt;/b&gt;");
    expect(page.body).toContain("คำถาม &lt;script&gt;");
    expect(page.body).not.toContain("<script>");
    const found = (await publicGet(`/webboard.json?q=${encodeURIComponent("ทำไม")}`)).json() as {
      topics: { id: string }[];
    };
    expect(found.topics.map((t) => t.id)).toContain(topicIdOf(res.headers.location));
  });

  it("refuses a link with the reason and keeps what was typed; nothing is written", async () => {
    citizen = await nextHourCitizen();
    const before = await countRows("webboard_posts");
    const res = await open(citizen, "ติดต่อเจ้าหน้าที่", "กรอกรหัสที่ secure-bank-login.com ด่วน");
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('data-code="WEBBOARD_LINK_REFUSED"');
    expect(res.body).toContain("ติดต่อเจ้าหน้าที่");
    expect(res.body).toContain("secure-bank-login.com ด่วน</textarea>");
    expect(await countRows("webboard_posts")).toBe(before);
  });

  it("limits floods: 5 topics an hour per account, even when sent at once, with the time to wait", async () => {
    citizen = await nextHourCitizen();
    const flooder = await newCitizen();
    await flooder.client.get("/webboard/new");
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        flooder.client.post("/webboard/new", { title: `หัวข้อ ${i}`, body: "ข้อความ" }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 303)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(3);
    const refused = results.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const mine = await service.handle.db
      .selectFrom("webboard_topics")
      .select("id")
      .where("author_account_id", "=", flooder.accountId)
      .execute();
    expect(mine).toHaveLength(5);
  });

  it("WB-4: an answer not published never appears in the page, the JSON, the feed or the search; a published one does, with its citation and the unit's contact", async () => {
    citizen = await nextHourCitizen();
    const res = await open(citizen, "ค่าธรรมเนียมใบอนุญาต", "ค่าธรรมเนียมเท่าไร");
    const topicId = topicIdOf(res.headers.location);
    const unit = await service.handle.db
      .selectFrom("units")
      .select("id")
      .where("code", "=", "permits")
      .executeTakeFirstOrThrow();
    const answer = (status: "draft" | "submitted" | "published", body: string) => ({
      id: newId(),
      agency_id: "demo",
      topic_id: topicId,
      unit_id: unit.id,
      drafted_by: "staff-x",
      body,
      regulation: "กฎกระทรวง พ.ศ. 2565",
      regulation_effective_on: "2022-03-01",
      holds_as_of: "2026-12-01",
      status,
      decided_by: null,
      decided_at: null,
      return_reason: null,
      faq_entry_id: null,
      created_at: clock.now().toISOString(),
      updated_at: clock.now().toISOString(),
      published_at: status === "published" ? clock.now().toISOString() : null,
    });
    await service.handle.db
      .insertInto("webboard_answers")
      .values([answer("draft", "ร่างคำตอบลับเฉพาะ"), answer("submitted", "รออนุมัติพิเศษ")])
      .execute();
    const { reindexWebboardTopic } = await import("./webboard-search.js");
    await reindexWebboardTopic(service.handle.db, topicId);
    const surfaces = async () =>
      [
        (await publicGet(`/webboard/topics/${topicId}`)).body,
        (await publicGet(`/webboard/topics/${topicId}.json`)).body,
        (await publicGet("/webboard.atom")).body,
        (await publicGet("/webboard.json")).body,
      ].join("\n");
    expect(await surfaces()).not.toMatch(/ร่างคำตอบลับเฉพาะ|รออนุมัติพิเศษ/);
    expect(
      ((await publicGet(`/webboard.json?q=${encodeURIComponent("ลับเฉพาะ")}`)).json() as { topics: unknown[] })
        .topics,
    ).toHaveLength(0);
    await service.handle.db
      .insertInto("webboard_answers")
      .values(answer("published", "ค่าธรรมเนียมฉบับละ 500 บาท"))
      .execute();
    await reindexWebboardTopic(service.handle.db, topicId);
    const page = (await publicGet(`/webboard/topics/${topicId}`)).body;
    expect(page).toContain("ค่าธรรมเนียมฉบับละ 500 บาท");
    expect(page).toContain("2565"); // the effective date in BE
    expect(page).toContain("งานอนุญาต");
    expect(page).toContain("02 123 4567");
    expect(page).not.toMatch(/ร่างคำตอบลับเฉพาะ|รออนุมัติพิเศษ/);
  });

  it("hiding a post removes its text from the page, the JSON and the search, shows the reason, and restoring brings it back", async () => {
    citizen = await nextHourCitizen();
    const res = await open(citizen, "เรื่องร้องเรียน", "ข้อความหยาบคายพิเศษ");
    const topicId = topicIdOf(res.headers.location);
    const reporter = await newCitizen();
    await reporter.client.get(`/webboard/topics/${topicId}`);
    expect(
      (await reporter.client.post(`/webboard/topics/${topicId}/report`, { reason: "ไม่สุภาพ" })).statusCode,
    ).toBe(303);
    expect(
      (await reporter.client.post(`/webboard/topics/${topicId}/report`, { reason: "ซ้ำ" })).statusCode,
    ).toBe(409);
    const { client: reviewer } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      `r${dialect}@demo.go.th`,
      ["reviewer"],
    );
    expect((await reviewer.get("/office/webboard/moderation")).statusCode).toBe(403);
    const { client: mod } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      `m${dialect}@demo.go.th`,
      ["saraban_officer"],
    );
    const modPage = await mod.get("/office/webboard/moderation");
    expect(modPage.statusCode).toBe(200);
    expect(modPage.body).toContain("ไม่สุภาพ");
    const post = await service.handle.db
      .selectFrom("webboard_posts")
      .select("id")
      .where("topic_id", "=", topicId)
      .executeTakeFirstOrThrow();
    expect(
      (await mod.post(`/office/webboard/moderation/post.hide/${post.id}`, { reason: "" })).statusCode,
    ).toBe(422);
    expect(
      (await mod.post(`/office/webboard/moderation/post.hide/${post.id}`, { reason: "ถ้อยคำไม่สุภาพ" }))
        .statusCode,
    ).toBe(303);
    const page = (await publicGet(`/webboard/topics/${topicId}`)).body;
    expect(page).not.toContain("หยาบคายพิเศษ");
    expect(page).toContain("ถ้อยคำไม่สุภาพ");
    expect((await publicGet(`/webboard/topics/${topicId}.json`)).body).not.toContain("หยาบคายพิเศษ");
    expect(
      ((await publicGet(`/webboard.json?q=${encodeURIComponent("หยาบคาย")}`)).json() as { topics: unknown[] })
        .topics,
    ).toHaveLength(0);
    const topic = await service.handle.db
      .selectFrom("webboard_topics")
      .select("post_count")
      .where("id", "=", topicId)
      .executeTakeFirstOrThrow();
    expect(Number(topic.post_count)).toBe(0);
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "webboard.post.hide")
      .where("subject_id", "=", post.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect((await mod.post(`/office/webboard/moderation/post.restore/${post.id}`)).statusCode).toBe(303);
    expect((await publicGet(`/webboard/topics/${topicId}`)).body).toContain("หยาบคายพิเศษ");
  });

  it("a hidden topic leaves the list, the feed and the search; a closed one takes no replies", async () => {
    citizen = await nextHourCitizen();
    const res = await open(citizen, "หัวข้อจะถูกซ่อนพิเศษ", "เนื้อหา");
    const topicId = topicIdOf(res.headers.location);
    const { client: mod } = await signedInOfficer(
      service.app,
      service.handle,
      clock,
      "demo",
      `s${dialect}@demo.go.th`,
      ["supervisor"],
    );
    await mod.get("/office/webboard/moderation");
    const modTopic = await mod.get(`/office/webboard/moderation/topics/${topicId}`);
    expect(modTopic.statusCode).toBe(200);
    expect(modTopic.body).toContain(`/office/webboard/moderation/topic.close/${topicId}`);
    expect((await mod.post(`/office/webboard/moderation/topic.close/${topicId}`)).statusCode).toBe(303);
    await citizen.client.get(`/webboard/topics/${topicId}`);
    expect((await citizen.client.post(`/webboard/topics/${topicId}/reply`, { body: "ตอบ" })).statusCode).toBe(
      409,
    );
    expect(
      (await mod.post(`/office/webboard/moderation/topic.hide/${topicId}`, { reason: "สแปม" })).statusCode,
    ).toBe(303);
    for (const url of [
      "/webboard",
      "/webboard.json",
      "/webboard.atom",
      `/webboard.json?q=${encodeURIComponent("ซ่อนพิเศษ")}`,
    ])
      expect((await publicGet(url)).body).not.toContain("จะถูกซ่อนพิเศษ");
    const page = await publicGet(`/webboard/topics/${topicId}`);
    expect(page.body).toContain("สแปม");
    expect(page.body).not.toContain("จะถูกซ่อนพิเศษ");
  });
});
