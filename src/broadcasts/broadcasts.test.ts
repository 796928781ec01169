import { describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { lineEnv } from "../../test/line-webhook.js";
import { stepUp } from "../../test/office.js";
import { withTransaction } from "../platform/db/database.js";
import { findBroadcast } from "./broadcasts.repo.js";
import { broadcastActs, useBroadcastSuite } from "./broadcasts.test-kit.js";
import { recordBroadcastAction } from "./record-broadcast-action.js";
import { sendBroadcast } from "./send-broadcast.js";

describe.each(testDialects())("LINE broadcasts' workflow on %s", (dialect) => {
  const suite = useBroadcastSuite(dialect);
  const { clock } = suite;
  const { draft, act, statusOf, approved } = broadcastActs(suite);
  const officer = async (email: string) => {
    const row = await suite.service.handle.db
      .selectFrom("staff")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return { kind: "staff" as const, staffId: row.id, roles: ["supervisor" as const] };
  };

  it("CH-10: a broadcast cannot be sent unapproved through any route or the send function; LINE records nothing", async () => {
    const before = suite.line.broadcasts.length;
    const id = await draft(suite.writer);
    const tries = async () => {
      for (const who of [suite.writer, suite.chiefA, suite.chiefB]) {
        const res = await act(who, id, "send");
        expect(res.statusCode).toBe(409);
      }
      await expect(
        sendBroadcast(
          { handle: suite.service.handle, clock, env: lineEnv(suite.line) },
          { agencyId: "demo", broadcastId: id, actor: await officer("a@demo.go.th") },
        ),
      ).rejects.toMatchObject({ code: "BROADCAST_NOT_APPROVED" });
      // Nor can anyone record it sent or sending by hand: those acts are Borikan's own, from `sending`.
      await expect(
        withTransaction(suite.service.handle, async (trx) =>
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
    expect((await act(suite.writer, id, "submit")).statusCode).toBe(303);
    await tries();
    expect((await act(suite.chiefA, id, "return", { reason: "แก้วันที่" })).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("returned");
    await tries();
    expect((await act(suite.writer, id, "cancel")).statusCode).toBe(303);
    await tries();
    expect(suite.line.broadcasts.length).toBe(before);
  });

  it("CH-10: neither the author nor the last editor may approve; a writer without the role may not either", async () => {
    const id = await draft(suite.chiefA);
    expect((await act(suite.chiefA, id, "submit")).statusCode).toBe(303);
    const own = await act(suite.chiefA, id, "approve");
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain("อนุมัติหรือส่งกลับข้อความของตนเองไม่ได้");
    const unstepped = await act(suite.writer, id, "approve");
    expect(String(unstepped.headers.location)).toContain("/office/step-up");
    await stepUp(suite.writer, clock);
    expect((await act(suite.writer, id, "approve")).statusCode).toBe(403);
    expect(await statusOf(id)).toBe("submitted");
    // B edits it (back to draft): now B is the last editor and A the author — neither may approve.
    expect(
      (await act(suite.chiefB, id, "edit", { title: "ปิดบริการ", textTh: "แก้ไขแล้ว", textEn: "" })).statusCode,
    ).toBe(303);
    expect((await act(suite.chiefB, id, "submit")).statusCode).toBe(303);
    expect((await act(suite.chiefB, id, "approve")).statusCode).toBe(403);
    expect((await act(suite.chiefA, id, "approve")).statusCode).toBe(403);
    expect(await statusOf(id)).toBe("submitted");
    const page = await suite.chiefB.get(`/office/broadcasts/${id}`);
    expect(page.body).not.toContain(`/office/broadcasts/${id}/approve"`);
  });

  it("CH-10: an edit after approval sends it back to draft; changed content can never go out as approved", async () => {
    const id = await approved();
    expect(
      (await act(suite.writer, id, "edit", { title: "ปิดบริการ", textTh: "ข้อความใหม่", textEn: "" })).statusCode,
    ).toBe(303);
    const edited = await findBroadcast(suite.service.handle.db, "demo", id);
    expect(edited).toMatchObject({ status: "draft", approvedHash: null, approvedBy: null });
    expect((await act(suite.writer, id, "send")).statusCode).toBe(409);
    // Content changed behind the workflow's back (not through an edit) is refused by the hash.
    const other = await approved();
    await suite.service.handle.db
      .updateTable("broadcasts")
      .set({ text_th: "แอบแก้" })
      .where("id", "=", other)
      .execute();
    const res = await act(suite.writer, other, "send");
    expect(res.statusCode).toBe(409);
    expect(
      suite.line.broadcasts.some((b) => b.messages.some((m) => m.text === "แอบแก้" || m.text === "ข้อความใหม่")),
    ).toBe(false);
  });

  it("CH-10: a failure is recorded with LINE's reason; sending again, even after a lost answer, sends once", async () => {
    const id = await approved();
    suite.line.failBroadcasts(1, 500);
    expect((await act(suite.writer, id, "send")).statusCode).toBe(303);
    const failed = await findBroadcast(suite.service.handle.db, "demo", id);
    expect(failed?.status).toBe("failed");
    expect(failed?.failure).toContain("500");
    expect(suite.line.broadcasts.filter((b) => b.retryKey === id)).toHaveLength(0);
    expect((await act(suite.writer, id, "send")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("sent");
    const sent = suite.line.broadcasts.filter((b) => b.retryKey === id);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.messages.map((m) => m.text)).toEqual([
      "ประกาศ: ปิดให้บริการวันที่ 10 ธันวาคม",
      "Closed on 10 December",
    ]);
    expect((await act(suite.writer, id, "send")).statusCode).toBe(409);
    // LINE took it but its answer was lost: the same retry key makes LINE answer 409 and send nothing.
    await suite.service.handle.db
      .updateTable("broadcasts")
      .set({ status: "failed" })
      .where("id", "=", id)
      .execute();
    expect((await act(suite.writer, id, "send")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("sent");
    expect(suite.line.broadcasts.filter((b) => b.retryKey === id)).toHaveLength(1);
    const events = await suite.service.handle.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["broadcast.approve", "broadcast.send", "broadcast.sent", "broadcast.fail"]),
    );
  });
});
