import type { Clock } from "../clock.js";
import type { DatabaseHandle } from "../db/database.js";
import { hasDataKeys, type KeyRing, loadKeyRing } from "./key-ring.js";
import { type MasterKeySettings, masterKeys } from "./master-keys.js";
import { type SealedColumns, sealedColumnsPlugin } from "./sealed-columns-plugin.js";
import { createSealer, type Sealer } from "./sealer.js";

export {
  addDataKey,
  hasDataKeys,
  KeyError,
  type KeyRing,
  keyWrappers,
  loadKeyRing,
  masterKeyId,
  newMasterKey,
  parseMasterKey,
  rewrapKeys,
} from "./key-ring.js";
export { KEY_FILE, type MasterKeySettings, masterKeys } from "./master-keys.js";
export {
  SealedColumnError,
  type SealedColumns,
  type SealingPlugin,
  sealedColumnsPlugin,
  sealerOf,
  sealingPluginOf,
} from "./sealed-columns-plugin.js";
export { createSealer, SealError, type Sealer } from "./sealer.js";

/** Puts the sealing plugin on a handle (and on the copies a second process would open with the same ring). */
export function sealHandle(handle: DatabaseHandle, sealer: Sealer, columns: SealedColumns): DatabaseHandle {
  handle.db = handle.db.withPlugin(sealedColumnsPlugin(sealer, columns));
  handle.sealer = sealer;
  return handle;
}

/**
 * At start, after migrating: loads the master key (failing loudly when wrong or missing), the key ring,
 * and seals `columns` on the handle from here on. Returns the sealer for files and keyed hashes.
 */
export async function openSealed(
  handle: DatabaseHandle,
  settings: MasterKeySettings,
  columns: SealedColumns,
  clock: Clock,
): Promise<{ sealer: Sealer; ring: KeyRing }> {
  const masters = masterKeys(settings, await hasDataKeys(handle.db));
  const ring = await loadKeyRing(handle.db, masters, clock);
  const sealer = createSealer(ring);
  sealHandle(handle, sealer, columns);
  return { sealer, ring };
}
export { emailLookupKey, idNumberLookupKey, phoneLookupKey } from "./lookup-keys.js";
