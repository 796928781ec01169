import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, lineEnv } from "../../test/line-webhook.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { findBroadcast } from "./broadcasts.repo.js";
import { recordBroadcastAction } from "./record-broadcast-action.js";
import { sendBroadcast } from "./send-broadcast.js";

const idFrom = (location: unknown) => /broadcasts\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? "";
const versionIn = (body: string) => /name="expectedVersion" value="(\d+)"/.exec(body)?.[1] ?? "";

describe.each(testDialects())("LINE broadcasts on %s", (dialect) => {
  const clock = fixedClock("2026-12-07T03:00:00.000Z");
  let service: TestService;
  let line: FakeLine;
  let writer: OfficeClient;
  let chiefA: OfficeClient;
  let chiefB: OfficeClient;
  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, { clock, env: lineEnv(line) });
    await connectLine(service, line, clock.now());
    const w = await signedInOfficer(service.app, service.handle, clock, "demo", "w@demo.go.th", [
      "saraban_officer",
    ]);
    writer = w.client;
    chiefA = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "a@demo.go.th", ["supervisor"])
    ).client;
    chiefB = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "b@demo.go.th", ["head_of_agency"])
    ).client;
    await stepUp(chiefA, clock);
    await stepUp(chiefB, clock);
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  const draft = async (who: OfficeClient, textTh = "ประกาศ: ปิดให้บริการวันที่ 10 ธันวาคม") => {
    await who.get("/office/broadcasts/new");
    const res = await who.post("/office/broadcasts", {
      title: "ปิดบริการ",
      textTh,
      textEn: "Closed on 10 December",
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    return idFrom(res.headers.location);
  };
  const act = async (who: OfficeClient, id: string, action: string, form: Record<string, string> = {}) => {
    const page = await who.get(`/office/broadcasts/${id}`);
    return who.post(`/office/broadcasts/${id}/${action}`, { expectedVersion: versionIn(page.body), ...form });
  };
  const statusOf = async (id: string) => (await findBroadcast(service.handle.db, "demo", id))?.status;
  const approved = async () => {
    const id = await draft(writer);
    expect((await act(writer, id, "submit")).statusCode).toBe(303);
    expect((await act(chiefA, id, "approve")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("approved");
    return id;
  };
  const officer = async (email: string) => {
    const row = await service.handle.db
      .selectFrom("staff")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return { kind: "staff" as const, staffId: row.id, roles: ["supervisor" as const] };
  };

  it("CH-10: a broadcast cannot be sent unapproved through any route or the send function; LINE records nothing", async () => {
    const before = line.broadcasts.length;
    const id = await draft(writer);
    const tries = async () => {
      for (const who of [writer, chiefA, chiefB]) {
        const res = await act(who, id, "send");
        expect(res.statusCode).toBe(409);
      }
      await expect(
        sendBroadcast(
          { handle: service.handle, clock, env: lineEnv(line) },
          { agencyId: "demo", broadcastId: id, actor: await officer("a@demo.go.th") },
        ),
      ).rejects.toMatchObject({ code: "BROADCAST_NOT_APPROVED" });
      // Nor can anyone record it sent or sending by hand: those acts are Borikan's own, from `sending`.
      await expect(
        withTransaction(service.handle, async (trx) =>
          recordBroadcastAction(trx, {
            agencyId: "demo",
            broadcastId: id,
            action: "sent",
            actor: { kind: "system", name: "x" },
            at: clock.now(),
          }),
        ),
      ).rejects.toMatchObject({ code: "BROADCAST_ACTION_NOT_ALLOWED" });
    };
    await tries();
    expect((await act(writer, id, "submit")).statusCode).toBe(303);
    await tries();
    expect((await act(chiefA, id, "return", { reason: "แก้วันที่" })).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("returned");
    await tries();
    expect((await act(writer, id, "cancel")).statusCode).toBe(303);
    await tries();
    expect(line.broadcasts.length).toBe(before);
  });

  it("CH-10: neither the author nor the last editor may approve; a writer without the role may not either", async () => {
    const id = await draft(chiefA);
    expect((await act(chiefA, id, "submit")).statusCode).toBe(303);
    const own = await act(chiefA, id, "approve");
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain("อนุมัติหรือส่งกลับข้อความของตนเองไม่ได้");
    const unstepped = await act(writer, id, "approve");
    expect(String(unstepped.headers.location)).toContain("/office/step-up");
    await stepUp(writer, clock);
    expect((await act(writer, id, "approve")).statusCode).toBe(403);
    expect(await statusOf(id)).toBe("submitted");
    // B edits it (back to draft): now B is the last editor and A the author — neither may approve.
    expect(
      (await act(chiefB, id, "edit", { title: "ปิดบริการ", textTh: "แก้ไขแล้ว", textEn: "" })).statusCode,
    ).toBe(303);
    expect((await act(chiefB, id, "submit")).statusCode).toBe(303);
    expect((await act(chiefB, id, "approve")).statusCode).toBe(403);
    expect((await act(chiefA, id, "approve")).statusCode).toBe(403);
    expect(await statusOf(id)).toBe("submitted");
    const page = await chiefB.get(`/office/broadcasts/${id}`);
    expect(page.body).not.toContain(`/office/broadcasts/${id}/approve"`);
  });

  it("CH-10: an edit after approval sends it back to draft; changed content can never go out as approved", async () => {
    const id = await approved();
    expect(
      (await act(writer, id, "edit", { title: "ปิดบริการ", textTh: "ข้อความใหม่", textEn: "" })).statusCode,
    ).toBe(303);
    const edited = await findBroadcast(service.handle.db, "demo", id);
    expect(edited).toMatchObject({ status: "draft", approvedHash: null, approvedBy: null });
    expect((await act(writer, id, "send")).statusCode).toBe(409);
    // Content changed behind the workflow's back (not through an edit) is refused by the hash.
    const other = await approved();
    await service.handle.db
      .updateTable("broadcasts")
      .set({ text_th: "แอบแก้" })
      .where("id", "=", other)
      .execute();
    const res = await act(writer, other, "send");
    expect(res.statusCode).toBe(409);
    expect(
      line.broadcasts.some((b) => b.messages.some((m) => m.text === "แอบแก้" || m.text === "ข้อความใหม่")),
    ).toBe(false);
  });

  it("CH-10: a failure is recorded with LINE's reason; sending again, even after a lost answer, sends once", async () => {
    const id = await approved();
    line.failBroadcasts(1, 500);
    expect((await act(writer, id, "send")).statusCode).toBe(303);
    const failed = await findBroadcast(service.handle.db, "demo", id);
    expect(failed?.status).toBe("failed");
    expect(failed?.failure).toContain("500");
    expect(line.broadcasts.filter((b) => b.retryKey === id)).toHaveLength(0);
    expect((await act(writer, id, "send")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("sent");
    const sent = line.broadcasts.filter((b) => b.retryKey === id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.messages.map((m) => m.text)).toEqual([
      "ประกาศ: ปิดให้บริการวันที่ 10 ธันวาคม",
      "Closed on 10 December",
    ]);
    expect((await act(writer, id, "send")).statusCode).toBe(409);
    // LINE took it but its answer was lost: the same retry key makes LINE answer 409 and send nothing.
    await service.handle.db
      .updateTable("broadcasts")
      .set({ status: "failed" })
      .where("id", "=", id)
      .execute();
    expect((await act(writer, id, "send")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("sent");
    expect(line.broadcasts.filter((b) => b.retryKey === id)).toHaveLength(1);
    const events = await service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["broadcast.approve", "broadcast.send", "broadcast.sent", "broadcast.fail"]),
    );
  });

  it("CH-10: the quota and the reach come from LINE (cached), Borikan's own count from its database; too big is refused", async () => {
    clock.set(new Date(clock.now().getTime() + 120_000));
    line.quota.limit = 1000;
    line.quota.used = 40;
    line.quota.followers = 25;
    const calls = line.quotaCalls;
    const list = await writer.get("/office/broadcasts");
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/data-testid="broadcast-quota">[\s\S]*1,000[\s\S]*40[\s\S]*960/);
    expect(list.body).toMatch(/data-testid="broadcast-reach">25</);
    await writer.get("/office/broadcasts");
    expect(line.quotaCalls).toBe(calls + 1);
    const ours = /data-testid="broadcast-ours">([^<]*)</.exec(list.body)?.[1];
    expect(ours).toMatch(/^1 ครั้ง/);
    const id = await approved();
    line.quota.used = 990;
    clock.set(new Date(clock.now().getTime() + 120_000));
    const page = await writer.get(`/office/broadcasts/${id}`);
    expect(page.body).not.toContain(`/office/broadcasts/${id}/send"`);
    const before = line.broadcasts.length;
    const res = await writer.post(`/office/broadcasts/${id}/send`, { expectedVersion: versionIn(page.body) });
    expect(res.statusCode).toBe(409);
    expect(line.broadcasts.length).toBe(before);
    expect(await statusOf(id)).toBe("approved");
  });

  it("CH-10: an unconfigured LINE channel says so and offers no send button; sending is refused", async () => {
    line.quota.used = 0;
    const id = await approved();
    await service.handle.db
      .updateTable("line_channels")
      .set({ enabled: 0 })
      .where("agency_id", "=", "demo")
      .execute();
    clock.set(new Date(clock.now().getTime() + 120_000));
    const page = await writer.get(`/office/broadcasts/${id}`);
    expect(page.body).toContain("ยังไม่ได้เชื่อมต่อช่องทาง LINE");
    expect(page.body).not.toContain(`/office/broadcasts/${id}/send"`);
    expect(
      (await writer.post(`/office/broadcasts/${id}/send`, { expectedVersion: versionIn(page.body) }))
        .statusCode,
    ).toBe(409);
    expect(await statusOf(id)).toBe("approved");
    await service.handle.db
      .updateTable("line_channels")
      .set({ enabled: 1 })
      .where("agency_id", "=", "demo")
      .execute();
  });

  it("CH-10: bad input is refused with a reason and writes nothing; other roles see nothing", async () => {
    const count = async () =>
      (await service.handle.db.selectFrom("broadcasts").select("id").execute()).length;
    const before = await count();
    await writer.get("/office/broadcasts/new");
    for (const form of [
      { title: "", textTh: "x", textEn: "" },
      { title: "t", textTh: "", textEn: "" },
      { title: "t", textTh: "ก".repeat(5001), textEn: "" },
    ]) {
      const res = await writer.post("/office/broadcasts", form);
      expect(res.statusCode).toBe(400);
    }
    expect(await count()).toBe(before);
    const finance = (
      await signedInOfficer(service.app, service.handle, clock, "demo", "f@demo.go.th", ["finance_officer"])
    ).client;
    expect((await finance.get("/office/broadcasts")).statusCode).toBe(403);
  });
});
