import { showBeDate } from "../forms/index.js";
import type { OutgoingLetterRow, Secrecy, Urgency } from "./correspondence.table.js";

/** ES-1, saraban regulation s.16/s.17: the marks printed on a letter (ชั้นความเร็ว, ชั้นความลับ). */
export const URGENCY_TH: Record<Urgency, string> = {
  normal: "ปกติ",
  urgent: "ด่วน",
  very_urgent: "ด่วนมาก",
  most_urgent: "ด่วนที่สุด",
};
export const SECRECY_TH: Record<Secrecy, string> = {
  normal: "ปกติ",
  confidential: "ลับ",
  secret: "ลับมาก",
  top_secret: "ลับที่สุด",
};
export const URGENCY_EN: Record<Urgency, string> = {
  normal: "Normal",
  urgent: "Urgent",
  very_urgent: "Very urgent",
  most_urgent: "Most urgent",
};
export const SECRECY_EN: Record<Secrecy, string> = {
  normal: "Normal",
  confidential: "Confidential",
  secret: "Secret",
  top_secret: "Top secret",
};

/**
 * A letter's date as the regulation writes it: day, Thai month name, Buddhist year (`8 ธันวาคม 2569`),
 * the forms' own writing of a date (not Intl's), so that the same row always gives the same text.
 */
export const thaiLetterDate = (date: string): string => showBeDate("th", date);

/** The enclosures of a letter as kept (a JSON array of texts). */
export function enclosuresOf(letter: Pick<OutgoingLetterRow, "enclosures">): string[] {
  const value: unknown = JSON.parse(letter.enclosures);
  return Array.isArray(value) ? value.map(String) : [];
}

export const urgencyOf = (letter: Pick<OutgoingLetterRow, "urgency">): Urgency =>
  (letter.urgency in URGENCY_TH ? letter.urgency : "normal") as Urgency;
export const secrecyOf = (letter: Pick<OutgoingLetterRow, "secrecy">): Secrecy =>
  (letter.secrecy in SECRECY_TH ? letter.secrecy : "normal") as Secrecy;
