import type { Agency } from "../../agencies/index.js";
import { createLineLinkToken, LINE_LINK_MINUTES } from "../../identity/index.js";
import { bilingual } from "../../platform/i18n/index.js";
import type { LineText } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";

const LINK_WORDS = ["เชื่อมบัญชี", "link account"];

/** A message asking for the account link: a command to the bot, never registered as a request. */
export const isLinkCommand = (text: string): boolean =>
  LINK_WORDS.includes(text.trim().toLowerCase().replace(/\s+/g, " "));

/** PD-6: the reply with a one-time link (15 minutes) that ties this LINE user to a signed-in account. */
export async function lineLinkReply(
  deps: LineIntakeDeps,
  agency: Agency,
  lineUserId: string,
): Promise<LineText> {
  const token = await createLineLinkToken(
    deps.handle.db,
    { agencyId: agency.id, lineUserId },
    deps.clock.now(),
  );
  const url = `${deps.publicUrl}/a/${agency.id}/account/line-link/${token}`;
  return { text: bilingual("line.linkAccount", { minutes: LINE_LINK_MINUTES, url }) };
}
