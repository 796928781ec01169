import type { Agency } from "../agencies/index.js";
import { toLocal } from "../calendar/index.js";
import type { RequiredDocument } from "../catalog/index.js";
import type { NewLetter } from "../correspondence/index.js";
import { formatDate } from "../platform/i18n/format.js";
import type { DayKind } from "../workflow/index.js";
import type { DeficiencyItem } from "./deficiency-records.repo.js";

/** The kind of day a deficiency deadline counts, named as the letter and the pages say it. */
export const DAY_KIND_TH: Record<DayKind, string> = { business: "วันทำการ", calendar: "วัน (นับตามปฏิทิน)" };

/** Until when, in words: the deadline's local date and the agency's closing time. */
export function deadlineText(agency: Pick<Agency, "timeZone">, deadline: Date): string {
  const local = toLocal(deadline, agency.timeZone);
  const hhmm = `${String(Math.floor(local.minutes / 60)).padStart(2, "0")}.${String(local.minutes % 60).padStart(2, "0")}`;
  return `${formatDate("th", local.date)} เวลา ${hhmm} น.`;
}

export const PROBLEM_TH: Record<DeficiencyItem["problem"], string> = {
  missing: "ยังไม่ได้ยื่น",
  defective: "ไม่ครบถ้วนหรือไม่ถูกต้อง",
};

interface LetterFacts {
  agency: Agency;
  matterId: string;
  entryId: string;
  receiptNumber: string;
  serviceName: string;
  applicantName: string;
  signerName: string;
  ownerUnit: string;
}

const SIGNER_POSITION = "เจ้าหน้าที่ผู้รับคำขอ";
const ACT = "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558";

/** The numbered items of a record, with the manual's names of the documents (LF-3). */
function itemLines(items: readonly DeficiencyItem[], checklist: readonly RequiredDocument[]): string {
  return items
    .map((item, i) => {
      const doc = checklist.find((d) => d.id === item.documentId);
      const note = item.note ? `: ${item.note}` : "";
      return `${i + 1}. ${doc?.name.th ?? item.documentId} (${PROBLEM_TH[item.problem]})${note}`;
    })
    .join("\n");
}

/** RV-2, LF-2 (Act s.8): the deficiency record sent to the applicant as an external letter (ES-1). */
export function deficiencyLetter(
  facts: LetterFacts,
  record: { items: readonly DeficiencyItem[]; deadline: Date; days: number; kind: DayKind },
  checklist: readonly RequiredDocument[],
): NewLetter {
  return {
    agencyId: facts.agency.id,
    kind: "external",
    purpose: "deficiency-record",
    matterId: facts.matterId,
    repliesToEntryId: facts.entryId,
    toName: facts.applicantName,
    subject: `แจ้งความบกพร่องของคำขอ${facts.serviceName} (เลขรับที่ ${facts.receiptNumber})`,
    salutation: `เรียน ${facts.applicantName}`,
    body: [
      `ตามที่ท่านได้ยื่นคำขอ${facts.serviceName} เลขรับที่ ${facts.receiptNumber} นั้น`,
      "เจ้าหน้าที่ได้ตรวจสอบคำขอตามคู่มือสำหรับประชาชนแล้ว พบว่ายังขาดเอกสารหรือหลักฐาน หรือเอกสารไม่ถูกต้อง ดังนี้",
      itemLines(record.items, checklist),
      `ขอให้ท่านยื่นเอกสารหรือแก้ไขให้ครบถ้วนภายใน ${record.days} ${DAY_KIND_TH[record.kind]} คือภายในวันที่ ${deadlineText(facts.agency, record.deadline)} ทางหน้าติดตามคำขอ ตอบกลับอีเมล หรือ LINE ช่องทางเดิม`,
      `หากพ้นกำหนดแล้วยังไม่ดำเนินการ หน่วยงานจะคืนคำขอพร้อมแจ้งเหตุผล ทั้งนี้ ตามมาตรา 8 แห่ง${ACT} ซึ่งให้ขอเอกสารเพิ่มเติมได้เพียงครั้งเดียว`,
    ].join("\n\n"),
    signerName: facts.signerName,
    signerPosition: SIGNER_POSITION,
    ownerUnit: facts.ownerUnit,
  };
}

/** LF-4 (Act s.8): the application returned with its reasons, the record's deadline having passed. */
export function returnLetter(
  facts: LetterFacts,
  record: { items: readonly DeficiencyItem[]; deadline: Date; letterNumber: string },
  checklist: readonly RequiredDocument[],
): NewLetter {
  return {
    agencyId: facts.agency.id,
    kind: "external",
    purpose: "return",
    matterId: facts.matterId,
    repliesToEntryId: facts.entryId,
    toName: facts.applicantName,
    subject: `คืนคำขอ${facts.serviceName} (เลขรับที่ ${facts.receiptNumber})`,
    salutation: `เรียน ${facts.applicantName}`,
    reference: `หนังสือแจ้งความบกพร่อง ที่ ${record.letterNumber}`,
    body: [
      `ตามหนังสือที่อ้างถึง หน่วยงานได้แจ้งให้ท่านยื่นเอกสารหรือแก้ไขคำขอ${facts.serviceName} เลขรับที่ ${facts.receiptNumber} ภายในวันที่ ${deadlineText(facts.agency, record.deadline)} นั้น`,
      "บัดนี้ พ้นกำหนดแล้ว ท่านยังมิได้ดำเนินการในรายการต่อไปนี้",
      itemLines(record.items, checklist),
      `หน่วยงานจึงขอคืนคำขอของท่าน ด้วยเหตุผลว่าคำขอไม่ครบถ้วนภายในกำหนดตามบันทึกความบกพร่อง ตามมาตรา 8 แห่ง${ACT} ท่านยื่นคำขอใหม่ได้ทุกเมื่อ`,
    ].join("\n\n"),
    signerName: facts.signerName,
    signerPosition: SIGNER_POSITION,
    ownerUnit: facts.ownerUnit,
  };
}
