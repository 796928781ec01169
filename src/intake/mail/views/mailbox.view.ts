import type { FastifyRequest } from "fastify";
import type { OutboxProblem } from "../../../outbox/index.js";
import { type Html, html, unsafeHtml } from "../../../platform/html.js";
import { csrfField } from "../../../platform/http/office-page.js";
import { formatDateTime } from "../../../platform/i18n/format.js";
import { hasMessage, type MessageKey, t } from "../../../platform/i18n/index.js";
import type { MailLine, PossibleDuplicateLine } from "../mail.repo.js";
import type { MailboxAlert, MailboxSettings, MailboxStart } from "../mailbox.repo.js";

export interface MailboxView {
  base: string;
  timeZone: string;
  mailbox: (MailboxSettings & { health: { lastOkAt: Date | null }; start: MailboxStart }) | undefined;
  alerts: MailboxAlert[];
  held: MailLine[];
  /** RG-4: mail kept under an earlier mail's Message-ID and sender, waiting for a decision. */
  duplicates: PossibleDuplicateLine[];
  /** Whether the viewer may choose what a first connection takes (admins). */
  mayStart: boolean;
  automatic: MailLine[];
  uncertain: OutboxProblem[];
  bounced: OutboxProblem[];
  notice?: { kind: "ok" | "error"; text: string };
}

/** The mail server's error as a sentence, its technical text kept after it for whoever fixes it (CH-12). */
function mailboxProblem(l: FastifyRequest["lang"], error: string): string {
  const kind = /^login failed/i.test(error)
    ? "login"
    : /ENOTFOUND|EAI_AGAIN/.test(error)
      ? "unknownHost"
      : /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS/i.test(error)
        ? "certificate"
        : /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|timed? ?out/i.test(error)
          ? "unreachable"
          : "other";
  const sentence = t(l, `mail.problem.${kind}` as MessageKey);
  return error ? `${sentence} (${error})` : sentence;
}

export function alertText(l: FastifyRequest["lang"], alert: MailboxAlert, timeZone: string): string {
  if (alert.problem === "failing")
    return t(l, "mail.alert.failing", {
      since: formatDateTime(l, alert.since, timeZone),
      error: mailboxProblem(l, alert.error),
    });
  if (alert.problem === "stalled")
    return t(l, "mail.alert.stalled", {
      at: alert.lastOkAt ? formatDateTime(l, alert.lastOkAt, timeZone) : t(l, "mail.never"),
    });
  return t(l, "mail.alert.nearlyFull", { percent: alert.percent });
}

