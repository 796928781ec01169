import type { StatusBanner } from "../platform/http/layout.js";
import { formatDateTime } from "../platform/i18n/format.js";
import { type Lang, t } from "../platform/i18n/index.js";
import type { ShownNotice } from "./shown-notices.js";

const ZONE = "Asia/Bangkok";

/** The notice's sentence in `lang`: its kind, its times in Thai time (BE dates in Thai), its text. */
export function noticeSentence(lang: Lang, { notice, state }: ShownNotice): string {
  const text = lang === "th" ? notice.text_th : notice.text_en;
  const from = formatDateTime(lang, new Date(notice.starts_at), ZONE);
  const to = notice.ends_at ? formatDateTime(lang, new Date(notice.ends_at), ZONE) : "";
  if (notice.kind === "downtime")
    return t(lang, state === "upcoming" ? "status.banner.downtimeUpcoming" : "status.banner.downtimeNow", {
      from,
      to,
      text,
    });
  if (notice.kind === "degraded")
    return t(lang, to ? "status.banner.degradedUntil" : "status.banner.degraded", { to, text });
  return t(lang, "status.banner.information", { text });
}

/** The page frame's banners: an outage (degraded, or downtime under way) is an alert, the rest a status. */
export function bannersOf(lang: Lang, shown: readonly ShownNotice[]): StatusBanner[] {
  return shown.map((one) => ({
    kind:
      one.notice.kind === "degraded" || (one.notice.kind === "downtime" && one.state === "current")
        ? "outage"
        : "notice",
    text: noticeSentence(lang, one),
  }));
}

/** The `Service-Status` header's value: the gravest state shown (WS-4), or undefined when none. */
export function headerStatusOf(shown: readonly ShownNotice[]): string | undefined {
  const states: string[] = shown.map(({ notice, state }) =>
    notice.kind === "downtime" ? (state === "current" ? "downtime" : "downtime-planned") : notice.kind,
  );
  return ["downtime", "degraded", "downtime-planned", "information"].find((s) => states.includes(s));
}
