import { findUnit } from "../agencies/index.js";
import { issueLetter } from "../correspondence/index.js";
import type { Db } from "../platform/db/database.js";
import type { Matter } from "../register/index.js";

/** What a letter about an application names: the applicant, the service, the receipt. */
export interface LetterSubject {
  matter: Matter;
  applicantName: string;
  serviceName: string;
}

const REFUSAL_KIND_TH: Record<string, string> = {
  incomplete: "คำขอหรือเอกสารไม่ครบถ้วน",
  unqualified: "ผู้ขอไม่มีคุณสมบัติหรือไม่เป็นไปตามเงื่อนไขที่กฎหมายกำหนด",
  other: "เหตุอื่น",
};

async function ownerUnit(db: Db, matter: Matter): Promise<string> {
  const unit = matter.unitId ? await findUnit(db, matter.agencyId, matter.unitId) : undefined;
  return unit?.name_th ?? "";
}

/**
 * AP-2, LF-5 (Act s.10): the decision's letter, numbered at once in the outgoing register so that it
 * goes out within 7 days; a refusal states its reasons and how to put them right.
 */
export async function issueDecisionLetter(
  trx: Db,
  subject: LetterSubject,
  decision: { approved: boolean; reasonKind?: string; reasons?: string; remedy?: string },
  signer: { name: string; position: string; actor: string; at: Date },
) {
  const { matter, applicantName, serviceName } = subject;
  const opening = `ตามที่ท่านได้ยื่นคำขอ${serviceName} เลขรับที่ ${matter.receiptNumber} นั้น`;
  const body = decision.approved
    ? `${opening}\n\nบัดนี้ ได้พิจารณาแล้ว อนุมัติตามคำขอของท่าน ส่วนราชการจะแจ้งขั้นตอนต่อไปให้ท่านทราบ`
    : [
        opening,
        "",
        `บัดนี้ ได้พิจารณาแล้ว ไม่อนุมัติตามคำขอ เนื่องจาก${REFUSAL_KIND_TH[decision.reasonKind ?? "other"] ?? ""}`,
        `เหตุผล: ${decision.reasons ?? ""}`,
        `สิ่งที่ท่านต้องดำเนินการแก้ไข: ${decision.remedy ?? ""}`,
        "",
        "หากท่านไม่เห็นด้วยกับคำสั่งนี้ ท่านมีสิทธิอุทธรณ์ต่อส่วนราชการนี้ภายใน 15 วันนับแต่วันที่ได้รับแจ้ง",
      ].join("\n");
  return issueLetter(
    trx,
    {
      agencyId: matter.agencyId,
      kind: "external",
      purpose: decision.approved ? "decision" : "refusal",
      matterId: matter.id,
      toName: applicantName,
      subject: `แจ้งผลการพิจารณาคำขอ${serviceName}`,
      salutation: `เรียน ${applicantName}`,
      body,
      signerName: signer.name,
      signerPosition: signer.position,
      ownerUnit: await ownerUnit(trx, matter),
    },
    { actor: signer.actor, at: signer.at },
  );
}

/** LF-5 (Act s.10): a notice of the reason for delay, numbered in the outgoing register. */
export async function issueDelayLetter(
  trx: Db,
  subject: LetterSubject,
  notice: { noticeNumber: number; reason: string | null; dueDate: string; copyToOpdc: boolean },
  ctx: { actor: string; at: Date; agencyName: string },
) {
  const { matter, applicantName, serviceName } = subject;
  const body = [
    `ตามที่ท่านได้ยื่นคำขอ${serviceName} เลขรับที่ ${matter.receiptNumber} ซึ่งตามคู่มือสำหรับประชาชนจะแล้วเสร็จภายในวันที่ ${notice.dueDate} นั้น`,
    "",
    `บัดนี้ การพิจารณายังไม่แล้วเสร็จ (แจ้งครั้งที่ ${notice.noticeNumber}) เนื่องจาก: ${notice.reason ?? "อยู่ระหว่างการพิจารณา"}`,
    "",
    // Never claim a copy the agency has no address to send (LF-5: said, not guessed).
    `ส่วนราชการจะแจ้งความคืบหน้าให้ท่านทราบทุก 7 วันจนกว่าการพิจารณาจะแล้วเสร็จ${notice.copyToOpdc ? " และส่งสำเนาหนังสือนี้ถึงสำนักงาน ก.พ.ร." : ""} ตามมาตรา 10 แห่งพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558`,
  ].join("\n");
  return issueLetter(
    trx,
    {
      agencyId: matter.agencyId,
      kind: "external",
      purpose: "delay-notice",
      matterId: matter.id,
      toName: applicantName,
      subject: `แจ้งเหตุแห่งความล่าช้าในการพิจารณาคำขอ${serviceName}`,
      salutation: `เรียน ${applicantName}`,
      body,
      signerName: ctx.agencyName,
      signerPosition: "",
      ownerUnit: await ownerUnit(trx, matter),
    },
    { actor: ctx.actor, at: ctx.at },
  );
}
