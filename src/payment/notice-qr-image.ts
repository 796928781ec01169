import QRCode from "qrcode";
import type { PaymentNotice } from "./notice.js";
import { noticeQrPayload } from "./thai-qr.js";

/**
 * PY-1: the notice's Thai QR as a PNG, or undefined when its account has no Biller ID. Error correction M
 * and a 4-module quiet zone, as bank apps read printed and on-screen codes reliably.
 */
export async function noticeQrPng(notice: PaymentNotice, width = 320): Promise<Buffer | undefined> {
  const payload = noticeQrPayload(notice);
  if (!payload) return undefined;
  return QRCode.toBuffer(payload, { type: "png", errorCorrectionLevel: "M", margin: 4, width });
}
