import { createThaiPdf } from "../platform/pdf/index.js";
import { thaiDigits } from "./announcement-text.js";
import type { AnnouncementRow } from "./correspondence.table.js";
import { thaiLetterDate } from "./letter-labels.js";

const SIZE = 16;

/** The heading lines of an announcement (ประกาศ…) or a command (คำสั่ง…, ที่ n/พ.ศ.). */
export function announcementHeading(a: AnnouncementRow, agencyName: string): string[] {
  return a.kind !== "s16"
    ? [`ประกาศ${agencyName}`, `เรื่อง ${a.title}`, `พ.ศ. ${thaiDigits(a.be_year)}`]
    : [`คำสั่ง${agencyName}`, `ที่ ${thaiDigits(a.number ?? 0)}/${thaiDigits(a.be_year)}`, `เรื่อง ${a.title}`];
}

/** The closing line: ประกาศ ณ วันที่ … or สั่ง ณ วันที่ …, the day it was issued. */
export function announcementGiven(a: AnnouncementRow, timeZoneDate: string): string {
  return `${a.kind !== "s16" ? "ประกาศ" : "สั่ง"} ณ วันที่ ${thaiLetterDate(timeZoneDate).replace(/ (\d+)$/, " พ.ศ. $1")}`;
}

/**
 * CH-1, CH-13: an announcement or command as PDF in the ประกาศ/คำสั่ง layout: the heading centred
 * (the Garuda's place above it left blank: no emblem is shipped), the text, the date given, the signer.
 */
export async function announcementPdf(
  a: AnnouncementRow,
  agencyName: string,
  givenOn: string,
): Promise<Buffer> {
  const pdf = createThaiPdf({
    title: `${a.kind !== "s16" ? "ประกาศ" : "คำสั่ง"} ${a.title}`,
    lang: "th",
    author: agencyName,
    createdAt: new Date(a.created_at),
  });
  pdf.space(2.2);
  for (const line of announcementHeading(a, agencyName))
    pdf.paragraph(line, { bold: true, size: SIZE, center: true });
  pdf.space(0.5);
  for (const p of a.text.split("\n")) pdf.paragraph(p, { size: SIZE });
  pdf.space(0.5);
  pdf.paragraph(announcementGiven(a, givenOn), { size: SIZE, center: true });
  pdf.space(2);
  pdf.paragraph(`(${a.signer_name})`, { size: SIZE, center: true });
  pdf.paragraph(a.signer_position, { size: SIZE, center: true });
  return pdf.toBuffer();
}
