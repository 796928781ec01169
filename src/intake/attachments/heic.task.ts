import { convertHeicToJpeg } from "./heic.js";

/** convertHeicToJpeg in a pool thread: decoding a 12-megapixel HEIC holds a core for about a second. */
export function convertHeicTask(bytes: Uint8Array): Promise<Uint8Array> {
  return convertHeicToJpeg(bytes);
}
