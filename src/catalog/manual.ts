import type { FormDefinition } from "../forms/index.js";
import { DEFAULT_PAYMENT_TERMS, feeAmountText, feeAppliesText, paymentTermsText } from "./fee-text.js";
import type { Fee, RequiredDocument, ServiceDefinition, ServiceStep, Text } from "./service-definition.js";
import type { ServiceVersion } from "./service-versions.repo.js";

/**
 * CM-1, CM-4: a published version as the fields of an info.go.th citizen manual (THAI-PROCESS-LAW §2.3),
 * in their order and with their numbers where info.go.th numbers them; each field's value as data and
 * as lines of text in both languages. The service page, the JSON and CSV exports and the PDF read this.
 */
export interface ManualField {
  /** info.go.th's field number, null for the header and publication fields it does not number. */
  no: string | null;
  key: string;
  label: Required<Text>;
  value: unknown;
  /** The value as lines people read; never empty (CM-2: "no fee", "no documents" said). */
  lines: Required<Text>[];
}

export interface Manual {
  format: "borikan.manual/1";
  agency: Required<Text>;
  code: string;
  version: number;
  publishedAt: string;
  definitionSha256: string;
  fields: ManualField[];
}

const both = (text: Text | undefined): Required<Text> => ({
  th: text?.th ?? "",
  en: text?.en || text?.th || "",
});
const join = (parts: (Text | undefined)[], sep = " — "): Required<Text> => {
  const present = parts.filter((p): p is Text => Boolean(p && p.th.trim() !== ""));
  return { th: present.map((p) => p.th).join(sep), en: present.map((p) => both(p).en).join(sep) };
};
const NONE: Required<Text> = { th: "-", en: "-" };

export const NO_FEE: Required<Text> = { th: "ไม่มีค่าธรรมเนียม", en: "No fee" };
export const NO_DOCUMENTS: Required<Text> = { th: "ไม่ต้องใช้เอกสาร", en: "No documents needed" };

export const durationText = (amount: number, unit: "minutes" | "days"): Required<Text> =>
  unit === "minutes"
    ? { th: `${amount} นาที`, en: `${amount} minutes` }
    : { th: `${amount} วัน`, en: `${amount} days` };

export const timeLimitText = (d: ServiceDefinition): Required<Text> =>
  d.timeLimit.dayKind === "business"
    ? { th: `${d.timeLimit.amount} วันทำการ`, en: `${d.timeLimit.amount} working days` }
    : { th: `${d.timeLimit.amount} วัน (นับวันตามปฏิทิน)`, en: `${d.timeLimit.amount} calendar days` };

export const stepText = (s: ServiceStep): Required<Text> =>
  join([s.kind, s.detail, durationText(s.duration, s.durationUnit), s.responsible, s.note]);

export const documentCountText = (doc: RequiredDocument): Required<Text> => {
  const unit = both(doc.countUnit);
  return {
    th: `ฉบับจริง ${doc.originals} ${unit.th}, สำเนา ${doc.copies} ${unit.th}`,
    en: `originals: ${doc.originals}, copies: ${doc.copies} (${unit.en})`,
  };
};

export const documentText = (doc: RequiredDocument): Required<Text> =>
  join([
    doc.name,
    doc.issuer && join([{ th: "ผู้ออกเอกสาร:", en: "Issued by:" }, doc.issuer], " "),
    documentCountText(doc),
    doc.note,
  ]);

/** CM-2, PY-1: a fee as people read it: what it is for, how it is computed, when it applies. */
export const feeText = (fee: Fee, form?: FormDefinition): Required<Text> =>
  join([fee.detail, feeAmountText(fee, form), fee.condition, feeAppliesText(fee, form)]);

