/**
 * RG-7: an official letter between agencies carries its own number (ที่ มท 0808.2/ว 1234) and date
 * (ลงวันที่ / the dated line under it); the incoming register keeps both beside the receipt number.
 * Read from the first lines of the letter, where the standard layout puts them.
 */
const REFERENCE = /^\s*ที่\s+([ก-ฮ]{1,4}\.?\s?[\d.]+(?:\.\d+)*\s?\/\s?(?:ว\.?\s?)?\d+(?:\s?\/\s?\d+)?)\s*$/m;
const THAI_MONTH =
  "(?:มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม|ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\.)";
// The letter's date stands on a line of its own, or follows "ลงวันที่"; a date inside a sentence is not it.
const DAY = `(\\d{1,2}\\s*${THAI_MONTH}\\s*(?:พ\\.ศ\\.\\s*)?25\\d\\d)`;
const DATE = new RegExp(`^\\s*${DAY}\\s*$|ลงวันที่\\s*${DAY}`, "m");

export function findLetterReference(text: string): { reference: string | null; date: string | null } {
  const head = text.split("\n").slice(0, 12).join("\n");
  const reference = REFERENCE.exec(head)?.[1]?.replace(/\s+/g, " ").trim() ?? null;
  // Only a letter with a number has a letter date; a date in an ordinary mail is just a date.
  const found = reference ? DATE.exec(head) : null;
  const date = (found?.[1] ?? found?.[2])?.replace(/\s+/g, " ").trim() ?? null;
  return { reference, date };
}
