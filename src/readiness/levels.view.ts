import { type Html, html } from "../platform/html.js";
import { type Lang, type MessageKey, t } from "../platform/i18n/index.js";
import type { LiveState, ProcessLevel, ToolState } from "./assess-levels.js";
import { CAPABILITIES, type Capability, PROCESSES } from "./processes.js";
import { LEVELS, type Level } from "./survey-types.js";

export const levelText = (lang: Lang, level: Level) => t(lang, `readiness.level.${level}` as MessageKey);
export const capabilityText = (lang: Lang, c: Capability) => t(lang, `readiness.cap.${c}` as MessageKey);

/** A tool's tick, in words as well as a sign (never colour alone). */
export function tickText(lang: Lang, state: ToolState): string {
  if (state.live) return t(lang, "readiness.tick.live");
  if (state.declared) return t(lang, "readiness.tick.declared");
  return t(lang, "readiness.tick.none");
}

const toolList = (lang: Lang, states: ToolState[]) =>
  html`<ul>${states.map((s) => html`<li>${s.tool.name[lang]} <span class="${s.live || s.declared ? "tick" : "no-tick"}">${tickText(lang, s)}</span></li>`)}</ul>`;

/** RD-2: each process's level and its recommended tools per level, ticked from the live state. */
export function levelsTable(lang: Lang, levels: readonly ProcessLevel[]): Html {
  return html`<div class="table-wrap" tabindex="0"><table id="readiness-levels">
<caption>${t(lang, "readiness.levels")}</caption>
<thead><tr><th scope="col">${t(lang, "readiness.process")}</th><th scope="col">${t(lang, "readiness.level")}</th>${LEVELS.map((l) => html`<th scope="col">${levelText(lang, l)}</th>`)}</tr></thead>
<tbody>${levels.map((p) => {
    const process = PROCESSES.find((one) => one.id === p.processId)!;
    return html`<tr id="process-${p.processId}"><th scope="row">${process.name[lang]}</th><td class="level">${levelText(lang, p.level)}</td>${LEVELS.map((l) => html`<td>${toolList(lang, p.tools[l])}</td>`)}</tr>`;
  })}</tbody>
</table></div>
<p>${t(lang, "readiness.rule")}</p>`;
}

/** What the install provides, each capability read live (or as it was when an assessment was saved). */
export function providesList(lang: Lang, live: LiveState): Html {
  return html`<h2>${t(lang, "readiness.provides")}</h2>
<ul id="readiness-provides">${CAPABILITIES.map((c) => html`<li data-capability="${c}">${capabilityText(lang, c)}: <strong>${live[c] ? t(lang, "readiness.yes") : t(lang, "readiness.no")}</strong></li>`)}</ul>`;
}
