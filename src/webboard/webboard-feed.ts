import { escapeHtml } from "../platform/html.js";
import type { PublicTopic } from "./webboard-reads.js";

/** WB-2: recent topics as an Atom feed: titles and links only, never a post's or an answer's text. */
export function webboardAtom(feed: {
  title: string;
  url: string;
  updated: string;
  topics: PublicTopic[];
}): string {
  const entries = feed.topics.map(
    (topic) => `<entry><id>urn:uuid:${topic.id}</id><title>${escapeHtml(topic.title ?? "")}</title>
<link href="${escapeHtml(`${feed.url}/topics/${topic.id}`)}"/><updated>${topic.lastActivityAt}</updated>
<published>${topic.createdAt}</published></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${escapeHtml(feed.url)}</id><title>${escapeHtml(feed.title)}</title>
<link href="${escapeHtml(feed.url)}"/><updated>${feed.topics[0]?.lastActivityAt ?? feed.updated}</updated>
<author><name>${escapeHtml(feed.title)}</name></author>
${entries.join("\n")}
</feed>`;
}
