import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { newId } from "../platform/ids.js";
import { findDefaultAccount } from "./accounts.repo.js";

/**
 * The demo agency's account, so the demo's notices carry a Thai QR from the first start. Every value
 * says it is a demo: the Biller ID is a published test vector's, no bank knows it, and no money moves.
 */
export async function seedDemoPaymentAccount(
  handle: DatabaseHandle,
  agencyId: string,
  clock: Clock,
): Promise<boolean> {
  if (await findDefaultAccount(handle.db, agencyId)) return false;
  const now = clock.now().toISOString();
  await handle.db
    .insertInto("payment_accounts")
    .values({
      id: newId(),
      agency_id: agencyId,
      bank_code: "006",
      bank_name: "ธนาคารกรุงไทย (ตัวอย่าง / demo)",
      account_number: "000-0-00000-0",
      account_name: "สำนักงานเขตตัวอย่าง (บัญชีตัวอย่าง / demo account)",
      biller_id: "099999999999990",
      comp_code: "99999",
      callback_secret: null,
      is_default: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return true;
}
