import convert from "heic-convert";

// Browsers outside Safari cannot show HEIC, so staff view phone photos as JPEG. The original
// stays on file; this is a viewing copy.
export async function convertHeicToJpeg(bytes: Uint8Array): Promise<Uint8Array> {
  const jpeg = await convert({ buffer: bytes, format: "JPEG", quality: 0.85 });
  return jpeg instanceof Uint8Array ? jpeg : new Uint8Array(jpeg);
}
