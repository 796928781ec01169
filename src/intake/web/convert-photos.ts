import type { DatabaseHandle } from "../../platform/db/database.js";
import type { FileStore } from "../../platform/storage/file-store.js";
import type { ThreadPool } from "../../platform/threads/index.js";
import { listPhotosWithoutViewableCopy, setViewableCopy } from "../../register/index.js";
import { convertHeicOn, convertHeicToJpeg } from "../attachments/index.js";

/**
 * Phones send HEIC, which officers' browsers cannot show: a JPEG copy is made for viewing, beside the
 * original (which stays the record, RG-4). Runs in the worker so a submission never waits for it.
 * Returns how many photos were converted. With `threads` (#18) the decoding runs on the pool.
 */
export async function convertPendingPhotos(
  handle: DatabaseHandle,
  files: FileStore,
  log: (msg: string) => void,
  batch = 5,
  threads?: ThreadPool,
): Promise<number> {
  const pending = await listPhotosWithoutViewableCopy(handle.db, batch);
  let converted = 0;
  for (const photo of pending) {
    let viewableKey: string;
    try {
      const original = new Uint8Array(await files.read(photo.storageKey));
      const jpeg = threads ? await convertHeicOn(threads, original) : await convertHeicToJpeg(original);
      viewableKey = (await files.put(jpeg)).key;
      converted++;
    } catch (error) {
      // Keep the original as the only copy rather than retrying a photo that will never decode.
      log(`photo ${photo.id} could not be converted: ${String(error)}`);
      viewableKey = photo.storageKey;
    }
    await setViewableCopy(handle.db, photo.id, viewableKey);
  }
  return converted;
}