/** The manual of `version`, as its fields in info.go.th's order. */
export function manualOf(version: ServiceVersion, agency: Text): Manual {
  const d = version.definition;
  const field = (no: string | null, key: string, label: Text, value: unknown, lines: Required<Text>[]) => ({
    no,
    key,
    label: both(label),
    value,
    lines: lines.length > 0 ? lines : [NONE],
  });
  const optional = (t: Text | undefined) => (t ? [both(t)] : []);
  return {
    format: "borikan.manual/1",
    agency: both(agency),
    code: d.code,
    version: version.version,
    publishedAt: version.publishedAt.toISOString(),
    definitionSha256: version.definitionSha256,
    fields: [
      field(null, "responsibleUnit", { th: "หน่วยงานที่ให้บริการ", en: "Service provider" }, d.responsibleUnit, [
        both(d.responsibleUnit),
      ]),
      field("1", "name", { th: "ชื่อกระบวนงาน", en: "Process name" }, d.name, [both(d.name)]),
      field(
        "2",
        "centralAgency",
        { th: "หน่วยงานเจ้าของกระบวนงาน", en: "Owning agency" },
        d.centralAgency ?? null,
        optional(d.centralAgency),
      ),
      field(
        "3",
        "serviceType",
        { th: "ประเภทของงานบริการ", en: "Type of service" },
        d.serviceType ?? null,
        optional(d.serviceType),
      ),
      field("4", "category", { th: "หมวดหมู่ของงานบริการ", en: "Category" }, d.category, [both(d.category)]),
      field(
        "5",
        "legalBasis",
        { th: "กฎหมายที่ให้อำนาจการอนุญาต หรือที่เกี่ยวข้อง", en: "Legal basis" },
        d.legalBasis,
        d.legalBasis.map(both),
      ),
      field(
        "7",
        "serviceArea",
        { th: "พื้นที่ให้บริการ", en: "Service area" },
        d.serviceArea ?? null,
        optional(d.serviceArea),
      ),
      field(
        "8",
        "timeLimit",
        { th: "ระยะเวลาที่กำหนดตามกฎหมาย / ข้อกำหนด", en: "Time limit set by law" },
        d.timeLimit,
        [timeLimitText(d)],
      ),
      field(
        "11",
        "channels",
        { th: "ช่องทางการให้บริการ", en: "Service channels" },
        d.channels,
        d.channels.map((c) => join([c.place, c.hours, c.note])),
      ),
      field(
        "12",
        "conditions",
        {
          th: "หลักเกณฑ์ วิธีการ เงื่อนไข (ถ้ามี) ในการยื่นคำขอ และในการพิจารณาอนุญาต",
          en: "Criteria, method and conditions",
        },
        d.conditions,
        [both(d.conditions)],
      ),
      field(
        "13",
        "steps",
        { th: "ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ", en: "Steps, durations and responsible units" },
        d.steps,
        [
          ...d.steps.map(stepText),
          join([{ th: "ระยะเวลาดำเนินการรวม", en: "Total time" }, timeLimitText(d)], ": "),
        ],
      ),
      field(
        "15",
        "documents",
        { th: "รายการเอกสารหลักฐานประกอบ", en: "Required documents" },
        d.documents,
        d.documents.length > 0 ? d.documents.map(documentText) : [NO_DOCUMENTS],
      ),
      field(
        "16",
        "fees",
        { th: "ค่าธรรมเนียม", en: "Fees" },
        d.noFee ? [] : d.fees,
        d.noFee ? [NO_FEE] : d.fees.map((fee) => feeText(fee, d.form)),
      ),
      // #14 fees (PY-1): how long the applicant has to pay, and what an unpaid notice leads to
      field(
        null,
        "paymentTerms",
        { th: "การชำระค่าธรรมเนียม", en: "Paying the fees" },
        d.noFee ? null : (d.payment ?? DEFAULT_PAYMENT_TERMS),
        d.noFee ? [] : [paymentTermsText(d.payment)],
      ),
      field(
        "17",
        "complaintChannels",
        { th: "ช่องทางการร้องเรียน", en: "Complaint channels" },
        d.complaintChannels,
        d.complaintChannels.map((c) => join([c.name, c.contact])),
      ),
      field("19", "remarks", { th: "หมายเหตุ", en: "Remarks" }, d.remarks ?? null, optional(d.remarks)),
      field(null, "risk", { th: "ระดับความเสี่ยง (ID-1)", en: "Risk level (ID-1)" }, d.risk, [riskText(d)]),
      field(
        null,
        "displaysLicence",
        { th: "เปิดเผยใบอนุญาตต่อสาธารณะ", en: "Licence displayed publicly" },
        d.displaysLicence,
        [d.displaysLicence ? { th: "ใช่", en: "Yes" } : { th: "ไม่ใช่", en: "No" }],
      ),
      field(
        null,
        "infoGoThUrl",
        { th: "คู่มือที่ได้รับอนุมัติบน info.go.th", en: "Approved manual on info.go.th" },
        d.infoGoThUrl ?? null,
        d.infoGoThUrl ? [{ th: d.infoGoThUrl, en: d.infoGoThUrl }] : [],
      ),
      field(null, "version", { th: "ฉบับที่", en: "Version" }, version.version, [
        { th: String(version.version), en: String(version.version) },
      ]),
      field(null, "publishedAt", { th: "วันที่เผยแพร่คู่มือ", en: "Published" }, version.publishedAt.toISOString(), [
        { th: version.publishedAt.toISOString(), en: version.publishedAt.toISOString() },
      ]),
    ],
  };
}

const RISK: Record<string, Required<Text>> = {
  low: { th: "ต่ำ", en: "low" },
  medium: { th: "ปานกลาง", en: "medium" },
  high: { th: "สูง", en: "high" },
};
export const riskText = (d: ServiceDefinition): Required<Text> => RISK[d.risk.level] ?? NONE;
