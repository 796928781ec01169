import jpeg from "jpeg-js";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { slipVerify } from "promptparse/validate";

/** What a slip's verification QR says: the bank's own transaction reference, not the agency's Ref1. */
export interface SlipQr {
  /** The QR text as decoded (kept sealed). */
  payload: string;
  /** Bank of Thailand code of the sending bank, e.g. 014. */
  sendingBank: string;
  /** The sending bank's transaction reference, as its statement line will show it. */
  bankReference: string;
}

// jsqr is CommonJS typed as an ES default export: under NodeNext the callable sits on `default`.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

// A phone photo of a slip is far smaller than this; a bigger image is not decoded (time, memory).
const MAX_PIXELS = 16_000_000;

function pixelsOf(bytes: Uint8Array, mediaType: string) {
  if (mediaType === "image/png") {
    const png = PNG.sync.read(Buffer.from(bytes));
    return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
  }
  if (mediaType === "image/jpeg") {
    const img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 256,
    });
    return { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
  }
  return undefined;
}

/**
 * PY-2: reads the slip-verification QR a Thai bank app prints on its slip (PNG or JPEG; PDFs and other
 * images are not decoded). Undefined when there is no QR, it is not a slip-verification payload, or the
 * image cannot be read: the finance officer then checks the slip by eye.
 */
export function readSlipQr(bytes: Uint8Array, mediaType: string): SlipQr | undefined {
  try {
    const pixels = pixelsOf(bytes, mediaType);
    if (!pixels || pixels.width * pixels.height > MAX_PIXELS) return undefined;
    const code = jsQR(pixels.data, pixels.width, pixels.height);
    if (!code?.data) return undefined;
    // Banks' apps are known to print a wrong checksum; promptparse may fix it.
    const slip = slipVerify(code.data, true);
    if (!slip) return undefined;
    return { payload: code.data, sendingBank: slip.sendingBank, bankReference: slip.transRef };
  } catch {
    return undefined;
  }
}
