import type { FastifyRequest } from "fastify";
import type { Html } from "../platform/html.js";
import type { Matter } from "../register/index.js";

/**
 * #12: what a capability shows on an officer's matter page (review's checks and deficiency record,
 * approval's decisions, correspondence's letters, notifications' deliveries), rendered by it. The
 * capability takes its own forms' POSTs under `/office/matters/:matterId/<its name>/…` and sends the
 * officer back to the matter page; each form carries the matter's version (stale forms are refused).
 * Given to the casework routes by the app (src/app.ts), so casework imports none of them.
 */
export type MatterPanel = (req: FastifyRequest, matter: Matter) => Promise<Html | undefined>;
