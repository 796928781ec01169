// Zero-width space, non-joiner, joiner, word joiner, BOM: invisible, copied in from word processors.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// SARA AM typed as NIKHAHIT + SARA AA; a tone mark typed between them moves before the vowel.
const SARA_AM_SPLIT = /\u0E4D([\u0E48-\u0E4B]?)\u0E32/g;

/**
 * PR-3: a cell as stored: NFC, no invisible characters, SARA AM composed (ำ is one letter; its decomposed
 * form looks the same but would never match a search or a duplicate check), spaces collapsed.
 */
export function cleanBackfillCell(text: string): string {
  return text
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(SARA_AM_SPLIT, "$1\u0E33")
    .replace(/\s+/g, " ")
    .replace(/\p{Cc}/gu, "")
    .trim();
}
