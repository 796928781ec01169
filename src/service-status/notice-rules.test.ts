import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.js";
import { checkNotice, type NoticeInput, parseThaiTime, thaiTimeInput } from "./notice-rules.js";

const now = new Date("2026-12-07T03:00:00.000Z"); // 10:00 on 7 Dec 2569 in Thai time
const downtime = (startsAt: string, endsAt: string, extra: Partial<NoticeInput> = {}): NoticeInput => ({
  kind: "downtime",
  textTh: "ปิดปรับปรุงฐานข้อมูล",
  textEn: "Database maintenance",
  startsAt,
  endsAt,
  emergency: false,
  ...extra,
});
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? `${error.code}:${error.params.field ?? ""}` : "other";
  }
  return "none";
};

describe("the status notice rules", () => {
  it("WS-4: reads times as Thai time, in CE or BE years, and refuses impossible ones", () => {
    expect(parseThaiTime("2026-12-10T10:00", "startsAt").toISOString()).toBe("2026-12-10T03:00:00.000Z");
    expect(parseThaiTime("2569-12-10T10:00", "startsAt").toISOString()).toBe("2026-12-10T03:00:00.000Z");
    expect(thaiTimeInput("2026-12-10T03:00:00.000Z")).toBe("2026-12-10T10:00");
    for (const bad of [
      "2026-02-30T10:00",
      "2026-12-10T24:00",
      "2026-12-10",
      "10/12/2026 10:00",
      "1900-01-01T00:00",
    ])
      expect(
        codeOf(() => parseThaiTime(bad, "startsAt")),
        bad,
      ).toBe("STATUS_NOTICE_INVALID:startsAt");
  });

  it("WS-4: a downtime 24 hours ahead is accepted and shown at once; 72 hours ahead, from 48 hours before", () => {
    const exactly = checkNotice(downtime("2026-12-08T10:00", "2026-12-08T12:00"), now);
    expect(exactly.shownFrom.toISOString()).toBe(now.toISOString());
    expect(exactly.emergencyReason).toBeNull();
    const far = checkNotice(downtime("2026-12-10T10:00", "2026-12-10T13:00"), now);
    expect(far.shownFrom.toISOString()).toBe("2026-12-08T03:00:00.000Z");
  });

  it("WS-4: less than 24 hours ahead is refused unless an emergency with a reason", () => {
    expect(codeOf(() => checkNotice(downtime("2026-12-08T09:59", "2026-12-08T12:00"), now))).toBe(
      "STATUS_NOTICE_TOO_SOON:",
    );
    const noReason = downtime("2026-12-07T11:00", "2026-12-07T12:00", { emergency: true });
    expect(codeOf(() => checkNotice(noReason, now))).toBe("STATUS_NOTICE_INVALID:emergencyReason");
    const urgent = checkNotice({ ...noReason, emergencyReason: "ช่องโหว่ร้ายแรงต้องแก้ทันที" }, now);
    expect(urgent.emergencyReason).toBe("ช่องโหว่ร้ายแรงต้องแก้ทันที");
    expect(urgent.shownFrom.toISOString()).toBe(now.toISOString());
  });

  it("WS-4: an edit keeping an announced start needs no new notice; moving it earlier does", () => {
    const posted = checkNotice(downtime("2026-12-08T10:00", "2026-12-08T12:00"), now);
    const later = new Date("2026-12-08T00:00:00.000Z"); // 07:00 Thai time, 3 hours before the start
    const previous = posted;
    const edited = checkNotice(downtime("2026-12-08T10:00", "2026-12-08T13:00"), later, previous);
    expect(edited.endsAt?.toISOString()).toBe("2026-12-08T06:00:00.000Z");
    expect(edited.shownFrom.toISOString()).toBe(now.toISOString());
    expect(codeOf(() => checkNotice(downtime("2026-12-08T09:00", "2026-12-08T13:00"), later, previous))).toBe(
      "STATUS_NOTICE_TOO_SOON:",
    );
  });

  it("WS-4: refuses a wrong kind, empty or marked-up text, and an end before the start", () => {
    expect(codeOf(() => checkNotice({ ...downtime("", ""), kind: "outage" }, now))).toBe(
      "STATUS_NOTICE_INVALID:kind",
    );
    expect(codeOf(() => checkNotice({ ...downtime("", ""), textTh: "  " }, now))).toBe(
      "STATUS_NOTICE_INVALID:textTh",
    );
    expect(codeOf(() => checkNotice({ ...downtime("", ""), textEn: "<b>x</b>" }, now))).toBe(
      "STATUS_NOTICE_INVALID:textEn",
    );
    expect(codeOf(() => checkNotice(downtime("2026-12-10T10:00", "2026-12-10T09:00"), now))).toBe(
      "STATUS_NOTICE_INVALID:endsAt",
    );
    expect(codeOf(() => checkNotice(downtime("", "2026-12-10T09:00"), now))).toBe(
      "STATUS_NOTICE_INVALID:startsAt",
    );
    const info = checkNotice({ ...downtime("", ""), kind: "information" }, now);
    expect([info.startsAt.toISOString(), info.endsAt, info.shownFrom.toISOString()]).toEqual([
      now.toISOString(),
      null,
      now.toISOString(),
    ]);
  });
});
