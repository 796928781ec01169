import { findAgency } from "../../agencies/index.js";
import type { DatabaseHandle } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors.js";
import { saveLineChannel } from "./line.repo.js";

export const LINE_USAGE = `  borikan line set --agency ID --secret-env VAR --token-env VAR [--quiet-minutes 30]
                   [--api-base https://api.line.me] [--data-api-base https://api-data.line.me] [--disable]
                                           connect the agency's LINE Official Account; the channel secret and
                                           access token are read from the environment variables VAR; the
                                           webhook URL is PUBLIC_URL/line/webhook (or /a/ID/line/webhook)
`;

export const LINE_OPTIONS = {
  "secret-env": { type: "string" },
  "token-env": { type: "string" },
  "quiet-minutes": { type: "string" },
  "api-base": { type: "string" },
  "data-api-base": { type: "string" },
} as const;

type Values = Record<string, string | boolean | undefined>;

/** `borikan line set`: connects the agency's LINE channel (CH-10). */
export async function lineCommand(
  command: string | undefined,
  values: Values,
  handle: DatabaseHandle,
): Promise<number> {
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const agencyId = str("agency");
  if (command !== "set") throw new Error(`unknown command: line ${command ?? ""}`);
  if (!agencyId) throw new Error("--agency is required");
  if (!(await findAgency(handle.db, agencyId))) throw new AppError("AGENCY_NOT_FOUND");
  const secretEnv = str("secret-env");
  const tokenEnv = str("token-env");
  if (!secretEnv || !tokenEnv) throw new Error("--secret-env and --token-env are required");
  const quiet = Number(str("quiet-minutes") ?? 30);
  if (!Number.isInteger(quiet) || quiet < 1)
    throw new Error("--quiet-minutes must be a whole number of minutes");
  const settings = {
    secret_env: secretEnv,
    token_env: tokenEnv,
    api_base_url: str("api-base") ?? "https://api.line.me",
    data_api_base_url: str("data-api-base") ?? "https://api-data.line.me",
    quiet_minutes: quiet,
    enabled: values.disable ? 0 : 1,
    updated_at: new Date().toISOString(),
  };
  await saveLineChannel(handle.db, agencyId, settings);
  console.log(`LINE channel of ${agencyId} connected (secret from ${secretEnv}, token from ${tokenEnv})`);
  for (const name of [secretEnv, tokenEnv]) {
    if (!process.env[name])
      console.warn(`warning: ${name} is not set in this environment; the service needs it`);
  }
  return 0;
}
