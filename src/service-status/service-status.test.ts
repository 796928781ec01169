import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { DEMO_AGENCY, initAgency } from "../agencies/index.js";
import { fixedClock } from "../platform/clock.js";
import { createNoticeCache, postNotice, recordNoticeAction } from "./index.js";

const START = "2026-12-07T03:00:00.000Z"; // 10:00 on 7 Dec 2569, Thai time

describe.each(testDialects())("service status notices on %s", (dialect) => {
  const clock = fixedClock(START);
  let service: TestService;
  let admin: OfficeClient;
  let officer: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    const staff = (roles: string[], email: string) =>
      signedInOfficer(service.app, service.handle, clock, "demo", email, roles).then((s) => s.client);
    admin = await staff(["admin"], "status.admin@demo.go.th");
    officer = await staff(["saraban_officer"], "status.officer@demo.go.th");
    await admin.get("/office/service-status");
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  const page = (url: string) =>
    service.app.inject({ url, headers: { accept: "text/html", "accept-language": "th" } });
  const statusJson = async () =>
    (await service.app.inject({ url: "/status.json" })).json() as {
      status: string;
      notices: { id: string; kind: string; state: string; emergency: boolean; text: { th: string } }[];
    };
  const notices = () => service.handle.db.selectFrom("service_notices").selectAll().execute();
  const audits = (action: string) =>
    service.handle.db.selectFrom("audit_events").selectAll().where("action", "=", action).execute();
  const PUBLIC_PAGES = ["/", "/services/shop-permit", "/licences", "/verify", "/services/no-such-service"];

  it("WS-4: a planned downtime is shown from 48 hours before it, on every public page and in /status.json, and not after it ends", async () => {
    clock.set(START);
    const posted = await admin.post("/office/service-status", {
      kind: "downtime",
      textTh: "ปิดปรับปรุงระบบฐานข้อมูล",
      textEn: "Database upgrade",
      startsAt: "2569-12-10T10:00",
      endsAt: "2026-12-10T13:00",
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain("บันทึกประกาศแล้ว");
    const [row] = await notices();
    expect(row?.shown_from).toBe("2026-12-08T03:00:00.000Z");
    expect((await audits("service-status.post")).map((a) => a.subject_id)).toEqual([row?.id]);

    clock.set("2026-12-08T02:59:00.000Z"); // a minute before the 48-hour window
    expect((await page("/")).body).not.toContain("data-status-banner");
    expect(await statusJson()).toMatchObject({ status: "ok", notices: [] });

    clock.set("2026-12-08T03:00:00.000Z");
    for (const url of PUBLIC_PAGES) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(url.includes("no-such") ? 404 : 200);
      expect(res.body, url).toContain('role="status" data-status-banner="notice"');
      expect(res.body, url).toContain(
        "ประกาศปิดปรับปรุงระบบตามแผน ตั้งแต่ 10 ธันวาคม 2569 เวลา 10:00 น. ถึง 10 ธันวาคม 2569 เวลา 13:00 น.",
      );
    }
    const upcoming = await statusJson();
    expect(upcoming.status).toBe("downtime-planned");
    expect(upcoming.notices).toMatchObject([
      { id: row?.id, kind: "downtime", state: "upcoming", emergency: false },
    ]);

    clock.set("2026-12-10T04:00:00.000Z"); // 11:00 Thai time: under way, and the pages still work
    const during = await page("/services/shop-permit");
    expect(during.statusCode).toBe(200);
    expect(during.body).toContain('role="alert" data-status-banner="outage"');
    expect((await statusJson()).notices[0]?.state).toBe("current");

    clock.set("2026-12-10T06:00:00.000Z"); // 13:00: over
    expect((await page("/")).body).not.toContain("data-status-banner");
    expect((await statusJson()).notices).toEqual([]);
  });

  it("WS-4: a downtime less than 24 hours ahead is refused with the reason and writes nothing; as an emergency with a reason it is accepted and audited", async () => {
    clock.set(START);
    const before = (await notices()).length;
    const soon = {
      kind: "downtime",
      textTh: "แก้ไขด่วน",
      textEn: "Urgent fix",
      startsAt: "2026-12-07T20:00",
      endsAt: "2026-12-07T21:00",
    };
    const refused = await admin.post("/office/service-status", soon);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("ต้องประกาศล่วงหน้าอย่างน้อย 24 ชั่วโมง");
    const noReason = await admin.post("/office/service-status", { ...soon, emergency: "on" });
    expect(noReason.statusCode).toBe(422);
    expect((await notices()).length).toBe(before);

    const urgent = await admin.post("/office/service-status", {
      ...soon,
      emergency: "on",
      emergencyReason: "แก้ช่องโหว่ความปลอดภัยร้ายแรง",
    });
    expect(urgent.statusCode).toBe(200);
    const row = (await notices()).find((n) => n.text_th === "แก้ไขด่วน");
    expect(row?.emergency_reason).toBe("แก้ช่องโหว่ความปลอดภัยร้ายแรง");
    const audit = (await audits("service-status.post")).find((a) => a.subject_id === row?.id);
    expect(JSON.parse(audit!.data)).toMatchObject({ kind: "downtime", emergency: true });
    expect(audit!.data).not.toContain("ช่องโหว่");
    expect((await statusJson()).notices.find((n) => n.id === row?.id)).toMatchObject({ emergency: true });
    await admin.post(`/office/service-status/${row?.id}/withdraw`);
  });

  it("WS-4: JSON API responses carry Service-Status and a Link to /status.json while a notice is shown; edits and withdrawals are audited and take effect at once", async () => {
    clock.set(START);
    const quiet = await service.app.inject({ url: "/api/v1/services" });
    expect(quiet.statusCode).toBe(200);
    expect(quiet.headers["service-status"]).toBeUndefined();

    await admin.post("/office/service-status", {
      kind: "degraded",
      textTh: "ระบบชำระเงินช้า",
      textEn: "Payments are slow",
    });
    const row = (await notices()).find((n) => n.text_th === "ระบบชำระเงินช้า")!;
    const api = await service.app.inject({ url: "/api/v1/services" });
    expect(api.headers["service-status"]).toBe("degraded");
    expect(api.headers.link).toBe('</status.json>; rel="service-status"; type="application/json"');
    const missing = await service.app.inject({ url: "/api/v1/services/no-such-service" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["service-status"]).toBe("degraded");
    const json = await service.app.inject({ url: "/status.json" });
    expect(json.headers["access-control-allow-origin"]).toBe("*");
    expect(Object.keys((await service.app.inject({ url: "/docs/json" })).json().paths)).toContain(
      "/status.json",
    );
    expect(json.headers["set-cookie"]).toBeUndefined();
    const office = await officer.get("/office/register");
    expect(office.body).toContain('role="alert" data-status-banner="outage"');
    const en = await service.app.inject({ url: "/?lang=en", headers: { accept: "text/html" } });
    expect(en.body).toContain("Some services are disrupted — Payments are slow");

    const edited = await admin.post(`/office/service-status/${row.id}`, {
      kind: "degraded",
      textTh: "ระบบชำระเงินช้ามาก",
      textEn: "Payments are very slow",
    });
    expect(edited.statusCode).toBe(200);
    expect((await page("/")).body).toContain("ระบบชำระเงินช้ามาก");
    expect((await audits("service-status.edit")).map((a) => a.subject_id)).toContain(row.id);

    expect((await admin.post(`/office/service-status/${row.id}/withdraw`)).statusCode).toBe(200);
    expect((await page("/")).body).not.toContain("ระบบชำระเงินช้า");
    expect((await service.app.inject({ url: "/api/v1/services" })).headers["service-status"]).toBeUndefined();
    expect((await audits("service-status.withdraw")).map((a) => a.subject_id)).toContain(row.id);
    const again = await admin.post(`/office/service-status/${row.id}/withdraw`);
    expect(again.statusCode).toBe(409);
    expect(
      (
        await admin.post(`/office/service-status/${row.id}`, {
          kind: "information",
          textTh: "ก",
          textEn: "a",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("WS-4: only admins reach the page; without the CSRF token nothing is posted", async () => {
    clock.set(START);
    expect((await officer.get("/office/service-status")).statusCode).toBe(403);
    const before = (await notices()).length;
    const forbidden = await officer.post("/office/service-status", {
      kind: "information",
      textTh: "ก",
      textEn: "a",
    });
    expect(forbidden.statusCode).toBe(403);
    const noCsrf = await admin.post(
      "/office/service-status",
      { kind: "information", textTh: "ก", textEn: "a" },
      { csrf: null },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await admin.get("/office/service-status/no-such-notice")).statusCode).toBe(404);
    expect((await notices()).length).toBe(before);
    const menu = await admin.get("/office/register");
    expect(menu.body).toContain('href="/office/service-status"');
  });

  it("WS-4: one agency's notice is not shown on another's pages, and its id is not found from another's office", async () => {
    clock.set(START);
    await initAgency(
      service.handle,
      {
        ...DEMO_AGENCY,
        id: "other",
        domain: "other.go.th",
        hostnames: ["other.test"],
        centralEmail: "saraban@other.go.th",
      },
      { clock, actor: "test" },
    );
    const info = {
      kind: "information",
      textTh: "ประกาศของอีกหน่วยงาน",
      textEn: "Other agency",
      emergency: false,
    };
    const theirs = await postNotice({ handle: service.handle, clock }, "other", info, { actor: "test" });
    expect((await page("/a/other/")).body).toContain("ประกาศของอีกหน่วยงาน");
    expect((await page("/")).body).not.toContain("ประกาศของอีกหน่วยงาน");
    expect((await admin.get(`/office/service-status/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.post(`/office/service-status/${theirs.id}/withdraw`)).statusCode).toBe(404);
    expect((await notices()).find((n) => n.id === theirs.id)?.status).toBe("active");
  });

  it("WS-4: a change made elsewhere (another process) shows within the cache's few seconds, never later", async () => {
    clock.set(START);
    const deps = { handle: service.handle, clock };
    const cache = createNoticeCache(service.handle.db, clock, 50);
    const info = { kind: "information", textTh: "ทดสอบแคช", textEn: "Cache test", emergency: false };
    const posted = await postNotice(deps, "demo", info, { actor: "test" });
    expect((await cache.shown("demo")).map((s) => s.notice.id)).toContain(posted.id);
    await recordNoticeAction(deps, "demo", posted.id, { action: "withdraw" }, { actor: "test" });
    expect((await cache.shown("demo")).map((s) => s.notice.id)).toContain(posted.id); // still cached
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await cache.shown("demo")).map((s) => s.notice.id)).not.toContain(posted.id);
  });
});
