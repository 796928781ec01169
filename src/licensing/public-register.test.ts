import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { issuedLicence, LICENSING_OFFICER } from "../../test/licensing.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { withTransaction } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { indexUnindexedLicences } from "./index-unindexed-licences.js";
import type { Licence } from "./licence.js";
import { indexLicence } from "./licence-search.js";
import { findLicence } from "./licences.repo.js";
import { recordLicenceAction } from "./record-licence-action.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");

/** A copy of `base` under another number and shop name, as a back-fill would write it, indexed. */
async function otherLicence(
  service: TestService,
  base: Licence,
  shop: string,
  options: { displayed?: boolean; indexed?: boolean } = {},
) {
  const row = await service.handle.db
    .selectFrom("licences")
    .selectAll()
    .where("id", "=", base.id)
    .executeTakeFirstOrThrow();
  const id = newId();
  const fields = base.fields.map((f) => (f.key === "shop-name" ? { ...f, value: shop } : f));
  const n = Math.floor(Math.random() * 1e9);
  await withTransaction(service.handle, async (trx) => {
    await trx
      .insertInto("licences")
      .values({
        ...row,
        id,
        matter_id: null,
        series: "backfill",
        sequence: null,
        number_text: `ทส. ${n}/2568`,
        verification_code: String(n).padStart(12, "0"),
        fields: JSON.stringify(fields),
        displayed: options.displayed === false ? 0 : 1,
        origin: "backfill",
        issued_at: new Date(Date.parse(row.issued_at) - 1000).toISOString(),
      })
      .execute();
    if (options.indexed !== false) await indexLicence(trx, (await findLicence(trx, "demo", id))!);
  });
  return (await findLicence(service.handle.db, "demo", id))!;
}

