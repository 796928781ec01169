// #17 broadcasts (CH-10): LINE broadcasts drafted by an officer, sent only after a supervisor's approval
export type { Broadcast } from "./broadcast.js";
export { BROADCAST_APPROVERS, BROADCAST_STATUSES, BROADCAST_WRITERS } from "./broadcast-statuses.js";
export { broadcastRoutes } from "./broadcasts.routes.js";
export { recordBroadcastAction } from "./record-broadcast-action.js";
export { sendBroadcast } from "./send-broadcast.js";
export { draftBroadcast, editBroadcast } from "./write-broadcast.js";
