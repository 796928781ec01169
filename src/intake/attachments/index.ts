export type { FileLimits, FileVerdict, RefusalCode } from "./file-policy.js";
export { ALLOWED_EXTENSIONS, checkFile, safeFilename } from "./file-policy.js";
export { convertHeicToJpeg } from "./heic.js";
// #18 threads
export { convertHeicOn } from "./heic-pooled.js";
export { type ReceivedFile, type ScreenedFile, screenFiles } from "./screen-files.js";
