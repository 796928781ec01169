import { X509Certificate } from "node:crypto";
import { recordAudit } from "../audit/index.js";
import type { Clock } from "../platform/clock.js";
import { type DatabaseHandle, type Db, isUniqueViolation, withTransaction } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { newId } from "../platform/ids.js";
import type { SignatureTrustRootRow } from "./trust-roots.table.js";

/** A CA certificate read from what an admin pasted or uploaded. */
export interface ParsedRoot {
  pem: string;
  sha256: string;
  subject: string;
  commonName: string | null;
  validTo: Date;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Reads one CA certificate: PEM text, or the bytes of a .pem/.crt/.cer file (PEM or DER). Refuses
 * anything else (TRUST_ROOT_INVALID), a certificate that is not a CA's (TRUST_ROOT_NOT_CA) and one
 * past its end or not yet valid (TRUST_ROOT_EXPIRED, with the date).
 */
export function parseCaCertificate(input: string | Uint8Array, now: Date): ParsedRoot {
  const text = typeof input === "string" ? input : Buffer.from(input).toString("latin1");
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length > 1) throw new AppError("TRUST_ROOT_INVALID", { detail: "one certificate at a time" });
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(blocks[0] ?? (typeof input === "string" ? input : Buffer.from(input)));
  } catch {
    throw new AppError("TRUST_ROOT_INVALID", { detail: "not an X.509 certificate" });
  }
  if (!cert.ca) throw new AppError("TRUST_ROOT_NOT_CA");
  const validTo = new Date(cert.validTo);
  const validFrom = new Date(cert.validFrom);
  if (validTo <= now || validFrom > now)
    throw new AppError("TRUST_ROOT_EXPIRED", { from: validFrom.toISOString(), to: validTo.toISOString() });
  const cn = cert.subject.split("\n").find((rdn) => rdn.startsWith("CN="));
  return {
    pem: cert.toString(),
    sha256: cert.fingerprint256,
    subject: cert.subject.replace(/\n/g, ", "),
    commonName: cn ? cn.slice(3) : null,
    validTo,
  };
}

/** The roots an agency trusts now, oldest first. */
export async function listTrustRoots(db: Db, agencyId: string): Promise<SignatureTrustRootRow[]> {
  return db
    .selectFrom("signature_trust_roots")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("removed_at", "is", null)
    .orderBy("added_at")
    .orderBy("id")
    .execute();
}

export interface TrustRootContext {
  clock: Clock;
  /** `staff:<id>` */
  actor: string;
  ip?: string;
}

/**
 * An admin adds a CA the agency trusts for signatures in submitted PDFs (RV-4); audited
 * `review.trust-root.add`. Throws what `parseCaCertificate` throws, and TRUST_ROOT_EXISTS.
 */
export async function addTrustRoot(
  handle: DatabaseHandle,
  agencyId: string,
  input: { name?: string; certificate: string | Uint8Array },
  ctx: TrustRootContext,
): Promise<SignatureTrustRootRow> {
  const at = ctx.clock.now();
  const root = parseCaCertificate(input.certificate, at);
  const row: SignatureTrustRootRow = {
    id: newId(),
    agency_id: agencyId,
    name: input.name?.trim() || root.commonName || root.subject,
    pem: root.pem,
    sha256: root.sha256,
    subject: root.subject,
    valid_to: root.validTo.toISOString(),
    added_by: ctx.actor,
    added_at: at.toISOString(),
    removed_by: null,
    removed_at: null,
  };
  try {
    await withTransaction(handle, async (trx) => {
      const same = await trx
        .selectFrom("signature_trust_roots")
        .select("id")
        .where("agency_id", "=", agencyId)
        .where("sha256", "=", root.sha256)
        .where("removed_at", "is", null)
        .executeTakeFirst();
      if (same) throw new AppError("TRUST_ROOT_EXISTS");
      await trx.insertInto("signature_trust_roots").values(row).execute();
      await recordAudit(trx, {
        agencyId,
        actor: ctx.actor,
        action: "review.trust-root.add",
        subjectType: "signature_trust_root",
        subjectId: row.id,
        data: { sha256: row.sha256, subject: row.subject, validTo: row.valid_to },
        ip: ctx.ip,
        at: row.added_at,
      });
    });
  } catch (error) {
    // Two admins adding the same root at once: the partial unique index keeps one.
    if (isUniqueViolation(error)) throw new AppError("TRUST_ROOT_EXISTS");
    throw error;
  }
  return row;
}

/** An admin stops trusting a root (dated, kept for past checks); audited `review.trust-root.remove`. */
export async function removeTrustRoot(
  handle: DatabaseHandle,
  agencyId: string,
  rootId: string,
  ctx: TrustRootContext,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await withTransaction(handle, async (trx) => {
    const removed = await trx
      .updateTable("signature_trust_roots")
      .set({ removed_at: at, removed_by: ctx.actor })
      .where("agency_id", "=", agencyId)
      .where("id", "=", rootId)
      .where("removed_at", "is", null)
      .returning(["id", "sha256", "subject"])
      .executeTakeFirst();
    if (!removed) throw new AppError("TRUST_ROOT_NOT_FOUND");
    await recordAudit(trx, {
      agencyId,
      actor: ctx.actor,
      action: "review.trust-root.remove",
      subjectType: "signature_trust_root",
      subjectId: removed.id,
      data: { sha256: removed.sha256, subject: removed.subject },
      ip: ctx.ip,
      at,
    });
  });
}
