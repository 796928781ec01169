/** Whether the signed bytes are the ones signed (pdfsig's "Signature Validation"). */
export type SignatureIntegrity = "valid" | "digest-mismatch" | "invalid" | "unknown";
/** Whether the signer's chain reaches a configured root (pdfsig's "Certificate Validation"). */
export type SignatureTrust = "trusted" | "untrusted" | "expired" | "revoked" | "unknown";

/** One signature as pdfsig reports it (before the certificate is read from its dump). */
export interface PdfsigSignature {
  /** 1-based, in the file's order. */
  index: number;
  fieldName: string | null;
  commonName: string | null;
  distinguishedName: string | null;
  /** ISO time, read as UTC (pdfsig runs with TZ=UTC); null when absent or unreadable. */
  signingTime: string | null;
  hashAlgorithm: string | null;
  type: string | null;
  signedRanges: Array<[number, number]>;
  wholeDocumentSigned: boolean;
  integrity: SignatureIntegrity;
  integrityText: string | null;
  trust: SignatureTrust;
  trustText: string | null;
}

const INTEGRITY: Array<[RegExp, SignatureIntegrity]> = [
  [/^Signature is Valid/i, "valid"],
  [/Digest Mismatch/i, "digest-mismatch"],
  [/^Signature is Invalid/i, "invalid"],
];

const TRUST: Array<[RegExp, SignatureTrust]> = [
  [/is Trusted/i, "trusted"],
  [/isn't Trusted|is unknown|not Trusted/i, "untrusted"],
  [/Expired/i, "expired"],
  [/Revoked/i, "revoked"],
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Dec 01 2026 04:00:00" (pdfsig's format, in the TZ it ran with: UTC) → ISO. */
function parseSigningTime(text: string): string | null {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})/.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf(m[1] as string);
  if (month < 0) return null;
  const d = new Date(Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function text(v: string): string | null {
  return v === "" || v === "(null)" ? null : v;
}

function applyField(sig: PdfsigSignature, label: string, v: string): void {
  switch (label) {
    case "Signature Field Name":
      sig.fieldName = text(v);
      break;
    case "Signer Certificate Common Name":
      sig.commonName = text(v);
      break;
    case "Signer full Distinguished Name":
      sig.distinguishedName = text(v);
      break;
    case "Signing Time":
      sig.signingTime = parseSigningTime(v);
      break;
    case "Signing Hash Algorithm":
      sig.hashAlgorithm = text(v);
      break;
    case "Signature Type":
      sig.type = text(v);
      break;
    case "Signed Ranges":
      sig.signedRanges = [...v.matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      break;
    case "Signature Validation":
      sig.integrityText = v;
      sig.integrity = INTEGRITY.find(([re]) => re.test(v))?.[1] ?? "unknown";
      break;
    case "Certificate Validation":
      sig.trustText = v;
      sig.trust = TRUST.find(([re]) => re.test(v))?.[1] ?? "unknown";
      break;
  }
}

/**
 * Parses pdfsig's report: one block per "Signature #n:", each line "  - Label: value". Labels it does
 * not know are ignored, so a newer poppler's extra lines change nothing; a block without a validation
 * line stays "unknown", never valid.
 */
export function parsePdfsigOutput(stdout: string): PdfsigSignature[] {
  const out: PdfsigSignature[] = [];
  let cur: PdfsigSignature | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    const head = /^Signature #(\d+):$/.exec(line);
    if (head) {
      cur = {
        index: Number(head[1]),
        fieldName: null,
        commonName: null,
        distinguishedName: null,
        signingTime: null,
        hashAlgorithm: null,
        type: null,
        signedRanges: [],
        wholeDocumentSigned: false,
        integrity: "unknown",
        integrityText: null,
        trust: "unknown",
        trustText: null,
      };
      out.push(cur);
      continue;
    }
    if (!cur) continue;
    if (line === "- Total document signed") cur.wholeDocumentSigned = true;
    const field = /^- ([^:]+):\s*(.*)$/.exec(line);
    if (field) applyField(cur, field[1] as string, field[2] as string);
  }
  return out;
}
