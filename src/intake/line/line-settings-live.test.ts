import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { type FakeLine, startFakeLine } from "../../../test/line-server.js";
import { connectLine } from "../../../test/line-webhook.js";
import { startTestService, type TestService } from "../../../test/service.js";

const USER = "U0123456789abcdef0123456789abcdef";

describe.each(testDialects())("LINE settings changed while the service runs, on %s", (dialect) => {
  let first: FakeLine;
  let second: FakeLine;
  let service: TestService;
  let events = 0;

  beforeAll(async () => {
    first = await startFakeLine();
    second = await startFakeLine();
    service = await startTestService(dialect, {
      env: {
        FIRST_SECRET: first.channelSecret,
        FIRST_TOKEN: first.channelToken,
        SECOND_SECRET: second.channelSecret,
        SECOND_TOKEN: second.channelToken,
      },
    });
    await connectLine(service, first, new Date(), { secret: "FIRST_SECRET", token: "FIRST_TOKEN" });
  });

  afterAll(async () => {
    await service?.stop();
    await first?.close();
    await second?.close();
  });

  /** A user adds the Official Account: Borikan answers with its greeting by reply token. */
  async function follow(line: FakeLine) {
    events++;
    const payload = JSON.stringify({
      destination: "Uagency",
      events: [
        {
          type: "follow",
          webhookEventId: `01JLIVE${String(events).padStart(19, "0")}`,
          deliveryContext: { isRedelivery: false },
          timestamp: Date.now(),
          mode: "active",
          source: { type: "user", userId: USER },
          replyToken: `live-reply-${events}`,
        },
      ],
    });
    const res = await service.app.inject({
      method: "POST",
      url: "/line/webhook",
      headers: { "content-type": "application/json", "x-line-signature": line.sign(payload) },
      payload,
    });
    await service.line.drain();
    return res;
  }

  it("CH-10: a channel moved to another token and API address is used from the next event on, without a restart", async () => {
    expect((await follow(first)).statusCode).toBe(200);
    expect(first.replies).toHaveLength(1);

    // What `borikan line set` writes while the service keeps running.
    await service.handle.db
      .updateTable("line_channels")
      .set({
        secret_env: "SECOND_SECRET",
        token_env: "SECOND_TOKEN",
        api_base_url: second.apiBaseUrl,
        data_api_base_url: second.dataApiBaseUrl,
      })
      .where("agency_id", "=", "demo")
      .execute();
    expect((await follow(first)).statusCode).toBe(401); // the old secret no longer signs
    expect((await follow(second)).statusCode).toBe(200);
    expect(second.replies).toHaveLength(1);
    expect(first.replies).toHaveLength(1);
    const handled = await service.handle.db.selectFrom("line_events").select("status").execute();
    expect(handled.map((e) => e.status)).toEqual(["done", "done"]);
  });
});
