import type { FastifyRequest } from "fastify";
import type { Html } from "../platform/html.js";

/**
 * #16: a section another room adds at the end of a service's public page (e.g. the service's FAQ),
 * given the request and the service shown; undefined: nothing to add.
 */
export type ServicePageSection = (
  req: FastifyRequest,
  service: { id: string; code: string },
) => Promise<Html | undefined>;
