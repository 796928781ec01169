import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { addOtherAgency } from "../../test/factories.js";
import { fuzzBody, textValue } from "../../test/fuzz-inputs.js";
import { type OfficeClient, signedInChief, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { newId } from "../platform/ids.js";
import { listAccounts } from "./accounts.repo.js";
import { signNotification } from "./bank-signature.js";

const PAGE = "/office/finance/accounts";
const NEW_ACCOUNT = {
  bankCode: "014",
  accountNumber: "123-4-56789-0",
  accountName: "สำนักงานเขตตัวอย่าง เพื่อรับค่าธรรมเนียม",
  billerId: "0994000123456",
  compCode: "12345",
  isDefault: "1",
};

describe.each(testDialects())("the payment accounts page on %s", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  const audits = (action: string) =>
    service.handle.db
      .selectFrom("audit_events")
      .select(["actor", "data", "subject_id"])
      .where("action", "=", action)
      .execute();
  beforeAll(async () => {
    service = await startTestService(dialect);
    await addOtherAgency(service, service.clock);
    admin = await signedInChief(service, service.clock, "accounts-admin@demo.go.th");
  }, 120_000);
  afterAll(() => service?.stop());

  it("PY-1: only admins open it; it lists the demo account, says no callback secret is set, and gives the URL for the bank", async () => {
    const { client: finance } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "accounts-finance@demo.go.th",
      ["finance_officer"],
    );
    expect((await finance.get(PAGE)).statusCode).toBe(403);
    const page = await admin.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("099999999999990");
    expect(page.body).toContain('data-secret="none"');
    expect(page.body).toContain("http://borikan.test/api/v1/payments/bank-notifications");
  });

  it("PY-1, SC-2: changes need a fresh step-up; a wrong Biller ID is refused naming the field; a new default account is audited without its number", async () => {
    const before = await admin.post(PAGE, NEW_ACCOUNT);
    expect(before.statusCode).toBe(303);
    expect(String(before.headers.location)).toContain("/office/step-up");
    await stepUp(admin, service.clock);
    const wrong = await admin.post(PAGE, { ...NEW_ACCOUNT, billerId: "12345" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Biller ID");
    expect(wrong.body).toContain('role="alert"');
    const badBank = await admin.post(PAGE, { ...NEW_ACCOUNT, bankCode: "999" });
    expect(badBank.statusCode).toBe(400);
    expect((await listAccounts(service.handle.db, "demo")).length).toBe(1);

    const added = await admin.post(PAGE, NEW_ACCOUNT);
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain("เพิ่มบัญชีแล้ว");
    const accounts = await listAccounts(service.handle.db, "demo");
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      bank_code: "014",
      bank_name: "ธนาคารไทยพาณิชย์",
      biller_id: "0994000123456",
      is_default: 1,
    });
    expect(accounts[1]?.is_default).toBe(0);
    const [audit] = await audits("payment.account-added");
    expect(audit?.actor).toMatch(/^staff:/);
    expect(audit?.data).not.toContain("56789");
    expect(audit?.data).not.toContain("สำนักงาน");

    const changed = await admin.post(`${PAGE}/${accounts[0]!.id}`, {
      ...NEW_ACCOUNT,
      accountName: "ชื่อบัญชีใหม่ของหน่วยงาน",
    });
    expect(changed.statusCode).toBe(200);
    const [change] = await audits("payment.account-changed");
    expect(JSON.parse(change!.data)).toEqual({ fields: "account_name" });
  });

  it("PY-4: a new callback secret is shown once with the callback URL, never again, and the bank's notification signed with it is taken", async () => {
    await stepUp(admin, service.clock);
    const [account] = await listAccounts(service.handle.db, "demo");
    const made = await admin.post(`${PAGE}/${account!.id}/secret`);
    expect(made.statusCode).toBe(200);
    expect(made.headers["cache-control"]).toContain("no-store");
    const secret = /data-callback-secret>([^<]+)</.exec(made.body)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await admin.get(PAGE);
    expect(again.body).not.toContain(secret!);
    expect(again.body).toContain('data-secret="set"');
    expect(await audits("payment.callback-secret-generated")).toHaveLength(1);
    expect(JSON.stringify(await audits("payment.callback-secret-generated"))).not.toContain(secret!);

    const body = Buffer.from(
      JSON.stringify({
        billerId: "0994000123456",
        transactionId: "SCB-1",
        transactionDateTime: "2026-12-07T09:59:00+07:00",
        amount: "100.00",
        reference1: "99000000001",
      }),
    );
    const ts = String(Math.floor(service.clock.now().getTime() / 1000));
    const sent = await service.app.inject({
      method: "POST",
      url: "/api/v1/payments/bank-notifications",
      payload: body,
      headers: {
        "content-type": "application/json",
        "x-timestamp": ts,
        "x-signature": signNotification(secret!, ts, body),
      },
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ resCode: "00", transactionId: "SCB-1" });
  });

  it("PY-1: another agency's account is not found, by edit or by secret", async () => {
    const now = new Date().toISOString();
    const otherId = newId();
    await service.handle.db
      .insertInto("payment_accounts")
      .values({
        id: otherId,
        agency_id: "other",
        bank_code: "006",
        bank_name: "ธนาคารกรุงไทย",
        account_number: "999-9-99999-9",
        account_name: "หน่วยงานอื่น",
        biller_id: null,
        comp_code: null,
        callback_secret: null,
        is_default: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await stepUp(admin, service.clock);
    expect((await admin.post(`${PAGE}/${otherId}`, NEW_ACCOUNT)).statusCode).toBe(404);
    expect((await admin.post(`${PAGE}/${otherId}/secret`)).statusCode).toBe(404);
    const other = await service.handle.db
      .selectFrom("payment_accounts")
      .selectAll()
      .where("id", "=", otherId)
      .executeTakeFirstOrThrow();
    expect(other).toMatchObject({ account_name: "หน่วยงานอื่น", callback_secret: null });
    expect((await admin.get(PAGE)).body).not.toContain("999-9-99999-9");
  });

  it("PY-1: random forms to every accounts route, by a stepped-up admin, never give a 5xx and never store an invalid account", {
    timeout: 180_000,
  }, async () => {
    await stepUp(admin, service.clock);
    const [account] = await listAccounts(service.handle.db, "demo");
    const fields = fc.record({
      bankCode: fc.oneof(fc.constantFrom("002", "014", "999", ""), textValue),
      accountNumber: fc.oneof(fc.constantFrom("123-4-56789-0", "12345", ""), textValue),
      accountName: fc.oneof(fc.constant("หน่วยงานทดสอบ"), textValue),
      billerId: fc.oneof(fc.constantFrom("0994000123456", "099999999999990", "1", ""), textValue),
      compCode: fc.oneof(fc.constantFrom("12345", "", "x"), textValue),
      isDefault: fc.constantFrom("1", "0", ""),
    });
    const cases = fc.sample(
      fc.record({
        route: fc.constantFrom(
          PAGE,
          `${PAGE}/${account!.id}`,
          `${PAGE}/${account!.id}/secret`,
          `${PAGE}/nope`,
        ),
        input: fc.oneof(
          fields.map((f) => ({ kind: "fields" as const, f })),
          fuzzBody([["_csrf", admin.csrf]]).map((b) => ({ kind: "raw" as const, b })),
        ),
      }),
      { seed: 1404, numRuns: 120 },
    );
    for (const c of cases) {
      const res =
        c.input.kind === "fields"
          ? await admin.post(c.route, c.input.f)
          : await service.app.inject({
              method: "POST",
              url: c.route,
              payload: c.input.b.body,
              headers: {
                "content-type": c.input.b.contentType,
                cookie: admin.cookieHeader,
                "x-csrf-token": admin.csrf,
              },
            });
      expect(res.statusCode, `${c.route} ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
    const accounts = await listAccounts(service.handle.db, "demo");
    for (const a of accounts) {
      expect(a.bank_code).toMatch(/^\d{3}$/);
      expect(a.account_number.replace(/[-\s]/g, "")).toMatch(/^\d{10,15}$/);
      if (a.biller_id) expect(a.biller_id).toMatch(/^(\d{13}|\d{15})$/);
    }
    expect(accounts.filter((a) => a.is_default === 1)).toHaveLength(1);
    // The default cannot be switched off, leaving new notices without an account.
    const current = accounts.find((a) => a.is_default === 1)!;
    await admin.post(`${PAGE}/${current.id}`, { ...NEW_ACCOUNT, isDefault: "" });
    expect((await listAccounts(service.handle.db, "demo")).find((a) => a.id === current.id)?.is_default).toBe(
      1,
    );
  });
});
