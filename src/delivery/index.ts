// #15 delivery: licences delivered on the applicant's channel, protected, downloadable (DL-1..4)

export { type ChosenChannel, chooseChannel } from "./choose-channel.js";
export { type DeliverLicenceInput, deliverLicence } from "./deliver-licence.js";
export { findDelivery, listMatterDeliveries } from "./deliveries.repo.js";
export type { DeliveryChannel, DeliveryStatus } from "./deliveries.table.js";
export { deliveryRoutes } from "./delivery.routes.js";
// #18 ops
export { countOpenDeliveries } from "./delivery-counts.js";
export type { DeliveryDeps } from "./delivery-deps.js";
export { deliveryOfficeRoutes } from "./delivery-office.routes.js";
export { deliveryPanel } from "./delivery-panel.js";
export { isValidDownloadLink, signedDownloadUrl } from "./download-link.js";
// #17 export
export { listPersonDeliveries, type PersonDelivery } from "./person-deliveries.js";
export { DELIVERY_SEALED_COLUMNS } from "./sealed-columns.js";
export { sweepDeliveries } from "./sweep-deliveries.js";
