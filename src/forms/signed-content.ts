import canonicalizeModule from "canonicalize";

// A CommonJS module whose types declare an ES default export: under NodeNext the function is the module.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

import { sha256Hex } from "../platform/ids.js";
import type { DraftApplicant } from "./draft.js";

/** FM-6, FM-7: exactly what a type-1 signature binds: the service version, who, the answers, the files. */
export interface SignedContent {
  service: { code: string; version: number };
  applicant: DraftApplicant;
  answers: Record<string, unknown>;
  documents: { documentId: string; sha256: string }[];
}

/**
 * FM-6, FM-7: the sha256 of the RFC 8785 canonical JSON of what was signed, so that anyone holding the
 * application can recompute it and see that nothing signed has changed since.
 */
export function signedSha256(content: SignedContent): string {
  const text = canonicalize(content);
  if (text === undefined) throw new Error("signed content is not JSON");
  return sha256Hex(text);
}
