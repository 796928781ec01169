export { convertPendingPhotos } from "./convert-photos.js";
export { type SubmitResult, submitWebRequest, type WebIntakeDeps } from "./submit-web-request.js";
