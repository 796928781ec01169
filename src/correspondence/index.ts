export {
  type OutgoingLetterRow,
  SECRECIES,
  type Secrecy,
  URGENCIES,
  type Urgency,
} from "./correspondence.table.js";
export { issueLetter, type NewLetter, sendableByEmail } from "./issue-letter.js";
export { findLetter, listMatterLetters } from "./letters.repo.js";
