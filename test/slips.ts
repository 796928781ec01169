import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { slipVerify } from "promptparse/generate";
import QRCode from "qrcode";

/** The slip-verification payload a Thai bank app prints on its slip (sending bank, the BANK's reference). */
export const slipPayload = (sendingBank: string, transRef: string) => slipVerify({ sendingBank, transRef });

/** A slip image: a PNG carrying the slip-verification QR of `payload`, as a bank app saves it. */
export async function slipPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: "png", margin: 4, scale: 5 });
}

/** The same slip as a JPEG (a photo of the screen, re-encoded). */
export async function slipJpeg(payload: string): Promise<Buffer> {
  const png = PNG.sync.read(await slipPng(payload));
  return Buffer.from(jpeg.encode({ data: png.data, width: png.width, height: png.height }, 90).data);
}
