import { createHash } from "node:crypto";
import type { Agency } from "../agencies/index.js";
import { AppError } from "../platform/errors.js";
import { verificationUrl } from "./licence.js";
import type { LicenceDocumentFacts } from "./licence-pdf.js";
import { licencePdfOn } from "./licence-pdf-pooled.js";
import type { LicensingDeps } from "./licensing-deps.js";

/** What an edition's document prints, less what the agency and the signer decide. */
export type LicenceEditionFacts = Omit<
  LicenceDocumentFacts,
  "agency" | "verifyUrl" | "demoSigner" | "emblemPng"
> & {
  /** RG-6: a paper licence's printable PDF is stored unsigned until its signed scan is recorded. */
  paper: boolean;
};

/**
 * LC-1, LC-2, LC-3: the one document maker of issuing, amending and renewing: the PDF drawn with the QR
 * to the agency's own origin, signed (PAdES B-T) unless it is a paper licence, and stored. Throws
 * LICENCE_ORIGIN_NOT_SET, LICENCE_SIGNER_NOT_SET.
 */
export async function makeLicenceDocument(
  deps: Pick<LicensingDeps, "documentSigner" | "files" | "threads">,
  agency: Pick<
    Agency,
    "nameTh" | "nameEn" | "postalAddress" | "centralEmail" | "licenceOrigin" | "emblemKey"
  >,
  facts: LicenceEditionFacts,
): Promise<{ key: string; sha256: string }> {
  if (!agency.licenceOrigin) throw new AppError("LICENCE_ORIGIN_NOT_SET");
  const signer = deps.documentSigner;
  if (!facts.paper && !signer) throw new AppError("LICENCE_SIGNER_NOT_SET");
  const { paper } = facts;
  const unsigned = await licencePdfOn(deps.threads, {
    ...facts,
    agency,
    // LC-1: the agency's emblem as set on its licence settings; a file gone from the store prints none
    emblemPng: agency.emblemKey ? await deps.files.read(agency.emblemKey).catch(() => undefined) : undefined,
    verifyUrl: verificationUrl(agency.licenceOrigin, facts),
    demoSigner: signer?.description.demo ?? false,
  });
  // Drawn in the pool, signed here: the signing key (a PKCS#12 KeyObject, or an HSM) never goes to a
  // thread, and a signature is one private-key operation and the TSA's round trip (I/O), not CPU work.
  const pdf =
    paper || !signer
      ? unsigned
      : await signer.signPdf(unsigned, {
          reason: `${facts.title.th} เลขที่ ${facts.number}`,
          name: agency.nameTh,
          location: agency.nameTh,
          contactInfo: agency.centralEmail,
          signingTime: facts.issuedAt,
        });
  const stored = await deps.files.put(pdf);
  return { key: stored.key, sha256: createHash("sha256").update(pdf).digest("hex") };
}