/** The central mailbox page: its health (CH-12), the held spam to check (CH-5, CH-6), what was not answered. */
export function mailboxView(req: FastifyRequest, view: MailboxView) {
  const l = req.lang;
  const when = (d: Date) => formatDateTime(l, d, view.timeZone);
  const post = (path: string, label: string, danger = false) =>
    html`<form class="inline" method="post" action="${view.base}/mail/${path}">${csrfField(req)}<button type="submit"${danger ? html` class="danger"` : ""}>${label}</button></form>`;
  const table = (id: string, heads: string[], rows: Html[]) =>
    html`<div class="table-wrap" role="region" aria-labelledby="${id}" tabindex="0"><table><thead><tr>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
  const entryLink = (p: OutboxProblem) =>
    html`<a href="${view.base}/entries/${p.entryId}">${p.receiptNumber}</a>`;
  const section = (id: string, title: string, hint: string | undefined, rows: unknown[], build: () => Html) =>
    html`<h2 id="${id}">${title}</h2>${hint ? html`<p>${hint}</p>` : ""}${rows.length === 0 ? html`<p>${t(l, "mail.none")}</p>` : build()}`;
  return html`<h1>${t(l, "mail.title")}</h1>
${view.notice ? html`<div class="${view.notice.kind === "ok" ? "ok" : "errors"}" role="${view.notice.kind === "ok" ? "status" : "alert"}"><p>${view.notice.text}</p></div>` : ""}
${view.alerts.map((a) => html`<div class="errors" role="alert"><p>${alertText(l, a, view.timeZone)}</p></div>`)}
${
  view.mailbox
    ? html`<dl class="receipt"><dt>${t(l, "mail.account")}</dt><dd>${view.mailbox.username} (${view.mailbox.host}:${String(view.mailbox.port)})</dd>
<dt>${t(l, "mail.lastOk")}</dt><dd>${view.mailbox.health.lastOkAt ? when(view.mailbox.health.lastOkAt) : t(l, "mail.never")}</dd></dl>`
    : html`<p>${t(l, "mail.notConnected")}</p><pre class="pre">borikan mailbox set --agency ${req.agency.id} --host imap.example.go.th --user ${req.agency.centralEmail} --password-env SARABAN_IMAP_PASSWORD</pre>`
}
${view.mailbox ? firstConnection(req, view, view.mailbox.start) : ""}
${section("held-title", t(l, "mail.held"), t(l, "mail.heldHint"), view.held, () =>
  table(
    "held-title",
    [t(l, "register.received"), t(l, "register.from"), t(l, "register.subject"), t(l, "mail.reason"), ""],
    view.held.map(
      (m) =>
        html`<tr><td>${when(m.internalDate)}</td><td>${m.from ?? ""}</td><td>${m.subject ?? ""}</td><td>${t(l, `mail.reason.${m.reason}` as MessageKey)}</td><td>${post(`held/${m.id}/release`, t(l, "mail.release"))} ${post(`held/${m.id}/delete`, t(l, "mail.delete"), true)}</td></tr>`,
    ),
  ),
)}
${section("duplicates-title", t(l, "mail.duplicates"), t(l, "mail.duplicatesHint"), view.duplicates, () =>
  table(
    "duplicates-title",
    [
      t(l, "register.received"),
      t(l, "register.from"),
      t(l, "register.subject"),
      t(l, "mail.earlierMail"),
      "",
    ],
    view.duplicates.map(
      (m) =>
        html`<tr><td><a href="${view.base}/mail/messages/${m.id}">${when(m.internalDate)}</a></td><td>${m.from ?? ""}</td><td>${m.subject ?? ""}</td><td>${m.earlier ? html`<a href="${view.base}/mail/messages/${m.earlier.id}">${when(m.earlier.internalDate)}</a>${m.earlier.entryId ? html` (<a href="${view.base}/entries/${m.earlier.entryId}">${t(l, "mail.view")}</a>)` : ""}` : ""}</td><td>${post(`duplicates/${m.id}/register`, t(l, "mail.registerDuplicate"))} ${post(`duplicates/${m.id}/dismiss`, t(l, "mail.dismissDuplicate"), true)}</td></tr>`,
    ),
  ),
)}
${section("uncertain-title", t(l, "mail.uncertain"), t(l, "mail.uncertainHint"), view.uncertain, () =>
  table(
    "uncertain-title",
    [t(l, "receipt.number"), t(l, "mail.recipient"), t(l, "mail.startedAt"), ""],
    view.uncertain.map(
      (p) =>
        html`<tr><td>${entryLink(p)}</td><td>${p.recipient}</td><td>${when(p.at)}</td><td>${post(`outbox/${p.id}/sent`, t(l, "mail.wasSent"))} ${post(`outbox/${p.id}/resend`, t(l, "mail.resend"))}</td></tr>`,
    ),
  ),
)}
${section("bounced-title", t(l, "mail.bounced"), undefined, view.bounced, () =>
  table(
    "bounced-title",
    [t(l, "receipt.number"), t(l, "mail.recipient"), t(l, "mail.bouncedAt")],
    view.bounced.map(
      (p) => html`<tr><td>${entryLink(p)}</td><td>${p.recipient}</td><td>${when(p.at)}</td></tr>`,
    ),
  ),
)}
${section("automatic-title", t(l, "mail.automatic"), t(l, "mail.automaticHint"), view.automatic, () =>
  table(
    "automatic-title",
    [t(l, "register.received"), t(l, "register.from"), t(l, "register.subject"), t(l, "mail.kind")],
    view.automatic.map(
      (m) =>
        html`<tr><td>${when(m.internalDate)}</td><td>${m.from ?? ""}</td><td>${m.subject ?? ""}</td><td>${t(l, `mail.outcome.${m.outcome}` as MessageKey)}${
          // #10: the sign an automatic reply was known by (automatic-mail.ts), in words.
          m.outcome === "auto-reply" && m.reason && hasMessage(`mail.sign.${m.reason}`)
            ? ` — ${t(l, `mail.sign.${m.reason}` as MessageKey)}`
            : ""
        }</td></tr>`,
    ),
  ),
)}`;
}

/**
 * A first connection to a full mailbox waits: what each folder holds, and (for an admin) the choice to
 * take everything or only mail since a date. Once started with a date, the page says what stays behind.
 */
function firstConnection(req: FastifyRequest, view: MailboxView, start: MailboxStart) {
  const l = req.lang;
  const when = (iso: string | null) => (iso ? formatDateTime(l, new Date(iso), view.timeZone) : "");
  if (start.state === "started")
    return start.takeSince
      ? html`<p>${t(l, "mail.first.since", { date: formatDateTime(l, start.takeSince, view.timeZone) })}</p>`
      : "";
  if (start.state !== "pending" || !start.preview) return "";
  const rows = start.preview.folders.map(
    (f) =>
      html`<tr><td>${f.folder}</td><td>${String(f.count)}</td><td>${when(f.oldest)}</td><td>${when(f.newest)}</td></tr>`,
  );
  const heads = [
    t(l, "mail.first.folder"),
    t(l, "mail.first.count"),
    t(l, "mail.first.oldest"),
    t(l, "mail.first.newest"),
  ];
  const action = `${view.base}/mail/first-connection`;
  return html`<div class="errors" role="status"><h2 id="first-title">${t(l, "mail.first.title")}</h2><p>${t(l, "mail.first.hint")}</p>
<div class="table-wrap" role="region" aria-labelledby="first-title" tabindex="0"><table><thead><tr>${heads.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>
${
  view.mayStart
    ? html`<form class="inline" method="post" action="${action}">${csrfField(req)}<input type="hidden" name="choice" value="all"><button type="submit">${t(l, "mail.first.takeAll")}</button></form>
<form method="post" action="${action}">${csrfField(req)}<input type="hidden" name="choice" value="since"><label for="first-since">${t(l, "mail.first.takeSince")}</label> <input type="date" id="first-since" name="since" required> <button type="submit">${t(l, "mail.first.takeSince")}</button></form>`
    : html`<p>${t(l, "mail.first.waiting")}</p>`
}</div>`;
}

/** The original mail of an entry, sanitised (CH-6), with its headers as the sender wrote them. */
export function originalMailView(
  req: FastifyRequest,
  view: {
    base: string;
    entryId: string;
    receiptNumber: string;
    headers: [string, string][];
    body: string;
    isHtml: boolean;
  },
) {
  const l = req.lang;
  return html`<h1>${t(l, "mail.original", { receiptNumber: view.receiptNumber })}</h1>
<p><a href="${view.base}/entries/${view.entryId}">${t(l, "mail.backToEntry")}</a> · <a href="${view.base}/entries/${view.entryId}/mail.eml">${t(l, "mail.downloadEml")}</a></p>
<p>${t(l, "mail.remoteBlocked")}</p>
<dl class="receipt">${view.headers.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<section class="mail-body" aria-label="${t(l, "entry.body")}">${
    // Only ever the output of sanitiseMailHtml.
    view.isHtml ? unsafeHtml(view.body) : html`<p class="pre">${view.body}</p>`
  }</section>`;
}
