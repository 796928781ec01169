import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signedInCitizen } from "../../test/citizen.js";
import { testDialects } from "../../test/db.js";
import { OfficeClient } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { type LocalThaid, startLocalThaid, THAID_PERSON } from "../../test/thaid-provider.js";
import { fixedClock } from "../platform/clock.js";
import { idNumberLookupKey } from "../platform/crypto/index.js";
import { CITIZEN_COOKIE, findReusableProof } from "./index.js";

const NOW = new Date().toISOString();
const PUBLIC_URL = "http://borikan.test";

describe.each(testDialects())("citizen sign-in with ThaiD (OpenID Connect) on %s", (dialect) => {
  const clock = fixedClock(NOW);
  let service: TestService;
  let thaid: LocalThaid;

  beforeAll(async () => {
    thaid = await startLocalThaid(PUBLIC_URL);
    service = await startTestService(dialect, { clock, env: thaid.env() });
  });
  afterAll(async () => {
    await service?.stop();
    await thaid?.close();
  });
  beforeEach(() => {
    thaid.person = { ...THAID_PERSON };
    Object.assign(thaid.quirks, { expiresInEpoch: false, tamperIdToken: false, deny: false });
  });

  /** Starts a sign-in in `client`, walks the provider, and returns the callback's path for our side. */
  const throughThaid = async (client: OfficeClient, returnPath = "/account") => {
    const start = await client.get(`/account/thaid/start?return=${encodeURIComponent(returnPath)}`);
    expect(start.statusCode).toBe(303);
    const callback = await thaid.drive(String(start.headers.location));
    return `${callback.pathname}${callback.search}`;
  };
  const count = async (table: "sign_ins" | "identity_proofs" | "citizen_sessions") =>
    Number(
      (
        await service.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const refusals = async () =>
    (
      await service.handle.db
        .selectFrom("audit_events")
        .select("data")
        .where("action", "=", "citizen.thaid-refused")
        .execute()
    ).map((r) => JSON.parse(r.data).code);

  it("ID-4, ID-2: a round trip through the provider signs in, records the ial and a reusable thaid proof", async () => {
    const client = new OfficeClient(service.app);
    const callback = await throughThaid(client, "/requests?x=1");
    const res = await client.get(callback);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/requests?x=1");
    const page = await client.get("/account");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("ThaiD");
    expect(page.body).toContain("2.3");
    expect(page.body).toContain(THAID_PERSON.name);
    const db = service.handle.db;
    const signIn = await db
      .selectFrom("sign_ins")
      .selectAll()
      .where("provider", "=", "thaid")
      .executeTakeFirstOrThrow();
    expect(signIn).toMatchObject({ ial: "2.3", aal: "AAL2" });
    const pidHmac = idNumberLookupKey(service.sealer, THAID_PERSON.pid);
    const proof = await findReusableProof(db, { agencyId: "demo", nationalIdHmac: pidHmac }, clock.now());
    expect(proof).toMatchObject({
      method: "thaid",
      assurance: "IAL2",
      status: "proven",
      account_id: signIn.account_id,
    });
    expect(JSON.stringify(proof)).not.toContain(THAID_PERSON.pid);
    const audit = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("actor", "=", `citizen:${signIn.account_id}`)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) expect(JSON.stringify(a)).not.toContain(THAID_PERSON.pid);
    // Replay: the same callback again is refused, nothing more written.
    const signIns = await count("sign_ins");
    const replay = await new OfficeClient(service.app).get(callback);
    expect(replay.statusCode).toBe(400); // another browser: not its state
    client.cookies.set("borikan_thaid_state", "x");
    const again = await client.get(callback);
    expect([400, 409]).toContain(again.statusCode);
    expect(await count("sign_ins")).toBe(signIns);
  });

  it("ID-4: a replayed callback from the same browser is refused (the state is used once) and audited", async () => {
    const client = new OfficeClient(service.app);
    const callback = await throughThaid(client);
    const stateCookie = client.cookies.get("borikan_thaid_state") ?? "";
    expect((await client.get(callback)).statusCode).toBe(303);
    client.cookies.set("borikan_thaid_state", stateCookie);
    const before = await count("sign_ins");
    const replay = await client.get(callback);
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain("ใช้ไปแล้ว");
    expect(await count("sign_ins")).toBe(before);
    expect(await refusals()).toContain("THAID_STATE_REPLAYED");
  });

  it("ID-4: a wrong state is refused before anything is exchanged", async () => {
    const client = new OfficeClient(service.app);
    const callback = await throughThaid(client);
    const before = await count("sign_ins");
    const wrong = callback.replace(/state=[^&]+/, "state=not-the-state");
    const res = await client.get(wrong);
    expect(res.statusCode).toBe(400);
    expect(await count("sign_ins")).toBe(before);
    expect(await refusals()).toContain("THAID_STATE_INVALID");
  });

  it("ID-4: an ID token whose nonce is not the one sent is refused", async () => {
    const client = new OfficeClient(service.app);
    const callback = await throughThaid(client);
    await service.handle.db
      .updateTable("oidc_requests")
      .set({ nonce: "another-nonce" })
      .where("used_at", "is", null)
      .execute();
    const before = await count("sign_ins");
    const res = await client.get(callback);
    expect(res.statusCode).toBe(401);
    expect(await count("sign_ins")).toBe(before);
  });

  it("ID-4: a tampered ID token (payload altered after signing) is refused, nothing written", async () => {
    thaid.quirks.tamperIdToken = true;
    const client = new OfficeClient(service.app);
    const callback = await throughThaid(client);
    const before = [await count("sign_ins"), await count("identity_proofs"), await count("citizen_sessions")];
    const res = await client.get(callback);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("ตรวจสอบไม่ผ่าน");
    expect([
      await count("sign_ins"),
      await count("identity_proofs"),
      await count("citizen_sessions"),
    ]).toEqual(before);
    expect(client.cookies.get(CITIZEN_COOKIE)).toBeUndefined();
    expect(await refusals()).toContain("THAID_TOKEN_INVALID");
  });

  it("ID-4 (THAI-STANDARDS §3): a pid whose check digit is wrong is refused", async () => {
    thaid.person = { ...THAID_PERSON, pid: "1101700207031" };
    const client = new OfficeClient(service.app);
    const before = await count("sign_ins");
    const res = await client.get(await throughThaid(client));
    expect(res.statusCode).toBe(422);
    expect(await count("sign_ins")).toBe(before);
  });

  it("ID-4: the person declining at ThaiD is a clear refusal", async () => {
    thaid.quirks.deny = true;
    const client = new OfficeClient(service.app);
    const res = await client.get(await throughThaid(client));
    expect(res.statusCode).toBe(403);
    expect(await refusals()).toContain("THAID_DENIED");
  });

  it("ID-4 (THAI-STANDARDS §1): expires_in sent as an epoch is read either way", async () => {
    thaid.quirks.expiresInEpoch = true;
    const client = new OfficeClient(service.app);
    const res = await client.get(await throughThaid(client));
    expect(res.statusCode).toBe(303);
  });

  it("ID-4, ID-2: a step-up from an email-code session attaches the pid to that account and records the proof", async () => {
    thaid.person = { ...THAID_PERSON, pid: "3100600123450", name: "นาง ก้าวขึ้น ทดสอบ" };
    const citizen = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "stepup@example.com",
    });
    const res = await citizen.client.get(await throughThaid(citizen.client));
    expect(res.statusCode).toBe(303);
    const account = await service.handle.db
      .selectFrom("citizen_accounts")
      .selectAll()
      .where("id", "=", citizen.accountId)
      .executeTakeFirstOrThrow();
    expect(account.national_id).toBe("3100600123450");
    expect(account.email).toBe("stepup@example.com");
    const proof = await findReusableProof(
      service.handle.db,
      { agencyId: "demo", accountId: citizen.accountId },
      clock.now(),
    );
    expect(proof).toMatchObject({ method: "thaid", status: "proven" });
    // Another code account trying to take the same pid is refused.
    const other = await signedInCitizen(service.app, service.handle, service.sealer, {
      agencyId: "demo",
      at: clock.now(),
      email: "thief@example.com",
    });
    const taken = await other.client.get(await throughThaid(other.client));
    expect(taken.statusCode).toBe(409);
    const thief = await service.handle.db
      .selectFrom("citizen_accounts")
      .select("national_id_hmac")
      .where("id", "=", other.accountId)
      .executeTakeFirstOrThrow();
    expect(thief.national_id_hmac).toBeNull();
  });

  it("SC-1: one client address may start only so many ThaiD sign-ins a minute", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await service.app.inject({ url: "/account/thaid/start", remoteAddress: "192.0.2.77" })).statusCode,
      );
    expect(statuses.slice(0, 30).every((s) => s === 303)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("ID-4: the return path is local only: another host is never a destination", async () => {
    const client = new OfficeClient(service.app);
    const res = await client.get(await throughThaid(client, "//evil.example/steal"));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/account");
  });
});

describe("ThaiD not configured", () => {
  it("ID-4: the sign-in page says so and the start is refused (no redirect to nowhere)", async () => {
    const service = await startTestService("sqlite");
    try {
      const page = await service.app.inject({ url: "/account/sign-in", headers: { accept: "text/html" } });
      expect(page.body).toContain("ยังไม่ได้ตั้งค่า ThaiD");
      const start = await service.app.inject({
        url: "/account/thaid/start",
        headers: { accept: "text/html" },
      });
      expect(start.statusCode).toBe(409);
    } finally {
      await service.stop();
    }
  });
});
