import type { FastifyRequest } from "fastify";
import { type Html, html, unsafeHtml } from "../../platform/html.js";
import { csrfField } from "../../platform/http/office-page.js";
import { t } from "../../platform/i18n/index.js";
import { breachClock } from "../breach-clock.js";
import { BREACH_DATA_CLASSES, BREACH_RISKS } from "../breach-statuses.js";
import type { Breach } from "../breaches.repo.js";
import { clockText, label, when } from "./breach-labels.js";

/** PD-5: the form recording a breach (times in the agency's time zone). */
function recordForm(req: FastifyRequest): Html {
  const l = req.lang;
  return html`<form method="post" action="${req.basePath}/office/privacy/breaches">${csrfField(req)}
<fieldset><legend>${t(l, "privacy.breach.new")}</legend>
<label for="occurredAt">${t(l, "privacy.breach.occurredAt")}</label>
<input id="occurredAt" name="occurredAt" type="datetime-local" required>
<label for="awareAt">${t(l, "privacy.breach.awareAt")}</label>
<input id="awareAt" name="awareAt" type="datetime-local" required>
<label for="description">${t(l, "privacy.breach.description")}</label>
<textarea id="description" name="description" required maxlength="5000" rows="4"></textarea>
<fieldset><legend>${t(l, "privacy.breach.dataClasses")}</legend>
${BREACH_DATA_CLASSES.map((c) => html`<div><input type="checkbox" id="dc-${c}" name="dataClasses" value="${c}"><label for="dc-${c}">${label(req, "privacy.breach.class", c)}</label></div>`)}
</fieldset>
<label for="peopleEstimate">${t(l, "privacy.breach.people")}</label>
<input id="peopleEstimate" name="peopleEstimate" inputmode="numeric" pattern="[0-9]{1,9}" required>
<fieldset><legend>${t(l, "privacy.breach.risk")}</legend>
${BREACH_RISKS.map((r) => html`<div><input type="radio" id="risk-${r}" name="risk" value="${r}" required><label for="risk-${r}">${label(req, "privacy.breach.risk", r)}</label></div>`)}
</fieldset>
<label for="measures">${t(l, "privacy.breach.measures")}</label>
<textarea id="measures" name="measures" required maxlength="5000" rows="3"></textarea>
<button type="submit">${t(l, "privacy.breach.record")}</button>
</fieldset></form>`;
}

/** PD-5: the breach register, overdue ones flagged, and the form to record one. */
export function breachesView(req: FastifyRequest, breaches: Breach[], now: Date): Html {
  const l = req.lang;
  const base = `${req.basePath}/office/privacy/breaches`;
  const rows = breaches.map((b) => {
    const clock = breachClock(b, now);
    return html`<tr${unsafeHtml(clock.overdue ? ' class="overdue"' : "")}>
<th scope="row"><a href="${base}/${b.id}">${when(req, b.awareAt)}</a></th>
<td>${label(req, "privacy.breach.status", b.status)}</td>
<td>${label(req, "privacy.breach.risk", b.risk)}</td>
<td>${b.peopleEstimate}</td>
<td>${clock.overdue ? html`<strong>${clockText(req, clock)}</strong>` : clockText(req, clock)}</td>
</tr>`;
  });
  return html`<h1>${t(l, "privacy.breach.title")}</h1>
<p>${t(l, "privacy.breach.intro")}</p>
${
  breaches.length
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="breach-caption"><table>
<caption id="breach-caption">${t(l, "privacy.breach.list")}</caption>
<thead><tr><th scope="col">${t(l, "privacy.breach.awareAt")}</th><th scope="col">${t(l, "privacy.breach.statusCol")}</th><th scope="col">${t(l, "privacy.breach.risk")}</th><th scope="col">${t(l, "privacy.breach.people")}</th><th scope="col">${t(l, "privacy.breach.clock")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${t(l, "privacy.breach.none")}</p>`
}
${recordForm(req)}`;
}
