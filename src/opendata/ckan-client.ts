import type { CkanTarget } from "./open-data-settings.js";

/** A refusal or failure of the catalogue, with CKAN's own message (recorded with the push). */
export class CkanError extends Error {
  constructor(
    message: string,
    /** CKAN's `error.__type` ("Not Found Error", "Authorization Error", "Validation Error"), or "Network". */
    readonly type: string,
  ) {
    super(message);
    this.name = "CkanError";
  }
}

const TIMEOUT_MS = 15_000;

/** CKAN's error object as one line: its message, or each field's messages for a validation error. */
function errorText(error: Record<string, unknown>): string {
  const { __type, message, ...fields } = error;
  const details = Object.entries(fields)
    .map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(" ") : String(value)}`)
    .join("; ");
  return [String(__type ?? "Error"), typeof message === "string" ? message : "", details]
    .filter(Boolean)
    .join(": ")
    .slice(0, 1000);
}

/**
 * One call of the CKAN Action API: POST JSON to `<url>/api/3/action/<action>` with the token in
 * `Authorization`; the `{success, result}` envelope opened. Throws CkanError on `success: false`, an
 * answer that is not the envelope, a network failure or a timeout.
 */
export async function ckanAction<T = Record<string, unknown>>(
  target: Pick<CkanTarget, "url" | "token">,
  action: string,
  body: Record<string, unknown>,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}/api/3/action/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: target.token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CkanError(`${action}: catalogue unreachable (${cause ?? (error as Error).name})`, "Network");
  }
  let envelope: { success?: unknown; result?: unknown; error?: Record<string, unknown> };
  try {
    envelope = (await res.json()) as typeof envelope;
  } catch {
    throw new CkanError(`${action}: HTTP ${res.status}, not a CKAN answer`, "Network");
  }
  if (envelope?.success === true && res.ok) return envelope.result as T;
  const error = envelope?.error && typeof envelope.error === "object" ? envelope.error : {};
  throw new CkanError(
    `${action}: HTTP ${res.status} ${errorText(error)}`,
    String(error.__type ?? `HTTP ${res.status}`),
  );
}
