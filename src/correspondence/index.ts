export {
  type AnnouncementKind,
  type AnnouncementRow,
  type OutgoingLetterRow,
  SECRECIES,
  type Secrecy,
  URGENCIES,
  type Urgency,
} from "./correspondence.table.js";
export { issueLetter, type NewLetter, sendableByEmail } from "./issue-letter.js";
export { letterPdf } from "./letter-pdf.js";
export {
  findLetter,
  findReplyLetters,
  listApplicantLetters,
  listMatterLetters,
} from "./letters.repo.js";
export { lettersPanel } from "./letters-panel.js";
export { CORRESPONDENCE_SEALED_COLUMNS } from "./sealed-columns.js";
