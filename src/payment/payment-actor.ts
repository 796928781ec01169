import type { MatterActor } from "../register/index.js";

/** Who acts in the payment room: a finance officer, or `system` (the bank's callback, a worker). */
export type PaymentActor = MatterActor;
