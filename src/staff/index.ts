// #13 officers-retention
export { purgeStaffSessions } from "./purge-sessions.js";
export { CASEWORK_ROLES, REGISTER_ROLES, ROLES, type Role } from "./role.js";
export { findStaffName, listStaff, type Staff } from "./staff.repo.js";
export { staffRoutes } from "./staff.routes.js";
export { createStaff, resetPassword } from "./staff-accounts.js";
export { staffGuard } from "./staff-guard.js";
// #13 officers-retention
export { hasRecentStepUp, requireRecentAuth, STEP_UP_MS } from "./step-up.js";
export { totpCode } from "./totp.js";
