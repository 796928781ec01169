// SC-2, RG-4: `borikan backup DIR` / `borikan restore DIR` — a consistent copy of database and files.

export { type CreateBackupOptions, createBackup } from "./backup.js";
export { BackupError, type BackupManifest, MASTER_KEY_NOTE } from "./backup-fs.js";
export { type RestoreBackupOptions, type RestoreResult, restoreBackup, verifyBackup } from "./restore.js";
