import type { MatterPanel } from "../casework/index.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { html } from "../platform/html.js";
import { formatDate } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import { findReceiptNumbers } from "../register/index.js";
import { listMatterLetters } from "./letters.repo.js";
import { writesLetters } from "./letters-access.js";

/**
 * ES-1, RG-7: the matter page's panel of its letters (number, date, subject, PDF), each reply naming the
 * incoming entry it answers ("answered by letter ที่ …"), and the link to write one for the matter.
 */
export function lettersPanel(deps: { handle: DatabaseHandle }): MatterPanel {
  return async (req, matter) => {
    const l = req.lang;
    const base = `${req.basePath}/office`;
    const letters = await listMatterLetters(deps.handle.db, matter.id);
    const numbers = await findReceiptNumbers(
      deps.handle.db,
      letters.flatMap((x) => (x.replies_to_entry_id ? [x.replies_to_entry_id] : [])),
    );
    const canWrite = writesLetters(req.staffSession?.staff.roles ?? []);
    return html`<section aria-labelledby="letters-panel-title"><h2 id="letters-panel-title">${t(l, "letters.panel")}</h2>
${
  letters.length === 0
    ? html`<p>${t(l, "letters.panelNone")}</p>`
    : html`<ul>${letters.map((x) => {
        const answered = x.replies_to_entry_id && numbers.get(x.replies_to_entry_id);
        return html`<li data-letter="${x.number}"><a href="${base}/letters/${x.id}">${t(l, "letters.number")} ${x.number}</a> ${formatDate(l, x.letter_date)} — ${x.subject} (<a href="${base}/letters/${x.id}.pdf">PDF</a>)${
          answered ? html`<br>${t(l, "letters.answers", { receiptNumber: answered, number: x.number })}` : ""
        }</li>`;
      })}</ul>`
}
${canWrite ? html`<p><a href="${base}/letters/new?matter=${matter.id}">${t(l, "letters.newForMatter")}</a></p>` : ""}</section>`;
  };
}
