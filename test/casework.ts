import { listUnits } from "../src/agencies/index.js";
import type { Clock } from "../src/platform/clock.js";
import { recordAction } from "../src/register/index.js";
import { makePng } from "./images.js";
import { signedInOfficer } from "./office.js";
import type { TestService } from "./service.js";
import { TEST_SERVICE } from "./service-fixture.js";

/** A submitted application as its applicant holds it: the receipt and the tracking link's parts. */
export interface SubmittedApplication {
  matterId: string;
  entryId: string;
  applicationId: string;
  receiptNumber: string;
  beYear: number;
  sequence: number;
  /** The tracking token (`?t=`) of the tracking page and API. */
  token: string;
}

const ID_PNG = Buffer.from(makePng(1012, 638)).toString("base64");

/**
 * Submits an application for TEST_SERVICE (publish it first with `publishTestService`) through the
 * public API, as a citizen would, and returns its matter. `email` is where the applicant is told things.
 */
export async function submitTestApplication(
  service: TestService,
  options: { email?: string; name?: string; key?: string } = {},
): Promise<SubmittedApplication> {
  const name = options.name ?? "สมหญิง รักดี";
  const res = await service.app.inject({
    method: "POST",
    url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
    headers: options.key ? { "idempotency-key": options.key } : {},
    payload: {
      applicant: {
        type: "person",
        name,
        idNumber: "1101700230708",
        email: options.email ?? "somying@example.com",
      },
      answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
      documents: [{ documentId: "id-card", filename: "id.png", contentBase64: ID_PNG }],
      signature: { name, confirmed: true },
      privacyNoticeVersion: "pn-1",
    },
  });
  if (res.statusCode !== 201) throw new Error(`application not submitted: ${res.statusCode} ${res.body}`);
  const receipt = res.json() as { receiptNumber: string; applicationId: string; trackingUrl: string };
  const url = new URL(receipt.trackingUrl);
  const [, beYear, sequence] = /\/requests\/(\d+)\/(\d+)$/.exec(url.pathname) ?? [];
  const entry = await service.handle.db
    .selectFrom("entries")
    .select(["id", "matter_id"])
    .where("receipt_number", "=", receipt.receiptNumber)
    .executeTakeFirstOrThrow();
  return {
    matterId: entry.matter_id,
    entryId: entry.id,
    applicationId: receipt.applicationId,
    receiptNumber: receipt.receiptNumber,
    beYear: Number(beYear),
    sequence: Number(sequence),
    token: url.searchParams.get("t") ?? "",
  };
}

/** The id of a unit of the demo agency by its code ("saraban", "permits"). */
export async function unitId(service: TestService, code: string): Promise<string> {
  const unit = (await listUnits(service.handle.db, "demo")).find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}

/** Routes a matter to a unit of the demo agency, as the saraban would (RG-5). */
export async function routeMatter(service: TestService, clock: Clock, matterId: string, code = "permits") {
  await recordAction(service.handle, {
    agencyId: "demo",
    subject: { matterId },
    action: "route",
    payload: { unitId: await unitId(service, code), text: "ส่งงานอนุญาตพิจารณา" },
    actor: { kind: "system", name: "test" },
    at: clock.now(),
  });
}

/** A signed-in officer of the demo agency with `roles`, in the unit of `code` (default: permits). */
export async function unitOfficer(
  service: TestService,
  clock: Clock,
  email: string,
  roles: string[],
  code = "permits",
) {
  return signedInOfficer(service.app, service.handle, clock, "demo", email, roles, "", [
    await unitId(service, code),
  ]);
}
