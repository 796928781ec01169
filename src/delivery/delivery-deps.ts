import type { SmsGateway } from "../forms/index.js";
import type { LicensingDeps } from "../licensing/index.js";

/** What the delivery room's sweep, routes and panel are given: the licensing room's parts and its own. */
export interface DeliveryDeps extends LicensingDeps {
  /** DL-4: files above this many bytes go as an expiring signed link instead of an attachment. */
  attachMaxBytes: number;
  /** DL-3: where a protected file's password goes when a phone is known; none: not by SMS. */
  sms?: SmsGateway;
}
