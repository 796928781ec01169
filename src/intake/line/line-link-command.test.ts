import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInCitizen } from "../../../test/citizen.js";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine, deliveryOf, lineEnv, lineEvents, postWebhook } from "../../../test/line-webhook.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";

// Friday 20 November 2026, 10:00 in Bangkok.
const T0 = Date.parse("2026-11-20T03:00:00.000Z");
const USER = `U${"link".padEnd(32, "0")}`;

describe.each(testDialects())("the LINE account link on %s", (dialect) => {
  let line: FakeLine;
  let service: TestService;
  const { text } = lineEvents("01L");

  beforeAll(async () => {
    line = await startFakeLine();
    service = await startTestService(dialect, {
      clock: fixedClock(new Date(T0 + 60_000)),
      env: lineEnv(line),
    });
    await connectLine(service, line, new Date(T0));
  });
  afterAll(async () => {
    await service?.stop();
    await line?.close();
  });

  it("PD-6: 'เชื่อมบัญชี' in the chat is answered with a one-time link, registers nothing, and the link links that LINE user", async () => {
    const asked = text("เชื่อมบัญชี", T0, { type: "user", userId: USER });
    expect((await postWebhook(service, line, deliveryOf([asked]))).statusCode).toBe(200);
    await service.line.drain();
    const said = line.replies
      .find((r) => r.replyToken === asked.replyToken)
      ?.messages.map((m) => m.text ?? "");
    const url = /http\S+\/account\/line-link\/[\w-]{43}/.exec(said?.join("\n") ?? "")?.[0];
    expect(url).toBeDefined();
    const db = service.handle.db;
    expect(await db.selectFrom("entries").select("id").where("channel", "=", "line").execute()).toEqual([]);
    expect(await db.selectFrom("line_drafts").select("id").execute()).toEqual([]);

    const me = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: service.clock.now(),
      email: "line@example.com",
    });
    const path = new URL(url!).pathname;
    expect((await me.client.get(path)).statusCode).toBe(200);
    expect((await me.client.post(path, {})).statusCode).toBe(303);
    const account = await db
      .selectFrom("citizen_accounts")
      .select("line_user_id")
      .where("id", "=", me.accountId)
      .executeTakeFirstOrThrow();
    expect(account.line_user_id).toBe(USER);
  });
});
