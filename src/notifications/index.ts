export {
  type DeliveryStatus,
  listNotifications,
  type NotificationView,
} from "./list-notifications.js";
export {
  eventOf,
  isNotificationEvent,
  NOTIFICATION_EVENTS,
  NOTIFICATION_PLACEHOLDERS,
  type NotificationEvent,
} from "./notification-events.js";
export { setNotificationTemplates, templateProblem } from "./notification-templates.js";
export { notificationsPanel } from "./notifications-panel.js";
// #17 export
export { listPersonNotifications, type PersonNotification } from "./person-notifications.js";
export { NOTIFICATIONS_SEALED_COLUMNS } from "./sealed-columns.js";
export { type NotificationDeps, sweepNotifications } from "./sweep-notifications.js";
export { deliveryLabel } from "./views/notifications.view.js";
