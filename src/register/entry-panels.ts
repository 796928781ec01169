import type { FastifyRequest } from "fastify";
import { type Html, html } from "../platform/html.js";
import type { Entry } from "./entry.js";
import type { RegisterRoutesOptions } from "./register-routes.context.js";

/**
 * #17 assistline: what other capabilities show on an entry's page, in order: `entryPanels` (#11, the
 * application) then each of `moreEntryPanels`. Undefined when no capability shows anything.
 */
export async function entryPanelsOf(
  opts: Pick<RegisterRoutesOptions, "entryPanels" | "moreEntryPanels">,
  req: FastifyRequest,
  entry: Entry,
): Promise<Html | undefined> {
  const renderers = [...(opts.entryPanels ? [opts.entryPanels] : []), ...(opts.moreEntryPanels ?? [])];
  if (renderers.length === 0) return undefined;
  const panels: Html[] = [];
  for (const render of renderers) panels.push(await render(req, entry));
  return html`${panels}`;
}
