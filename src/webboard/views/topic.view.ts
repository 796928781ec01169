import { type Html, html } from "../../platform/html.js";
import { formatDate } from "../../platform/i18n/format.js";
import { type Lang, t } from "../../platform/i18n/index.js";
import type { PublishedAnswer } from "../published-answers.repo.js";
import type { PublicPost, PublicTopic } from "../webboard-reads.js";
import { errorNotice, pickName, when } from "./webboard.view.js";

/** Who reads the page: nobody signed in, or a citizen with the session's CSRF token. */
export type Reader = { signedIn: false } | { signedIn: true; csrf: string };

const reportForm = (lang: Lang, action: string, csrf: string, id: string) =>
  html`<details><summary>${t(lang, "webboard.report")}</summary><form method="post" action="${action}">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="reason-${id}">${t(lang, "webboard.reportReason")}</label><input type="text" id="reason-${id}" name="reason" maxlength="500" required>
<button type="submit">${t(lang, "webboard.reportSend")}</button></form></details>`;

/** WB-1, WB-3: an approved answer with its citation (dates in BE in Thai) and the unit's current contact. */
function answerView(lang: Lang, answer: PublishedAnswer): Html {
  const c = answer.contact;
  return html`<article class="answer" aria-label="${t(lang, "webboard.answer")}">
<h3>${t(lang, "webboard.answerBy", { unit: lang === "en" ? c.nameEn : c.nameTh })}</h3>
<p class="pre">${answer.body}</p>
<dl><dt>${t(lang, "webboard.regulation")}</dt><dd>${answer.regulation}</dd>
<dt>${t(lang, "webboard.effectiveOn")}</dt><dd>${formatDate(lang, answer.regulationEffectiveOn)}</dd>
<dt>${t(lang, "webboard.holdsAsOf")}</dt><dd>${formatDate(lang, answer.holdsAsOf)}</dd>
<dt>${t(lang, "webboard.contact")}</dt><dd>${[c.phone, c.email].filter(Boolean).join(" · ") || "—"}</dd></dl>
</article>`;
}

/** WB-1, WB-2: a topic: its posts (a hidden one as the moderator's reason), published answers, the reply form. */
export function topicView(view: {
  lang: Lang;
  base: string;
  topic: PublicTopic;
  posts: PublicPost[];
  answers: PublishedAnswer[];
  reader: Reader;
  values?: { body: string };
  error?: { message: string; code: string };
  notice?: string;
}): Html {
  const { lang, base, topic, reader } = view;
  const path = `${base}/webboard/topics/${topic.id}`;
  if (topic.status === "hidden")
    return html`<h1>${t(lang, "webboard.hiddenTopicTitle")}</h1>
<p>${t(lang, "webboard.hiddenTopic", { reason: topic.hiddenReason ?? "" })}</p>
<p><a href="${base}/webboard">${t(lang, "webboard.back")}</a></p>`;
  const posts = view.posts.map(
    (
      post,
      i,
    ) => html`<li id="post-${post.id}"><small>${i === 0 ? t(lang, "webboard.questionLabel") : t(lang, "webboard.replyLabel")} · ${when(lang, post.createdAt)}</small>
${post.body === null ? html`<p class="hidden-post"><em>${t(lang, "webboard.hiddenPost", { reason: post.hiddenReason ?? "" })}</em></p>` : html`<p class="pre">${post.body}</p>`}
${reader.signedIn && post.body !== null ? reportForm(lang, `${path}/posts/${post.id}/report`, reader.csrf, post.id) : ""}</li>`,
  );
  const replyForm = reader.signedIn
    ? html`<form method="post" action="${path}/reply">
<input type="hidden" name="_csrf" value="${reader.csrf}">
<label for="body">${t(lang, "webboard.yourReply")}</label><textarea id="body" name="body" rows="5" maxlength="5000" required>${view.values?.body ?? ""}</textarea>
<button type="submit">${t(lang, "webboard.send")}</button></form>`
    : html`<p><a href="${base}/account/sign-in?return=${encodeURIComponent(`${base}/webboard/topics/${topic.id}`)}">${t(lang, "webboard.signInToReply")}</a></p>`;
  return html`<p><a href="${base}/webboard">${t(lang, "webboard.back")}</a></p>
<h1>${topic.title ?? ""}</h1>
<p><small>${topic.service ? pickName(lang, topic.service.name) : t(lang, "webboard.general")}${topic.status === "closed" ? html` · ${t(lang, "webboard.closed")}` : ""}</small></p>
${view.notice ? html`<p class="notice ok" role="status">${view.notice}</p>` : ""}
${errorNotice(view.error?.message, view.error?.code)}
<ol class="posts">${posts}</ol>
<h2>${t(lang, "webboard.answers")}</h2>
${view.answers.length === 0 ? html`<p>${t(lang, "webboard.noAnswer")}</p>` : view.answers.map((a) => answerView(lang, a))}
${topic.status === "open" ? html`<h2>${t(lang, "webboard.reply")}</h2>${replyForm}` : html`<p>${t(lang, "webboard.closedNote")}</p>`}
${reader.signedIn ? reportForm(lang, `${path}/report`, reader.csrf, "topic") : ""}`;
}
