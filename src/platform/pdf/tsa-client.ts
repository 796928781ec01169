import { createHash, randomBytes } from "node:crypto";
import { fromBER, Integer, OctetString, Sequence } from "asn1js";
import { AlgorithmIdentifier, MessageImprint, SignedData, TimeStampReq, TimeStampResp, TSTInfo } from "pkijs";
import { OID } from "./der.js";

/** Where to ask RFC 3161 time-stamps (level B-T). */
export interface TsaOptions {
  url: string;
  user?: string;
  password?: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

/** A time-stamp could not be had: the document is not signed (never silently B-B); try again later. */
export class TimeStampError extends Error {
  override name = "TimeStampError";
}

const GRANTED = new Set([0, 1]);

function request(digest: Buffer, nonce: Buffer): Buffer {
  const req = new TimeStampReq({
    version: 1,
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new OctetString({ valueHex: digest }),
    }),
    nonce: new Integer({ valueHex: nonce }),
    certReq: true,
  });
  return Buffer.from(req.toSchema().toBER());
}

function sameInteger(a: Integer, nonce: Buffer): boolean {
  const strip = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    return b.subarray(i);
  };
  return strip(Buffer.from(a.valueBlock.valueHexView)).equals(strip(nonce));
}

/** Reads a TimeStampResp and checks it answers this request: granted, same nonce, same message imprint. */
export function readTimeStampResponse(body: Buffer, digest: Buffer, nonce: Buffer): Buffer {
  let resp: TimeStampResp;
  try {
    resp = TimeStampResp.fromBER(body);
  } catch {
    throw new TimeStampError("the time-stamp authority's answer is not a TimeStampResp");
  }
  const status = resp.status.status;
  if (!GRANTED.has(status) || !resp.timeStampToken) {
    const text = resp.status.statusStrings?.map((s) => s.valueBlock.value).join("; ");
    throw new TimeStampError(`the time-stamp authority refused (status ${status}${text ? `: ${text}` : ""})`);
  }
  const token = resp.timeStampToken;
  let info: TSTInfo;
  try {
    const signed = new SignedData({ schema: token.content });
    const eContent = signed.encapContentInfo.eContent;
    if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new Error("no TSTInfo");
    info = TSTInfo.fromBER(eContent.getValue());
  } catch {
    throw new TimeStampError("the time-stamp token holds no readable TSTInfo");
  }
  if (!info.nonce || !sameInteger(info.nonce, nonce))
    throw new TimeStampError("the time-stamp answers another request (its nonce differs)");
  const imprint = info.messageImprint;
  if (
    imprint.hashAlgorithm.algorithmId !== OID.sha256 ||
    !Buffer.from(imprint.hashedMessage.valueBlock.valueHexView).equals(digest)
  )
    throw new TimeStampError("the time-stamp covers other data (its message imprint differs)");
  // The token's own bytes, as the TSA signed them (not re-encoded).
  const outer = fromBER(body).result;
  const raw = outer instanceof Sequence ? outer.valueBlock.value[1]?.valueBeforeDecodeView : undefined;
  if (!raw) throw new TimeStampError("the time-stamp authority's answer is not a TimeStampResp");
  return Buffer.from(raw);
}

/**
 * Asks the TSA for a time-stamp token over `data` (the signature value, for CAdES/PAdES B-T): an RFC 3161
 * TimeStampReq over HTTP POST with a fresh nonce and certReq, checked before use. Throws TimeStampError.
 */
export async function requestTimeStamp(data: Buffer, options: TsaOptions): Promise<Buffer> {
  const digest = createHash("sha256").update(data).digest();
  // A positive 64-bit nonce (top bit clear, so the INTEGER needs no sign byte).
  const nonce = randomBytes(8);
  nonce[0] = ((nonce[0] as number) & 0x7f) | 0x01;
  const headers: Record<string, string> = { "content-type": "application/timestamp-query" };
  if (options.user !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${options.user}:${options.password ?? ""}`).toString("base64")}`;
  let res: Response;
  try {
    res = await fetch(options.url, {
      method: "POST",
      headers,
      body: request(digest, nonce),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const why =
      err instanceof Error && err.name === "TimeoutError" ? "did not answer in time" : "cannot be reached";
    throw new TimeStampError(`the time-stamp authority (TSA_URL) ${why}`);
  }
  if (!res.ok) throw new TimeStampError(`the time-stamp authority (TSA_URL) answered HTTP ${res.status}`);
  return readTimeStampResponse(Buffer.from(await res.arrayBuffer()), digest, nonce);
}
