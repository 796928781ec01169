import { fromBER } from "asn1js";
import { ContentInfo, SignedData } from "pkijs";

/** The CMS blob of a PDF's (last) signature: the /Contents hex between the ByteRange's two ranges. */
export function cmsOfPdf(pdf: Buffer): Buffer {
  const ranges = [
    ...pdf.toString("latin1").matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ];
  const last = ranges.at(-1);
  if (!last) throw new Error("no ByteRange");
  const [start, end] = [Number(last[2]) + 1, Number(last[3]) - 1];
  const hex = pdf.subarray(start, end).toString("latin1");
  const bytes = Buffer.from(hex, "hex");
  // The placeholder is padded with zeros after the DER.
  const parsed = fromBER(bytes);
  if (parsed.offset === -1) throw new Error("the signature is not DER");
  return bytes.subarray(0, parsed.offset);
}

/** The SignedData of a PDF's signature, its one SignerInfo's signature value and its time-stamp token. */
export function readPdfSignature(pdf: Buffer) {
  const cms = cmsOfPdf(pdf);
  const signed = new SignedData({ schema: ContentInfo.fromBER(cms).content });
  const [signerInfo] = signed.signerInfos;
  if (!signerInfo) throw new Error("no SignerInfo");
  const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === "1.2.840.113549.1.9.16.2.14")
    ?.values[0]?.valueBeforeDecodeView;
  return {
    cms,
    signed,
    signerInfo,
    signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView),
    timeStampToken: token ? Buffer.from(token) : undefined,
  };
}