describe.each(testDialects())("the public register of licences on %s", (dialect) => {
  let service: TestService;
  let licence: Licence;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    await publishTestService(service);
    ({ licence } = await issuedLicence(service, clock));
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });
  const get = (url: string) => service.app.inject({ method: "GET", url });

  it("PR-1: lists a displayed licence without sign-in, with every field printed on it, and links to it", async () => {
    const res = await get("/licences");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(licence.number);
    expect(res.body).toContain(licence.holderName);
    for (const field of licence.fields) expect(res.body).toContain(field.value);
    expect(res.body).toContain(`/licences/${licence.id}`);
    // The agency's home page leads to it.
    expect((await get("/")).body).toContain('href="/licences"');
    const page = await get(`/licences/${licence.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(licence.number);
    expect(page.body).toContain("ใช้ได้");
    // LC-3: the verification link on the agency's own origin, code and all.
    expect(page.body).toContain(`?c=${licence.verificationCode}`);
  });

  it("PR-1: Thai search finds a shop by a word of its name, and a licence by its number as printed", async () => {
    const noodle = await otherLicence(service, licence, "ร้านก๋วยเตี๋ยวเรือป้าแดง");
    const found = await get(`/licences?q=${encodeURIComponent("ก๋วยเตี๋ยว")}`);
    expect(found.body).toContain(noodle.number);
    expect(found.body).not.toContain(licence.number);
    // Issuance indexed its licence in its own transaction: its shop is found at once.
    const curry = await get(`/licences?q=${encodeURIComponent("ข้าวแกง")}`);
    expect(curry.body).toContain(licence.number);
    expect(curry.body).not.toContain(noodle.number);
    const byNumber = await get(`/licences?q=${encodeURIComponent(noodle.number)}`);
    expect(byNumber.body).toContain(noodle.number);
    expect(byNumber.body).not.toContain(licence.number);
    const none = await get(`/licences?q=${encodeURIComponent("สุกี้")}`);
    expect(none.body).toContain("ไม่พบใบอนุญาต");
  });

  it("PR-1: an edition written without its words is found once the worker's sweep has indexed it", async () => {
    const stray = await otherLicence(service, licence, "ร้านโจ๊กหมูสับ", { indexed: false });
    const query = `/licences?q=${encodeURIComponent("โจ๊ก")}`;
    expect((await get(query)).body).not.toContain(stray.number);
    expect(await indexUnindexedLicences(service.handle, clock.now())).toBe(1);
    expect((await get(query)).body).toContain(stray.number);
    expect(await indexUnindexedLicences(service.handle, clock.now())).toBe(0);
  });

  it("PR-1: a licence not to be displayed, or of no such id, is not found", async () => {
    const hidden = await otherLicence(service, licence, "ร้านลับเฉพาะ", { displayed: false });
    expect((await get(`/licences?q=${encodeURIComponent("ลับเฉพาะ")}`)).body).not.toContain(hidden.number);
    expect((await get(`/licences/${hidden.id}`)).statusCode).toBe(404);
    expect((await get(`/licences/${newId()}`)).statusCode).toBe(404);
    expect((await get("/licences/not-an-id")).statusCode).toBe(404);
  });

  it("PR-1, LC-3: a revoked licence shows revoked in the register at once", async () => {
    const { licence: revoked } = await issuedLicence(service, clock);
    await withTransaction(service.handle, (trx) =>
      recordLicenceAction(trx, {
        agencyId: "demo",
        licenceId: revoked.id,
        action: "revoke",
        reason: "ฝ่าฝืนเงื่อนไข",
        actor: LICENSING_OFFICER,
        at: clock.now(),
      }),
    );
    const page = await get(`/licences/${revoked.id}`);
    expect(page.body).toContain("ถูกเพิกถอน");
    const list = await get("/licences?status=revoked");
    expect(list.body).toContain(revoked.number);
    expect(list.body).not.toContain(`>${licence.number}<`);
  });

  it("PR-1: pages follow one another by keyset, each licence once", async () => {
    const seen: string[] = [];
    let url: string | undefined = "/licences";
    for (let pages = 0; url && pages < 20; pages++) {
      const body: string = (await get(url)).body;
      seen.push(...[...body.matchAll(/href="\/licences\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
      const next = /<a href="(\/licences\?[^"]*after=[^"]*)">/.exec(body)?.[1];
      url = next?.replaceAll("&amp;", "&");
    }
    expect(new Set(seen).size).toBe(seen.length);
    const total = await service.handle.db
      .selectFrom("licences")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("displayed", "=", 1)
      .where("status", "!=", "superseded")
      .executeTakeFirstOrThrow();
    expect(seen.length).toBe(Number(total.n));
  });

  it("LC-3: the display mode shows one licence in large type with its QR, moving on every 5 s or more", async () => {
    const res = await get("/licences/display?i=0");
    expect(res.statusCode).toBe(200);
    const refresh = /<meta http-equiv="refresh" content="(\d+);url=([^"]+)">/.exec(res.body);
    expect(Number(refresh?.[1])).toBeGreaterThanOrEqual(5);
    expect(refresh?.[2]).toContain("i=1");
    expect(res.body).toMatch(/<img src="data:image\/png;base64,/);
    expect((await get("/licences/display?seconds=7")).body).toContain('content="7;url=');
    expect((await get("/licences/display?seconds=4")).statusCode).toBe(400);
    expect((await get("/licences/display?seconds=121")).statusCode).toBe(400);
    // Past the last licence it starts again at the first.
    expect((await get("/licences/display?i=99999")).body).toContain("i=1");
    const css = await get("/licences/display.css");
    expect(css.headers["content-type"]).toContain("text/css");
  });

  it("PR-1: a malformed filter is refused with its stable code", async () => {
    for (const query of ["status=superseded", "service=%3Cx%3E", "after=yesterday", "i=-1", "seconds=x"]) {
      const res = await service.app.inject({
        method: "GET",
        url: `/licences${query.startsWith("i=") || query.startsWith("seconds") ? "/display" : ""}?${query}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("คำค้นหาทะเบียนใบอนุญาตไม่ถูกต้อง");
    }
    expect((await get("/licences?q=a&q=b")).statusCode).toBe(400);
  });
});
