export { convertPendingPhotos } from "./convert-photos.js";
export {
  existingResult,
  registerWithAcknowledgement,
  result as submitResult,
  type SubmitResult,
  submitWebRequest,
  type WebIntakeDeps,
} from "./submit-web-request.js";
export { normalizeThaiPhone } from "./web-submission.js";
