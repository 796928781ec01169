import { expect } from "vitest";
import type { TestDatabase } from "./db.js";
import type { TestMailbox } from "./imap.js";
import type { FakeLine } from "./line-server.js";
import type { ApiOutcome, LineOutcome } from "./mixed-traffic.js";
import type { startSmtpListener } from "./smtp.js";

/** What the clients sent and heard during a fault run, and which processes were killed when. */
export interface Traffic {
  api: ApiOutcome[];
  /** The Message-IDs appended to INBOX. */
  mails: string[];
  line: LineOutcome[];
  kills: string[];
}

const bare = (id: string | null) => (id ?? "").replace(/^<|>$/g, "");
/** A receipt number in a text, not part of a longer one (`1/2569` is not in `11/2569`). */
const names = (text: string, receipt: string) =>
  new RegExp(`(?<![\\d/])${receipt.replace("/", "\\/")}(?![\\d/])`).test(text);

/**
 * After a fault run has drained: every acknowledged item registered once, numbers gapless per agency and
 * year (RG-1), no acknowledgement sent twice by mail or LINE (CH-4), every mail taken once and moved, every
 * LINE event handled. Returns a one-line summary (counts, and sends left uncertain by a kill).
 */
export async function checkSurvivors(
  parts: {
    database: TestDatabase;
    mailbox: TestMailbox;
    smtp: Awaited<ReturnType<typeof startSmtpListener>>;
    line: FakeLine;
  },
  traffic: Traffic,
  failed: (what: string) => string,
): Promise<string> {
  const db = parts.database.handle.db;
  const entries = await db
    .selectFrom("entries")
    .select(["id", "agency_id", "be_year", "sequence", "receipt_number", "channel"])
    .select(["idempotency_key", "source_message_id", "line_user_id"])
    .execute();

  // Every API submission answered 201 (or 200 replaying it after a retry) is in the register once.
  const acknowledgedApi = traffic.api.filter((a) => a.acknowledged);
  expect(acknowledgedApi.length, failed("some API submissions acknowledged")).toBeGreaterThan(0);
  for (const sent of traffic.api) {
    const found = entries.filter((e) => e.idempotency_key === `api:${sent.key}`);
    if (sent.acknowledged) {
      expect(
        found.map((e) => e.receipt_number),
        failed(`API ${sent.key}: ${sent.errors}`),
      ).toEqual([sent.receiptNumber]);
    } else expect(found.length, failed(`API ${sent.key} unanswered`)).toBeLessThanOrEqual(1);
  }

  // Every mail appended is taken once, registered once and moved out of INBOX.
  const taken = await db.selectFrom("mail_messages").select(["message_id", "outcome", "entry_id"]).execute();
  for (const messageId of traffic.mails) {
    const rows = taken.filter((m) => bare(m.message_id) === bare(messageId));
    expect(
      rows.map((m) => m.outcome),
      failed(`mail ${messageId}`),
    ).toEqual(["registered"]);
    const registered = entries.filter((e) => bare(e.source_message_id) === bare(messageId));
    expect(
      registered.map((e) => e.id),
      failed(`entry of mail ${messageId}`),
    ).toEqual([rows[0]!.entry_id]);
  }
  expect(await parts.mailbox.list("INBOX"), failed("INBOX emptied")).toHaveLength(0);
  expect(await parts.mailbox.list("Borikan-Processed"), failed("mails moved")).toHaveLength(
    traffic.mails.length,
  );

  // Every LINE conversation acknowledged with a receipt number is one entry; none of a user twice.
  const lineEntries = entries.filter((e) => e.channel === "line");
  const completed = traffic.line.filter((l) => l.receiptNumber);
  expect(completed.length, failed("some LINE conversations acknowledged")).toBeGreaterThan(0);
  for (const talk of completed) {
    const found = lineEntries.filter((e) => e.line_user_id === talk.userId);
    expect(
      found.map((e) => e.receipt_number),
      failed(`LINE ${talk.userId}: ${talk.steps}`),
    ).toEqual([talk.receiptNumber]);
  }
  expect(new Set(lineEntries.map((e) => e.line_user_id)).size, failed("one LINE entry per user")).toBe(
    lineEntries.length,
  );
  const events = await db
    .selectFrom("line_events")
    .select(["webhook_event_id", "status", "last_error", "attempts"])
    .execute();
  expect(
    events.filter((e) => e.status !== "done"),
    failed("every LINE event handled"),
  ).toEqual([]);

  // RG-1: gapless numbers per agency and year, each number once.
  const years = new Map<string, number[]>();
  for (const e of entries)
    years.set(`${e.agency_id} ${e.be_year}`, [
      ...(years.get(`${e.agency_id} ${e.be_year}`) ?? []),
      Number(e.sequence),
    ]);
  for (const [year, sequences] of years) {
    sequences.sort((a, b) => a - b);
    expect(sequences, failed(`RG-1: numbers of ${year}`)).toEqual(sequences.map((_, i) => i + 1));
  }

  // CH-4: no acknowledgement twice, by mail or by LINE; a send the kill cut off is uncertain, never repeated.
  const mails = parts.smtp.messages.map((m) => `${m.subject ?? ""}\n${m.text ?? ""}`);
  const lineTexts = [
    ...parts.line.replies.map((r) => ({ ...r, kind: `reply ${r.replyToken}` })),
    ...parts.line.pushes.map((p) => ({ ...p, kind: `push to ${p.to} (retry key ${p.retryKey})` })),
  ].map((r) => `${r.kind}: ${r.messages.map((m) => m.text ?? "").join("\n")}`);
  const userEvents = await db
    .selectFrom("line_events")
    .select(["user_id", "webhook_event_id", "attempts", "status", "event_at", "processed_at"])
    .execute();
  const saidTwice = (e: (typeof entries)[number], texts: string[]) =>
    `${e.receipt_number} said on LINE ${texts.length} times:\n${texts.join("\n---\n")}\nits user's events: ${JSON.stringify(userEvents.filter((u) => u.user_id === e.line_user_id))}`;
  const outbox = await db.selectFrom("outbox").select(["entry_id", "status", "kind", "attempts"]).execute();
  for (const e of entries) {
    const byMail = mails.filter((t) => names(t, e.receipt_number)).length;
    const lineSaid = lineTexts.filter((t) => names(t, e.receipt_number));
    const byLine = lineSaid.length;
    expect(byMail, failed(`${e.receipt_number} mailed ${byMail} times`)).toBeLessThanOrEqual(1);
    expect(byLine, failed(saidTwice(e, lineSaid))).toBeLessThanOrEqual(1);
    const sent = outbox.filter((o) => o.entry_id === e.id && o.status === "sent");
    if (sent.length > 0) expect(byMail, failed(`${e.receipt_number} recorded sent`)).toBe(1);
  }
  const uncertain = outbox.filter((o) => o.status === "uncertain");
  for (const o of uncertain) expect(o.attempts, failed("an uncertain send is never retried")).toBe(1);
  // #18 line-ack: LINE acknowledgements a kill cut off after LINE may have taken them (never said again).
  const lineUncertain = await db
    .selectFrom("line_drafts")
    .select("entry_id")
    .where("ack_uncertain_at", "is not", null)
    .execute();

  return [
    `kills: ${traffic.kills.join(", ")}`,
    `API ${acknowledgedApi.length}/${traffic.api.length} acknowledged (${traffic.api.filter((a) => a.tries > 1).length} retried)`,
    `mails ${traffic.mails.length}`,
    `LINE ${completed.length}/${traffic.line.length} acknowledged (${events.filter((e) => e.attempts > 1).length} events claimed again after a kill or a failure)`,
    `entries ${entries.length}`,
    `outbox sent ${outbox.filter((o) => o.status === "sent").length}, uncertain ${uncertain.length}`,
    `LINE acknowledgements uncertain ${lineUncertain.length}`,
  ].join("; ");
}
