import { DEMO_AGENCY, initAgency } from "../src/agencies/index.js";
import type { Clock } from "../src/platform/clock.js";
import type { TestService } from "./service.js";

/** A second agency beside the demo one ("other", at other.go.th), for tests of what crosses agencies. */
export async function addOtherAgency(service: TestService, clock: Clock): Promise<void> {
  await initAgency(
    service.handle,
    {
      ...DEMO_AGENCY,
      id: "other",
      hostnames: [],
      domain: "other.go.th",
      centralEmail: "saraban@other.go.th",
    },
    { clock, actor: "test" },
  );
}

/** A small request with one attachment, as the public API takes it. */
export const REQUEST_WITH_FILE = {
  name: "ก",
  phone: "0812345678",
  subject: "s",
  confirmed: true,
  attachments: [{ filename: "a.txt", contentBase64: Buffer.from("สวัสดี").toString("base64") }],
};

/**
 * Submits a request through the public API: its receipt, the id of its register entry and the id of
 * its first attachment (undefined when it has none).
 */
export async function submitRequest(service: TestService, payload: Record<string, unknown>) {
  const res = await service.app.inject({ method: "POST", url: "/api/v1/requests", payload });
  const receipt: { receiptNumber: string; trackingUrl: string } = res.json();
  const entry = await service.handle.db
    .selectFrom("entries")
    .select("id")
    .where("receipt_number", "=", receipt.receiptNumber)
    .executeTakeFirstOrThrow();
  const file = await service.handle.db
    .selectFrom("attachments")
    .select("id")
    .where("entry_id", "=", entry.id)
    .executeTakeFirst();
  return { ...receipt, entryId: entry.id, fileId: file?.id };
}
