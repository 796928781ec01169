import { type Html, html } from "../../platform/html.js";
import { formatDateTime } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import { cursorText, type WebboardParams, webboardHref } from "../webboard.query.js";
import type { TopicCursor } from "../webboard.repo.js";
import type { PublicTopic, ServiceChoice } from "../webboard-reads.js";

export const pickName = (lang: Lang, name: { th: string; en?: string }) =>
  lang === "en" && name.en ? name.en : name.th;

export const when = (lang: Lang, iso: string) => formatDateTime(lang, new Date(iso), "Asia/Bangkok");

export const serviceOption = (
  lang: Lang,
  services: ServiceChoice[],
  selected: string,
  anyKey: "webboard.anyService" | "webboard.general",
) =>
  html`<option value="">${t(lang, anyKey)}</option>${services.map(
    (s) =>
      html`<option value="${s.code}"${s.code === selected ? html` selected` : ""}>${pickName(lang, s.name)}</option>`,
  )}`;

/** WB-2: the list of topics, newest activity first, with the search form and the way to the next page. */
export function topicListView(view: {
  lang: Lang;
  base: string;
  params: WebboardParams;
  services: ServiceChoice[];
  topics: PublicTopic[];
  next?: TopicCursor;
}): Html {
  const { lang, base, params } = view;
  const path = `${base}/webboard`;
  const items = view.topics.map(
    (topic) => html`<li><a href="${path}/topics/${topic.id}">${topic.title ?? ""}</a>
<br><small>${topic.service ? pickName(lang, topic.service.name) : t(lang, "webboard.general")} · ${t(lang, "webboard.posts", { n: topic.postCount })} · ${when(lang, topic.lastActivityAt)}${topic.status === "closed" ? html` · ${t(lang, "webboard.closed")}` : ""}</small></li>`,
  );
  return html`<h1>${t(lang, "webboard.title")}</h1>
<p>${t(lang, "webboard.intro")}</p>
<p><a href="${path}/new">${t(lang, "webboard.newTopic")}</a></p>
<form method="get" action="${path}" role="search"><div class="filters">
<div><label for="q">${t(lang, "webboard.search")}</label><input type="text" id="q" name="q" value="${params.q}" maxlength="200"></div>
<div><label for="service">${t(lang, "webboard.service")}</label><select id="service" name="service">${serviceOption(lang, view.services, params.service, "webboard.anyService")}</select></div>
<button type="submit">${t(lang, "webboard.submit")}</button></div></form>
${items.length === 0 ? html`<p>${t(lang, "webboard.none")}</p>` : html`<ul class="topics">${items}</ul>`}
${view.next ? html`<p><a href="${webboardHref(path, { q: params.q, service: params.service, after: cursorText(view.next) })}">${t(lang, "webboard.next")}</a></p>` : ""}
<p><a href="${path}.atom">${t(lang, "webboard.feed")}</a> · <a href="${path}.json">JSON</a></p>`;
}

/** A refusal above the form that caused it, announced to screen readers. */
export const errorNotice = (message: string | undefined, code?: string) =>
  message ? html`<p class="notice error" role="alert" data-code="${code ?? ""}">${message}</p>` : "";

/** WB-2: the new-topic form; `values` keep what was typed when a post is refused. */
export function newTopicView(view: {
  lang: Lang;
  base: string;
  csrf: string;
  services: ServiceChoice[];
  values: { title: string; body: string; service: string };
  error?: { message: string; code: string };
}): Html {
  const { lang, values } = view;
  return html`<h1>${t(lang, "webboard.newTopic")}</h1>
${errorNotice(view.error?.message, view.error?.code)}
<p>${t(lang, "webboard.plainText")}</p>
<form method="post" action="${view.base}/webboard/new">
<input type="hidden" name="_csrf" value="${view.csrf}">
<label for="service">${t(lang, "webboard.about")}</label><select id="service" name="service">${serviceOption(lang, view.services, values.service, "webboard.general")}</select>
<label for="title">${t(lang, "webboard.topicTitle")}</label><input type="text" id="title" name="title" value="${values.title}" maxlength="200" required>
<label for="body">${t(lang, "webboard.question")}</label><textarea id="body" name="body" rows="8" maxlength="5000" required>${values.body}</textarea>
<button type="submit">${t(lang, "webboard.send")}</button>
</form>`;
}

/** WB-2: reading is open to all; posting asks to sign in, and comes back here afterwards. */
export function signInToPostView(lang: Lang, base: string, returnTo: string, unverified: boolean): Html {
  return html`<h1>${t(lang, "webboard.signInTitle")}</h1>
<p>${t(lang, unverified ? "webboard.unverified" : "webboard.signInToPost")}</p>
<p><a href="${base}/account/sign-in?return=${encodeURIComponent(returnTo)}">${t(lang, "webboard.signInLink")}</a></p>
<p><a href="${base}/webboard">${t(lang, "webboard.back")}</a></p>`;
}
