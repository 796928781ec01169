import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { findMatter, recordAction } from "../register/index.js";

const SYSTEM = { kind: "system", name: "system:delivery" } as const;

/**
 * DL-4: once a licence reached the applicant (sent or downloaded), its matter moves `deliver` →
 * delivered, once: a matter no longer issuing (already delivered, closed) is left as it is, and a second
 * worker doing the same at once is refused by the register's table, which is not an error here.
 */
export async function markMatterDelivered(
  handle: DatabaseHandle,
  delivery: { agency_id: string; matter_id: string; licence_id: string; id: string; channel: string },
  at: Date,
): Promise<boolean> {
  const matter = await findMatter(handle.db, delivery.agency_id, delivery.matter_id);
  if (matter?.status !== "issuing") return false;
  try {
    await recordAction(handle, {
      agencyId: delivery.agency_id,
      subject: { matterId: delivery.matter_id },
      action: "deliver",
      payload: { licenceId: delivery.licence_id, deliveryId: delivery.id, channel: delivery.channel },
      actor: SYSTEM,
      at,
    });
    return true;
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return false;
    throw error;
  }
}
