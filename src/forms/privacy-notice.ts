import { hasMessage, type Lang, t } from "../platform/i18n/index.js";
import { sha256Hex } from "../platform/ids.js";
import type { FieldDataClass, FormDefinition, LawfulBasis } from "./form-definition.js";

type Text = { th: string; en?: string };
const inLang = (lang: Lang, text: Text | undefined) =>
  text ? (lang === "en" ? text.en || text.th : text.th) : "";

/** What of a published service version the notice is made from (a ServiceVersion's parts fit). */
export interface NoticeSource {
  version: number;
  definition: {
    name: Text;
    form: FormDefinition;
    privacy: { purpose: Text; retention: Text; contact: Text };
  };
}

/** PD-1: the privacy notice of one service version, in one language. */
export interface PrivacyNotice {
  /** `<service version>-<sha256 prefix of the notice in both languages>`: kept with the draft and application. */
  version: string;
  service: string;
  controller: string;
  purpose: string;
  /** What is collected, grouped by lawful basis; each item with its data class. */
  groups: {
    basis: LawfulBasis;
    basisText: string;
    items: { label: string; dataClass: FieldDataClass; classText: string }[];
  }[];
  retention: string;
  contact: string;
}

function content(source: NoticeSource, agency: { nameTh: string; nameEn: string }, lang: Lang) {
  const { definition } = source;
  const byBasis = new Map<LawfulBasis, { label: string; dataClass: FieldDataClass; classText: string }[]>();
  // The applicant's own details are collected by every service, as a public task (PD-1 default).
  byBasis.set("public-task", [
    {
      label: t(lang, "privacy.applicantData"),
      dataClass: "personal",
      classText: t(lang, "privacy.class.personal"),
    },
  ]);
  for (const page of definition.form.ui.pages)
    for (const name of page.fields) {
      const ui = definition.form.ui.fields[name];
      if (!ui) continue;
      // A version published before forms were checked may lack them: PD-1's defaults then apply.
      const basis: LawfulBasis = hasMessage(`privacy.basis.${ui.lawfulBasis}`)
        ? ui.lawfulBasis
        : "public-task";
      const dataClass: FieldDataClass = hasMessage(`privacy.class.${ui.dataClass}`)
        ? ui.dataClass
        : "personal";
      const items = byBasis.get(basis) ?? [];
      items.push({
        label: inLang(lang, ui.label),
        dataClass,
        classText: t(lang, `privacy.class.${dataClass}`),
      });
      byBasis.set(basis, items);
    }
  return {
    service: inLang(lang, definition.name),
    controller: lang === "en" ? agency.nameEn : agency.nameTh,
    purpose: inLang(lang, definition.privacy.purpose),
    groups: [...byBasis].map(([basis, items]) => ({
      basis,
      basisText: t(lang, `privacy.basis.${basis}`),
      items,
    })),
    retention: inLang(lang, definition.privacy.retention),
    contact: inLang(lang, definition.privacy.contact),
  };
}

/**
 * PD-1: the privacy notice of a service version, generated from each field's lawful basis and data class
 * and the service's privacy section; shown before anything is collected. Its version changes whenever
 * its text does in either language, so an application says exactly which notice its applicant saw.
 */
export function privacyNotice(
  source: NoticeSource,
  agency: { nameTh: string; nameEn: string },
  lang: Lang,
): PrivacyNotice {
  const both = JSON.stringify({ th: content(source, agency, "th"), en: content(source, agency, "en") });
  const version = `${source.version}-${sha256Hex(both).slice(0, 12)}`;
  return { version, ...content(source, agency, lang) };
}
