import type { FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { checkText } from "./form-fields.js";

/** No path parameter or query value of ours is longer; the tracking token and cursors are far shorter. */
const MAX_URL_VALUE = 2_000;

/**
 * Path parameters and query values are checked like form fields before anything uses them (#9): text
 * only (a control character such as NUL would reach SQL, where PostgreSQL refuses it with an error),
 * not repeated, not overlong. A cookie that is not such text is dropped, as if it had not been sent.
 */
export async function checkUrlInput(request: FastifyRequest): Promise<void> {
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string") checkText(value, name, MAX_URL_VALUE);
  }
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) throw new AppError("FIELD_REPEATED", { field: name }, { field: name });
    if (typeof value === "string") checkText(value, name, MAX_URL_VALUE);
  }
  const cookies = request.cookies ?? {};
  for (const [name, value] of Object.entries(cookies)) {
    try {
      if (typeof value === "string") checkText(value, name, 4_096);
    } catch {
      delete cookies[name];
    }
  }
}

/**
 * After validation: a number the schema coerced from text must be finite. Ajv turns "1e309" into
 * Infinity and lets it through an integer's bounds; PostgreSQL then refuses it with an error (a 500).
 */
export async function checkCoercedNumbers(request: FastifyRequest): Promise<void> {
  for (const source of [request.params, request.query]) {
    for (const [name, value] of Object.entries((source ?? {}) as Record<string, unknown>)) {
      if (typeof value === "number" && !Number.isFinite(value))
        throw new AppError("VALIDATION_FAILED", { detail: name }, { field: name });
    }
  }
}
