/**
 * Mail-intake benchmark (issue #4; measured by hand, not in CI): messages per second through Borikan's
 * whole mail intake, beside mailparser alone on the same corpus in the same run, on SQLite and (when one
 * is available) PostgreSQL, each on a fresh database and a fresh Dovecot.
 *
 *   npm run bench -- mail-intake                      both databases, docs/benchmarks.md section rewritten
 *   npm run bench -- mail-intake --db sqlite          one database
 *   npm run bench -- mail-intake --messages 100 --no-docs     a quick, smaller run
 *
 * Corpus (made once, the same bytes on every run): `--messages` mails, each from its own sender with its
 * own Message-ID, a Thai UTF-8 text body and one PDF of `--attachment-kb` KB (test/fixtures/files/
 * sample.pdf with an extra, unreferenced stream object of pseudo-random bytes and a rebuilt xref), base64
 * encoded. Every PDF is run through the allow-list (checkFile) before anything is measured.
 *
 * Per database: a private Dovecot on 127.0.0.1 (test/imap.ts) gets the corpus by APPEND; a fresh database
 * and DATA_DIR; the service (`createService`, ROLE=web, so no worker starts by itself) with the demo
 * agency's mailbox pointed at that Dovecot and SMTP at a local sink (test/smtp.ts). Then, in this order,
 * in this one process, sequentially:
 *   1. mailparser alone: `simpleParser` (with Borikan's options) over the corpus already in memory,
 *      after a warm-up of 50 messages;
 *   2. IMAP fetch + parse: one connection, one streamed UID FETCH (BODY.PEEK[]) per 25 UIDs as the intake
 *      does (each batch read into memory, then parsed), then `simpleParser`; and the same with a single
 *      streamed `UID FETCH 1:*`, parsed as it arrives;
 *   3. Borikan: `service.mail.runOnce("demo")`, from mail in INBOX to all registered and moved, timed
 *      whole. Per batch of 25 UIDs the intake (src/intake/mail/imap-intake.ts `passOver`) sends one
 *      streamed FETCH; prepares the messages up to 8 at once (mailparser, dedupe look-up, the raw message
 *      and the PDF screened and stored with fsync); commits them one by one in UID order (one transaction
 *      each, registering the entry and queueing its acknowledgement); then one UID MOVE of the committed
 *      UIDs and one `moved_at` UPDATE. Wrappers in the bench time the FETCH (call to end of stream), the
 *      window from the end of the FETCH to the MOVE, the MOVE, the `moved_at` UPDATE, the dedupe
 *      look-ups, the file-store writes and the registration transactions, for the breakdown;
 *   4. acknowledgements: `service.outbox.drain()` to the SMTP sink (its own line, not part of the ratio).
 * The ratio is Borikan's messages/s over mailparser alone's, aim ≥ 0.5×.
 *
 * Flags: --db sqlite,postgres  --messages 1000  --attachment-kb 200  --no-docs  --help
 *        --cpu-prof  (a CPU profile of each Borikan pass: summary printed, file kept; docs left alone)
 * PostgreSQL: TEST_PG_URL, else a throwaway server from scripts/pg-test-server.sh. Dovecot must be installed.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { ImapFlow } from "imapflow";
import { sql } from "kysely";
import { simpleParser } from "mailparser";
import pg from "pg";
import { loadConfig } from "../src/config/index.js";
import { checkFile } from "../src/intake/attachments/index.js";
import type { PassSummary } from "../src/intake/mail/index.js";
// #18 threads
import { parseMailOn } from "../src/intake/mail/parse-mail-pooled.js";
import { type Dialect, openDatabase } from "../src/platform/db/database.js";
import { createMailSender } from "../src/platform/mail/transport.js";
import { createThreadPool } from "../src/platform/threads/index.js";
import { createService, type Service } from "../src/service.js";
import { startTestMailbox, type TestMailbox } from "../test/imap.js";
import { connectDemoMailbox, MAILBOX_SECRET_ENV } from "../test/mail.js";
import { startSmtpListener } from "../test/smtp.js";
import { createFreshDatabase, type FreshDatabase, findOrStartPostgres, type PgServer } from "./databases.js";
import { percentile } from "./load.js";
import { cpuTimes } from "./machine.js";
import { summariseProfile } from "./profile.js";
import { markdownTable, replaceSection } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const MAIL_SECTION_TITLE = "## Mail intake (issue #4)";
const AIM = 0.5;
/** Functions worth an inclusive figure in a CPU profile of the pass. */
const PROFILE_WATCH = [
  "passOver",
  "prepareMail",
  "parseMail",
  "simpleParser",
  "dedupeKeyOf",
  "classifyMail",
  "prepareRequest",
  "screenFiles",
  "checkFile",
  "put",
  "registerPrepared",
  "registerEntry",
  "loadBusinessCalendar",
  "recordAudit",
  "markMoved",
  "sha256Hex",
  "messageMove",
  "executeQuery",
  "compileQuery",
];
const WARMUP = 50;
/** UIDs per FETCH, as FETCH_BATCH in src/intake/mail/imap-intake.ts. */
const FETCH_BATCH = 25;
/** What parseMail (src/intake/mail/parse-mail.ts) passes to simpleParser. */
const PARSE_OPTIONS = { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true };

/**
 * Writes every dirty page to disk (sync(1)). Dovecot has just written the corpus (hundreds of MB) to the same
 * file system: on ext4 (data=ordered) the first fsyncs of the file store would otherwise wait for that.
 */
const syncDisks = () => promisify(execFile)("sync").then(() => undefined);

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: "string", default: "sqlite,postgres" },
      messages: { type: "string", default: "1000" },
      "attachment-kb": { type: "string", default: "200" },
      "no-docs": { type: "boolean", default: false },
      "cpu-prof": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const count = (name: "messages" | "attachment-kb", min: number, max: number): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  const dbs = String(values.db)
    .split(",")
    .map((d) => d.trim());
  for (const d of dbs) if (d !== "sqlite" && d !== "postgres") throw new Error(`--db: unknown database ${d}`);
  const messages = count("messages", 1, 20_000);
  // Borikan's default per-file limit is 10 MB; larger files would be refused, not stored.
  const attachmentKb = count("attachment-kb", 1, 10 * 1024);
  // The test Dovecot has a 1 GB quota; base64 makes a message about 1.37 times its attachment.
  if (messages * attachmentKb * 1.4 > 900 * 1024)
    throw new Error("--messages × --attachment-kb too large for the test mailbox's 1 GB quota");
  return {
    help: values.help,
    dbs: dbs as Dialect[],
    pgRequested: argv.some((a) => a.startsWith("--db")),
    messages,
    attachmentKb,
    cpuProf: values["cpu-prof"],
    // A profiled pass is slower: its figures do not go into the docs.
    writeDocs: !values["no-docs"] && !values["cpu-prof"],
  };
}
type Options = ReturnType<typeof parse>;

// ---------------------------------------------------------------------------------------------------
// Corpus

const GIVEN = ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "อนันต์", "กาญจนา", "ธนพล", "พรทิพย์", "สุรชัย", "นภัสสร"];
const FAMILY = ["ใจดี", "รักไทย", "ศรีสุข", "มั่นคง", "วงศ์สวัสดิ์", "แสงทอง", "บุญมา", "เพชรรัตน์", "ทองคำ"];
const SUBJECTS = [
  "ขออนุญาตจัดงานประเพณีลอยกระทง",
  "ขอสำเนาใบอนุญาตประกอบกิจการ",
  "ร้องเรียนเรื่องเสียงดังจากสถานประกอบการ",
  "ขอข้อมูลข่าวสารของราชการ",
  "ขอรับรองสำเนาทะเบียนบ้าน",
  "แจ้งซ่อมไฟฟ้าส่องสว่างถนนในหมู่บ้าน",
  "ขอความอนุเคราะห์รถบรรทุกน้ำ",
];

/** RFC 2047 encoded words of at most 45 bytes of UTF-8 each (a line stays under 78 characters). */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString("base64")}?=`).join("\r\n ");
}

const base64Lines = (bytes: Buffer) => (bytes.toString("base64").match(/.{1,76}/g) ?? []).join("\r\n");

const PAD_KEY = crypto.createHash("sha256").update("borikan mail-intake bench").digest();

/**
 * A valid PDF of exactly `size` bytes: the objects of sample.pdf, one more (unreferenced) stream object
 * holding pseudo-random bytes (AES-CTR keystream, seeded by `index`, so every file differs and the
 * content-addressed store keeps each), and a rebuilt cross-reference table.
 */
function paddedPdf(sample: Buffer, size: number, index: number): Buffer {
  const text = sample.toString("latin1");
  const firstObject = text.search(/^1 0 obj/m);
  const xref = text.lastIndexOf("\nxref") + 1;
  const rootRef = /\/Root\s+(\d+ \d+ R)/.exec(text)?.[1];
  if (firstObject < 0 || xref <= 0 || !rootRef) throw new Error("sample.pdf: unexpected layout");
  const header = Buffer.from(text.slice(0, firstObject), "latin1");
  const objects = Buffer.from(text.slice(firstObject, xref), "latin1");
  const offsets = [...objects.toString("latin1").matchAll(/^(\d+) 0 obj/gm)].map((m) => ({
    id: Number(m[1]),
    at: header.length + (m.index ?? 0),
  }));
  const padId = Math.max(...offsets.map((o) => o.id)) + 1;
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(index, 12);
  const build = (length: number) => {
    const padHead = Buffer.from(`${padId} 0 obj\n<< /Length ${length} >>\nstream\n`, "latin1");
    const padBytes = crypto.createCipheriv("aes-256-ctr", PAD_KEY, iv).update(Buffer.alloc(length));
    const padTail = Buffer.from("\nendstream\nendobj\n", "latin1");
    const padAt = header.length + objects.length;
    const all = [...offsets, { id: padId, at: padAt }].sort((a, b) => a.id - b.id);
    const xrefAt = padAt + padHead.length + padBytes.length + padTail.length;
    const table = [
      "xref",
      `0 ${padId + 1}`,
      "0000000000 65535 f ",
      ...Array.from({ length: padId }, (_, i) => {
        const o = all.find((x) => x.id === i + 1);
        return o ? `${String(o.at).padStart(10, "0")} 00000 n ` : "0000000000 65535 f ";
      }),
      "trailer",
      `<< /Size ${padId + 1} /Root ${rootRef} >>`,
      "startxref",
      String(xrefAt),
      "%%EOF",
      "",
    ].join("\n");
    return Buffer.concat([header, objects, padHead, padBytes, padTail, Buffer.from(table, "latin1")]);
  };
  let length = Math.max(0, size - build(0).length);
  for (let i = 0; i < 5; i++) {
    const got = build(length).length;
    if (got === size) break;
    length = Math.max(0, length + size - got);
  }
  const pdf = build(length);
  if (pdf.length !== size) throw new Error(`--attachment-kb too small for a PDF (${pdf.length} > ${size})`);
  return pdf;
}

interface Corpus {
  raws: Buffer[];
  bytes: number;
  attachmentBytes: number;
  /** Mean time of checkFile (file-type and the allow-list) on one attachment, ms. */
  checkFileMs: number;
}

function mailOf(i: number, pdf: Buffer): Buffer {
  const n = String(i + 1).padStart(5, "0");
  const name = `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]}`;
  const address = `citizen.${n}@example.co.th`;
  const subject = `${SUBJECTS[i % SUBJECTS.length]} (คำร้องที่ ${i + 1})`;
  const tag = crypto.createHash("sha256").update(`bench-${i}`).digest("hex").slice(0, 16);
  const date = new Date(Date.UTC(2026, 10, 20, 1, 0, 0) + i * 60_000).toUTCString().replace("GMT", "+0000");
  const body = [
    "เรียน นายอำเภอ",
    "",
    `ข้าพเจ้า ${name} อยู่บ้านเลขที่ ${(i % 300) + 1} หมู่ ${(i % 12) + 1} ตำบลในเมือง ขอยื่นคำร้องเรื่อง${SUBJECTS[i % SUBJECTS.length]} ` +
      "รายละเอียดตามเอกสารแนบ จึงเรียนมาเพื่อโปรดพิจารณา หากต้องการข้อมูลเพิ่มเติม กรุณาติดต่อข้าพเจ้าทางอีเมลนี้",
    "",
    "ทั้งนี้ ข้าพเจ้าได้แนบสำเนาบัตรประจำตัวประชาชนและเอกสารประกอบคำร้องมาพร้อมนี้แล้ว ".repeat(3).trim(),
    "",
    "ขอแสดงความนับถือ",
    name,
    `โทร 08${i % 10}-${String(1000 + (i % 9000)).slice(0, 3)}-${String(i).padStart(4, "0").slice(-4)}`,
    "",
  ].join("\r\n");
  const boundary = `=_borikan_bench_${tag}`;
  const filename = `คำร้อง-${n}.pdf`;
  const head = [
    `Return-Path: <${address}>`,
    `Received: from mail.example.co.th (mail.example.co.th [203.0.113.${(i % 250) + 1}])\r\n\tby mx.demo.go.th with ESMTPS id ${tag}\r\n\tfor <saraban@demo.go.th>; ${date}`,
    "Authentication-Results: mx.demo.go.th; spf=pass smtp.mailfrom=example.co.th;\r\n\tdkim=pass header.d=example.co.th; dmarc=pass header.from=example.co.th",
    `From: ${encodedWords(name)} <${address}>`,
    "To: saraban@demo.go.th",
    `Subject: ${encodedWords(subject)}`,
    `Date: ${date}`,
    `Message-ID: <${tag}.${n}@mail.example.co.th>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    "This is a multi-part message in MIME format.",
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(Buffer.from(body)),
    "",
    `--${boundary}`,
    `Content-Type: application/pdf; name="request-${n}.pdf"`,
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Content-Transfer-Encoding: base64",
    "",
    "",
  ].join("\r\n");
  return Buffer.concat([
    Buffer.from(head, "utf8"),
    Buffer.from(base64Lines(pdf), "latin1"),
    Buffer.from(`\r\n\r\n--${boundary}--\r\n`, "latin1"),
  ]);
}

async function buildCorpus(o: Options): Promise<Corpus> {
  const sample = fs.readFileSync(path.join(root, "test", "fixtures", "files", "sample.pdf"));
  const raws: Buffer[] = [];
  let checkMs = 0;
  for (let i = 0; i < o.messages; i++) {
    const pdf = paddedPdf(sample, o.attachmentKb * 1024, i);
    const t0 = process.hrtime.bigint();
    const verdict = await checkFile({ filename: `request-${i}.pdf`, bytes: pdf }, { maxFileBytes: 10 << 20 });
    checkMs += msSince(t0);
    if (!verdict.accepted || verdict.mediaType !== "application/pdf")
      throw new Error(`attachment ${i} refused by the allow-list: ${JSON.stringify(verdict)}`);
    raws.push(mailOf(i, pdf));
  }
  return {
    raws,
    bytes: raws.reduce((sum, r) => sum + r.length, 0),
    attachmentBytes: o.attachmentKb * 1024,
    checkFileMs: checkMs / o.messages,
  };
}

// ---------------------------------------------------------------------------------------------------
// Measurement

interface Phase {
  db: Dialect;
  name: string;
  messages: number;
  bytes: number;
  ms: number;
  /**
   * Per-message times, sorted. For Borikan, whose messages are moved 25 at a time, each batch's time (from
   * one MOVE to the next; the first from the start of the pass) divided by its messages, once per message.
   */
  perMessage: Float64Array;
  /** CPU of this process (all its threads) per message, ms: user + system, and each. */
  cpuMsPerMessage: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Share of the phase's wall time this process's event loop (its main thread) was busy. */
  eventLoopBusy: number;
  /** Share of both cores busy (this process, Dovecot, PostgreSQL). */
  machineBusy: number;
  inRatio: boolean;
}

const perSecond = (p: Phase) => p.messages / (p.ms / 1000);

async function measure(
  db: Dialect,
  name: string,
  bytes: number,
  work: (mark: (messages?: number) => void) => Promise<number>,
  inRatio = false,
): Promise<Phase> {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const machine0 = cpuTimes();
  const elu0 = performance.eventLoopUtilization();
  const t0 = process.hrtime.bigint();
  let last = t0;
  /** Ends the interval since the last mark: one time per message, the interval shared evenly. */
  const mark = (messages = 1) => {
    const now = process.hrtime.bigint();
    const each = Number(now - last) / 1e6 / Math.max(1, messages);
    for (let i = 0; i < messages; i++) times.push(each);
    last = now;
  };
  const messages = await work(mark);
  const ms = msSince(t0);
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const machine1 = cpuTimes();
  return {
    db,
    name,
    messages,
    bytes,
    ms,
    perMessage: Float64Array.from(times).sort(),
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / Math.max(1, messages),
    cpuUserMs: cpu.user / 1000 / Math.max(1, messages),
    cpuSystemMs: cpu.system / 1000 / Math.max(1, messages),
    eventLoopBusy: elu.utilization,
    machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
    inRatio,
  };
}

interface Timer {
  ms: number;
  calls: number;
}
const timer = (): Timer => ({ ms: 0, calls: 0 });

/** Puts `replacement` in place of `target[key]`; returns the undo. */
function replaceMethod(
  target: object,
  key: string,
  replacement: (original: (...args: unknown[]) => unknown) => (this: unknown, ...args: unknown[]) => unknown,
): () => void {
  const holder = target as Record<string, unknown>;
  const own = Object.hasOwn(holder, key);
  const original = holder[key] as (...args: unknown[]) => unknown;
  holder[key] = replacement(original);
  return () => {
    if (own) holder[key] = original;
    else delete holder[key];
  };
}

/**
 * Replaces an async method of `target` by one that adds its time to `t` (calls running at once each add
 * their own); `before` and `after` see the call's arguments. Returns the undo.
 */
function timeMethod(
  target: object,
  key: string,
  t: Timer,
  hooks: { before?: (args: unknown[]) => void; after?: (args: unknown[]) => void } = {},
): () => void {
  return replaceMethod(
    target,
    key,
    (original) =>
      async function (this: unknown, ...args: unknown[]) {
        hooks.before?.(args);
        const t0 = process.hrtime.bigint();
        try {
          return await original.apply(this, args);
        } finally {
          t.ms += msSince(t0);
          t.calls++;
          hooks.after?.(args);
        }
      },
  );
}

/**
 * Replaces a method of `target` that returns an async iterator (imapflow's `fetch`) by one that adds to `t`
 * the time from the call to the end of the iteration (or its abandonment). Returns the undo.
 */
function timeIterator(target: object, key: string, t: Timer, onEnd?: () => void): () => void {
  return replaceMethod(
    target,
    key,
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        const t0 = process.hrtime.bigint();
        const inner = original.apply(this, args) as AsyncIterable<unknown>;
        return (async function* () {
          try {
            yield* inner;
          } finally {
            t.ms += msSince(t0);
            t.calls++;
            onEnd?.();
          }
        })();
      },
  );
}

/**
 * Times the queries the pass sends outside its transactions (on `service.handle.db`'s own executor; a
 * transaction has another): the dedupe look-ups of prepareMail and the `moved_at` UPDATEs of markMoved.
 */
function timeQueries(service: Service, dedupe: Timer, movedAt: Timer): () => void {
  return replaceMethod(
    service.handle.db.getExecutor(),
    "executeQuery",
    (original) =>
      async function (this: unknown, ...args: unknown[]) {
        const text = (args[0] as { sql?: string } | undefined)?.sql ?? "";
        const t = /^update "mail_messages" set "moved_at"/i.test(text)
          ? movedAt
          : /^select .* from "mail_messages" where .*"dedupe_key" =/is.test(text)
            ? dedupe
            : undefined;
        const t0 = process.hrtime.bigint();
        try {
          return await original.apply(this, args);
        } finally {
          if (t) {
            t.ms += msSince(t0);
            t.calls++;
          }
        }
      },
  );
}

/**
 * Times withTransaction (src/platform/db/database.ts): it runs `db.connection().execute(work)` on SQLite
 * and `db.transaction().execute(work)` on PostgreSQL. Also counts, in `statements`, the statements sent
 * by `work` (on its own executor), BEGIN, COMMIT and ROLLBACK left out.
 */
function timeTransactions(service: Service, t: Timer, statements: Timer): () => void {
  const countStatements = (trx: { getExecutor(): object }) =>
    replaceMethod(
      trx.getExecutor(),
      "executeQuery",
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          const text = (args[0] as { sql?: string } | undefined)?.sql ?? "";
          if (!/^\s*(begin|commit|rollback)\b/i.test(text)) statements.calls++;
          return original.apply(this, args);
        },
    );
  return replaceMethod(
    service.handle.db,
    service.handle.dialect === "postgres" ? "transaction" : "connection",
    (original) =>
      function (this: unknown) {
        const builder = original.call(this) as object;
        replaceMethod(
          builder,
          "execute",
          (execute) =>
            function (this: unknown, work: unknown) {
              return execute.call(this, (trx: { getExecutor(): object }) => {
                countStatements(trx);
                return (work as (trx: unknown) => unknown)(trx);
              });
            },
        );
        timeMethod(builder, "execute", t);
        return builder;
      },
  );
}

interface Breakdown {
  /** The streamed UID FETCH of each batch, from the call to the end of its stream. */
  fetch: Timer;
  /** Each batch from the end of its FETCH to the start of its MOVE: preparing and committing, wall time. */
  window: Timer;
  move: Timer;
  movedAt: Timer;
  dedupe: Timer;
  store: Timer;
  transaction: Timer;
  /** Statements sent inside the registration transactions (`calls` only). */
  statements: Timer;
}

interface DbResult {
  db: Dialect;
  appendMs: number;
  phases: Phase[];
  ack: Phase;
  breakdown: Breakdown;
  summary: PassSummary;
  verification: string;
  verified: boolean;
  settings: string;
}

function fileCount(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".tmp")).length;
}

/**
 * Waits until no session is left on the bench database. pg-pool's end() resolves before its clients'
 * connections are closed; were the database dropped (WITH (FORCE)) meanwhile, the server's termination
 * notice would reach a pool without an error listener and end this process.
 */
async function sessionsGone(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [name],
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

async function verify(
  fresh: FreshDatabase,
  mailbox: TestMailbox,
  expected: number,
  sent: number,
  smtpReceived: number,
): Promise<{ ok: boolean; text: string }> {
  const handle = openDatabase(fresh.url);
  try {
    const n = async (query: Promise<{ n: number | string | bigint } | undefined>) =>
      Number((await query)?.n ?? 0);
    const entries = await handle.db
      .selectFrom("entries")
      .select([
        sql<number>`count(*)`.as("n"),
        sql<number>`count(distinct sequence)`.as("distinct_n"),
        sql<number>`min(sequence)`.as("first"),
        sql<number>`max(sequence)`.as("last"),
        sql<number>`sum(case when channel = 'email' then 1 else 0 end)`.as("email"),
      ])
      .executeTakeFirstOrThrow();
    const registered = await n(
      handle.db
        .selectFrom("mail_messages")
        .select(sql<number>`count(*)`.as("n"))
        .where("outcome", "=", "registered")
        .where("moved_at", "is not", null)
        .executeTakeFirst(),
    );
    const pdfs = await handle.db
      .selectFrom("attachments")
      .select([
        sql<number>`sum(case when refusal_code is null and media_type = 'application/pdf' then 1 else 0 end)`.as(
          "accepted",
        ),
        sql<number>`count(distinct sha256)`.as("distinct_n"),
      ])
      .executeTakeFirstOrThrow();
    const acks = await n(
      handle.db
        .selectFrom("outbox")
        .select(sql<number>`count(*)`.as("n"))
        .where("kind", "=", "acknowledgement")
        .where("status", "=", "sent")
        .executeTakeFirst(),
    );
    const files = fileCount(path.join(fresh.dataDir, "files"));
    const inbox = (await mailbox.list("INBOX")).length;
    const processed = (await mailbox.list("Borikan-Processed")).length;
    const count = Number(entries.n);
    const gapless =
      Number(entries.first) === 1 && Number(entries.last) === count && Number(entries.distinct_n) === count;
    const ok =
      count === expected &&
      gapless &&
      Number(entries.email) === expected &&
      registered === expected &&
      Number(pdfs.accepted) === expected &&
      Number(pdfs.distinct_n) === expected &&
      files === 2 * expected &&
      inbox === 0 &&
      processed === expected &&
      acks === expected &&
      sent === expected &&
      smtpReceived === expected;
    return {
      ok,
      text:
        `${ok ? "OK" : "MISMATCH"}: ${count} email entries numbered ${entries.first}..${entries.last}` +
        `${gapless ? " gapless" : " WITH GAPS OR REPEATS"}, ${registered} mail_messages registered and moved, ` +
        `${pdfs.accepted} accepted PDFs (${pdfs.distinct_n} distinct), ${files} stored files (raw message + PDF each); ` +
        `Dovecot: INBOX ${inbox}, Borikan-Processed ${processed}; ${acks} acknowledgements sent, ${smtpReceived} received by the SMTP sink`,
    };
  } finally {
    await handle.close();
  }
}

async function runDatabase(
  o: Options,
  corpus: Corpus,
  dialect: Dialect,
  pgServer: PgServer | undefined,
  cleanups: (() => Promise<void>)[],
  log: (msg: string) => void,
): Promise<DbResult> {
  const scoped: (() => Promise<void>)[] = [];
  const defer = (c: () => Promise<void>) => {
    scoped.push(c);
    cleanups.push(c);
  };
  try {
    const mailbox = await startTestMailbox();
    if (!mailbox)
      throw new Error("Dovecot is not installed (/usr/sbin/dovecot; apt-get install dovecot-imapd)");
    defer(mailbox.stop);
    const start = Date.now();
    const t0 = process.hrtime.bigint();
    await mailbox.appendMany(
      "INBOX",
      corpus.raws.map((raw, i) => ({ raw, internalDate: new Date(start - (corpus.raws.length - i) * 1000) })),
    );
    const appendMs = msSince(t0);
    await syncDisks();
    log(
      `\n${dialect}: Dovecot on ${mailbox.host}:${mailbox.port}; ${corpus.raws.length} messages appended in ${fmt(appendMs / 1000)} s`,
    );

    const fresh = await createFreshDatabase(dialect, pgServer?.url);
    defer(fresh.drop);
    if (pgServer) defer(() => sessionsGone(pgServer.url, fresh.url));
    const smtp = await startSmtpListener();
    defer(smtp.close);
    const serviceLog: string[] = [];
    const env = { [MAILBOX_SECRET_ENV]: mailbox.password };
    const service = await createService(
      loadConfig({
        DATABASE_URL: fresh.url,
        DATA_DIR: fresh.dataDir,
        ROLE: "web",
        SECRET_KEY: "bench-secret",
        PUBLIC_URL: "http://borikan.bench",
        LOG_LEVEL: "silent",
        // #18 threads: the intake's pool as the parse phase's
        ...(process.env.THREADS && { THREADS: process.env.THREADS }),
      }),
      {
        mail: createMailSender(smtp.url, (msg) => serviceLog.push(msg)),
        log: (msg) => serviceLog.push(msg),
        env: { ...process.env, ...env },
      },
    );
    let closed: Promise<void> | undefined;
    const closeService = () => {
      closed ??= service.close();
      return closed;
    };
    defer(closeService);
    await connectDemoMailbox(service, mailbox);

    const phases: Phase[] = [];
    const show = (p: Phase) => {
      phases.push(p);
      log(
        `  ${p.name}: ${p.messages} messages in ${fmt(p.ms / 1000, 2)} s, ${fmt(perSecond(p))} msg/s, ` +
          `p50 ${fmt(percentile(p.perMessage, 50), 2)} ms, CPU ${fmt(p.cpuUserMs, 2)} user + ${fmt(p.cpuSystemMs, 2)} sys ms/msg, ` +
          `event loop ${fmt(100 * p.eventLoopBusy, 0)}% busy, both cores ${fmt(100 * p.machineBusy, 0)}% busy`,
      );
      return p;
    };

    // 1. mailparser alone.
    for (const raw of corpus.raws.slice(0, WARMUP)) await simpleParser(raw, PARSE_OPTIONS);
    const parsed = show(
      await measure(
        dialect,
        "mailparser alone",
        corpus.bytes,
        async (mark) => {
          for (const raw of corpus.raws) {
            const mail = await simpleParser(raw, PARSE_OPTIONS);
            if (mail.attachments[0]?.size !== corpus.attachmentBytes) throw new Error("attachment lost");
            mark();
          }
          return corpus.raws.length;
        },
        true,
      ),
    );

    // 2. IMAP fetch + parse, no database.
    const imapClient = async () => {
      const client = new ImapFlow({
        host: mailbox.host,
        port: mailbox.port,
        secure: false,
        auth: { user: mailbox.user, pass: mailbox.password },
        logger: false,
        disableAutoIdle: true,
      });
      await client.connect();
      return client;
    };
    show(
      await measure(
        dialect,
        `IMAP fetch (1 streamed UID FETCH per ${FETCH_BATCH} UIDs) + parse`,
        corpus.bytes,
        async (mark) => {
          const client = await imapClient();
          let n = 0;
          try {
            await client.mailboxOpen("INBOX", { readOnly: true });
            const uids = ((await client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
            for (let i = 0; i < uids.length; i += FETCH_BATCH) {
              // As the intake does: the batch read into memory, then parsed.
              const sources: Buffer[] = [];
              for await (const m of client.fetch(
                uids.slice(i, i + FETCH_BATCH).join(","),
                { source: true, internalDate: true },
                { uid: true },
              )) {
                if (!m.source) throw new Error(`UID ${m.uid}: no source`);
                sources.push(m.source);
              }
              for (const source of sources) {
                const mail = await simpleParser(source, PARSE_OPTIONS);
                if (mail.attachments[0]?.size !== corpus.attachmentBytes) throw new Error("attachment lost");
                n++;
                mark();
              }
            }
          } finally {
            await client.logout().catch(() => client.close());
          }
          return n;
        },
      ),
    );
    show(
      await measure(dialect, "IMAP fetch (1 streamed UID FETCH 1:*) + parse", corpus.bytes, async (mark) => {
        const client = await imapClient();
        let n = 0;
        try {
          await client.mailboxOpen("INBOX", { readOnly: true });
          for await (const m of client.fetch("1:*", { uid: true, source: true, internalDate: true })) {
            if (!m.source) throw new Error(`UID ${m.uid}: no source`);
            const mail = await simpleParser(m.source, PARSE_OPTIONS);
            if (mail.attachments[0]?.size !== corpus.attachmentBytes) throw new Error("attachment lost");
            n++;
            mark();
          }
        } finally {
          await client.logout().catch(() => client.close());
        }
        return n;
      }),
    );

    // #18 threads: Borikan's parse (parseMail) through a pool of THREADS threads, as the intake runs it
    const threads = loadConfig({ THREADS: process.env.THREADS ?? "" }).threads;
    const pool = createThreadPool(threads);
    try {
      show(
        await measure(dialect, `parseMail in the pool (THREADS=${threads})`, corpus.bytes, async (mark) => {
          let next = 0;
          const lane = async () => {
            for (let i = next++; i < corpus.raws.length; i = next++) {
              const mail = await parseMailOn(pool, corpus.raws[i]!);
              if (mail.attachments[0]?.content.byteLength !== corpus.attachmentBytes)
                throw new Error("attachment lost");
              mark();
            }
          };
          await Promise.all(Array.from({ length: Math.max(1, 4 * threads) }, lane));
          return corpus.raws.length;
        }),
      );
    } finally {
      await pool.close();
    }

    // 3. The whole intake: one pass over the mailbox.
    await syncDisks();
    const breakdown: Breakdown = {
      fetch: timer(),
      window: timer(),
      move: timer(),
      movedAt: timer(),
      dedupe: timer(),
      store: timer(),
      transaction: timer(),
      statements: timer(),
    };
    let summary: PassSummary | undefined;
    let profileFile: string | undefined;
    const borikan = show(
      await measure(
        dialect,
        "Borikan mail intake (runOnce)",
        corpus.bytes,
        async (mark) => {
          const proto = ImapFlow.prototype as unknown as object;
          let fetchEnd: bigint | undefined;
          const undo = [
            timeIterator(proto, "fetch", breakdown.fetch, () => {
              fetchEnd = process.hrtime.bigint();
            }),
            timeMethod(proto, "messageMove", breakdown.move, {
              before: () => {
                if (fetchEnd === undefined) return;
                breakdown.window.ms += msSince(fetchEnd);
                breakdown.window.calls++;
                fetchEnd = undefined;
              },
              // One MOVE per batch: its time is shared among the batch's messages.
              after: (args) => mark(String(args[0]).split(",").length),
            }),
            timeQueries(service, breakdown.dedupe, breakdown.movedAt),
            timeMethod(service.files, "put", breakdown.store),
            timeTransactions(service, breakdown.transaction, breakdown.statements),
          ];
          const profiler = o.cpuProf ? new Session() : undefined;
          if (profiler) {
            profiler.connect();
            await profiler.post("Profiler.enable");
            await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
            await profiler.post("Profiler.start");
          }
          try {
            summary = await service.mail.runOnce("demo");
          } finally {
            for (const u of undo) u();
            if (profiler) {
              const { profile } = await profiler.post("Profiler.stop");
              profileFile = path.join(
                fs.mkdtempSync(path.join(os.tmpdir(), "borikan-bench-prof-")),
                `mail-intake-${dialect}.cpuprofile`,
              );
              fs.writeFileSync(profileFile, JSON.stringify(profile));
              profiler.disconnect();
            }
          }
          return summary.registered;
        },
        true,
      ),
    );
    if (!summary) throw new Error("no pass summary");
    // #18 threads
    log(
      `  THREADS=${threads}: Borikan with the pool / mailparser alone on one thread = ${fmt(perSecond(borikan) / perSecond(parsed), 2)}×`,
    );
    log(
      `  Borikan/mailparser = ${fmt(perSecond(borikan) / perSecond(parsed), 2)}×; pass: ${JSON.stringify(summary)}`,
    );
    if (profileFile) {
      log(summariseProfile(profileFile, summary.registered, 30, PROFILE_WATCH));
      log(`  profile: ${profileFile}`);
    }
    const per = (t: Timer) => `${fmt(t.ms / corpus.raws.length, 2)} ms (${t.calls} calls)`;
    log(
      `  per message: FETCH ${per(breakdown.fetch)}, FETCH end → MOVE ${per(breakdown.window)}, ` +
        `MOVE ${per(breakdown.move)}, moved_at UPDATE ${per(breakdown.movedAt)}; summed over messages: ` +
        `dedupe look-up ${per(breakdown.dedupe)}, file store ${per(breakdown.store)}, ` +
        `transactions ${per(breakdown.transaction)}, ` +
        `${fmt(breakdown.statements.calls / Math.max(1, breakdown.transaction.calls), 1)} statements each`,
    );

    // 4. Acknowledgements, not part of the ratio.
    let sent = 0;
    const ack = await measure(dialect, "acknowledgements (outbox.drain → SMTP sink)", 0, async (mark) => {
      sent = await service.outbox.drain();
      mark();
      return sent;
    });
    ack.perMessage = new Float64Array();
    log(
      `  ${ack.name}: ${sent} in ${fmt(ack.ms / 1000, 2)} s, ${fmt(perSecond(ack))} msg/s, CPU ${fmt(ack.cpuMsPerMessage, 2)} ms/msg`,
    );
    // The sink parses what it receives; let it finish.
    for (let i = 0; i < 100 && smtp.messages.length < sent; i++) await new Promise((r) => setTimeout(r, 50));
    for (const line of serviceLog.filter((l) => /^(mail|outbox|warning)/.test(l))) log(`  service: ${line}`);

    await closeService();
    const verification = await verify(fresh, mailbox, corpus.raws.length, sent, smtp.messages.length);
    log(`  ${verification.text}`);
    return {
      db: dialect,
      appendMs,
      phases,
      ack,
      breakdown,
      summary,
      verification: verification.text,
      verified: verification.ok,
      settings:
        dialect === "sqlite"
          ? "SQLite WAL, synchronous=FULL, one connection (openDatabase)"
          : (pgServer?.settings ?? ""),
    };
  } finally {
    for (const c of scoped.reverse()) {
      cleanups.splice(cleanups.indexOf(c), 1);
      await c().catch((error) => log(`cleanup: ${String(error)}`));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Report

function ratioOf(r: DbResult): number {
  const parse = r.phases.find((p) => p.name === "mailparser alone");
  const borikan = r.phases.find((p) => p.name.startsWith("Borikan"));
  return parse && borikan ? perSecond(borikan) / perSecond(parse) : Number.NaN;
}

function resultsTable(results: DbResult[]): string {
  return markdownTable(
    [
      "db",
      "what",
      "messages",
      "s",
      "msg/s",
      "MB/s",
      "ms/msg p50",
      "ms/msg p99",
      "CPU ms/msg: user + sys",
      "event loop busy",
      "both cores busy",
      "÷ mailparser alone",
    ],
    results.flatMap((r) => {
      const base = r.phases.find((p) => p.name === "mailparser alone");
      return [...r.phases, r.ack].map((p) => [
        r.db,
        p.name,
        String(p.messages),
        fmt(p.ms / 1000, 2),
        fmt(perSecond(p)),
        p.bytes > 0 ? fmt(p.bytes / 1024 ** 2 / (p.ms / 1000)) : "",
        p.perMessage.length > 0 ? fmt(percentile(p.perMessage, 50), 2) : "",
        p.perMessage.length > 0 ? fmt(percentile(p.perMessage, 99), 2) : "",
        `${fmt(p.cpuUserMs, 2)} + ${fmt(p.cpuSystemMs, 2)}`,
        `${fmt(100 * p.eventLoopBusy, 0)}%`,
        `${fmt(100 * p.machineBusy, 0)}%`,
        base && p !== r.ack ? `${fmt(perSecond(p) / perSecond(base), 2)}×` : "",
      ]);
    }),
  );
}

interface BreakdownRow {
  key: string;
  what: string;
  /** ms per message (total over the pass ÷ messages). */
  ms: number;
  /** Summed over messages that were prepared up to 8 at once: not a share of the pass's wall time. */
  summed?: boolean;
}

/**
 * Time per message of the Borikan pass, from the wrappers. The FETCH, the window from the FETCH's end to the
 * MOVE, the MOVE and the `moved_at` UPDATE follow one another, batch after batch: with the rest (connect,
 * LIST, SEARCH, the known-UID look-up, mailbox health, logout) they make the pass. Inside the window messages
 * are prepared up to 8 at once, so what is timed there is summed over messages and can exceed the window.
 */
function breakdownRows(r: DbResult, corpus: Corpus): { rows: BreakdownRow[]; total: number } {
  const n = corpus.raws.length;
  const borikan = r.phases.find((p) => p.name.startsWith("Borikan"));
  const parse = r.phases.find((p) => p.name === "mailparser alone");
  const total = borikan ? borikan.ms / n : Number.NaN;
  const b = r.breakdown;
  const batches = `${b.fetch.calls} × ${FETCH_BATCH}`;
  const wall: BreakdownRow[] = [
    {
      key: "fetch",
      what: `IMAP: one streamed UID FETCH per batch (${batches} UIDs), call to end of stream`,
      ms: b.fetch.ms / n,
    },
    {
      key: "window",
      what: "prepare + commit: from the end of each batch's FETCH to its MOVE",
      ms: b.window.ms / n,
    },
    { key: "move", what: "IMAP: one UID MOVE per batch to Borikan-Processed", ms: b.move.ms / n },
    { key: "movedAt", what: "one `moved_at` UPDATE per batch", ms: b.movedAt.ms / n },
  ];
  const rest = total - wall.reduce((sum, x) => sum + x.ms, 0);
  wall.push({
    key: "rest",
    what: "the rest: connect, LIST, SEARCH, known-UID look-up, mailbox health, logout",
    // The four above are disjoint spans of the pass; a negative rest would only be timer noise.
    ms: rest >= 0 ? rest : Number.NaN,
  });
  const summed: BreakdownRow[] = [
    { key: "parseMs", what: "mailparser (as measured alone)", ms: parse ? parse.ms / n : Number.NaN },
    { key: "check", what: "file-type check of the PDF (as measured alone)", ms: corpus.checkFileMs },
    { key: "dedupe", what: "dedupe look-up (one SELECT)", ms: b.dedupe.ms / n },
    {
      key: "store",
      what: "file store: raw message + PDF at once (sha256, write, fsync, rename, fsync dir)",
      ms: b.store.ms / n,
    },
    {
      key: "tx",
      what: "registration transaction, one at a time in UID order (entry, files, audit, outbox, mail row; commit)",
      ms: b.transaction.ms / n,
    },
  ].map((x) => ({ ...x, summed: true }));
  return { rows: [...wall, ...summed], total };
}

const statementsPerTransaction = (r: DbResult) =>
  r.breakdown.statements.calls / Math.max(1, r.breakdown.transaction.calls);

function breakdownTable(results: DbResult[], corpus: Corpus): string {
  const per = results.map((r) => breakdownRows(r, corpus));
  const first = per[0];
  if (!first) return "";
  const line = (row: BreakdownRow, i: number) => [
    row.summed ? `… ${row.what}` : row.what,
    ...per.map((p) => fmt(p.rows[i]?.ms ?? Number.NaN, 2)),
    ...per.map((p) => `${fmt((100 * (p.rows[i]?.ms ?? Number.NaN)) / p.total, 0)}%`),
  ];
  const wall = first.rows.filter((row) => !row.summed).length;
  return markdownTable(
    ["", ...results.map((r) => `${r.db} ms/msg`), ...results.map((r) => `${r.db} % of pass`)],
    [
      ...first.rows.slice(0, wall).map((row, i) => line(row, i)),
      ["**whole pass, per message**", ...per.map((p) => fmt(p.total, 2)), ...per.map(() => "100%")],
      [
        "*inside prepare + commit, summed over messages (up to 8 at once, so the sum can exceed the window):*",
        ...per.map(() => ""),
        ...per.map(() => ""),
      ],
      ...first.rows.slice(wall).map((row, i) => line(row, wall + i)),
    ],
  );
}

function docsSection(
  o: Options,
  corpus: Corpus,
  results: DbResult[],
  pgServer: PgServer | undefined,
  command: string,
): string {
  const cpu = os.cpus();
  const kb = (corpus.bytes / corpus.raws.length / 1024).toFixed(0);
  const lines = [
    MAIL_SECTION_TITLE,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ` +
      `${Math.round(os.totalmem() / 1024 ** 3)} GiB RAM, Linux ${os.release()}, Node ${process.version}. Command:`,
    "",
    "```sh",
    command,
    "```",
    "",
    `Corpus: ${o.messages} messages of ${kb} KB each (${fmt(corpus.bytes / 1024 ** 2, 0)} MB in all), the same bytes on every run: ` +
      "each from its own sender with its own Message-ID, Thai subject and sender name (RFC 2047), a Thai UTF-8 text body " +
      `(base64) signed under "ขอแสดงความนับถือ", and one ${o.attachmentKb} KB PDF attachment (base64, Thai file name) — ` +
      "test/fixtures/files/sample.pdf with an extra stream object of pseudo-random bytes, different in every message, " +
      `accepted by the allow-list (\`checkFile\`: ${fmt(corpus.checkFileMs, 2)} ms a file). Headers as the agency's server ` +
      "`mx.demo.go.th` writes them (Received, Authentication-Results: pass), so every message is a request with an " +
      "acknowledgement to send.",
    "",
    "Per database, in one process, sequentially: a fresh Dovecot on 127.0.0.1 (test/imap.ts; maildir, " +
      "`mail_fsync = never`) gets the corpus by APPEND; a fresh database and DATA_DIR; the service (`createService`, " +
      "ROLE=web, so no worker runs by itself) with the demo agency's mailbox on that Dovecot. **mailparser alone** is " +
      "`simpleParser` (with Borikan's options) over the messages already in memory, after a 50-message warm-up. " +
      `**IMAP fetch + parse** adds the fetch over IMAP, no database: one streamed \`UID FETCH\` per ${FETCH_BATCH} UIDs, ` +
      "each batch read into memory and then parsed, as the intake does; and once as a single streamed " +
      '`UID FETCH 1:*`, parsed as it arrives. **Borikan** is `service.mail.runOnce("demo")`: from the mail in INBOX ' +
      `to all of it registered and moved — connect, LIST, SEARCH; then per batch of ${FETCH_BATCH} UIDs one streamed ` +
      "UID FETCH; the batch's messages prepared up to 8 at once (mailparser, dedupe look-up, classification, the raw " +
      "message and the PDF screened and stored with fsync); committed one by one in UID order, one transaction each " +
      "registering the entry with its acknowledgement queued; one UID MOVE of the batch to Borikan-Processed and one " +
      "`moved_at` UPDATE. As messages are moved a batch at a time, Borikan's per-message p50/p99 are each batch's " +
      `time (from one MOVE to the next; the first batch's from the start of the pass) ÷ its ${FETCH_BATCH} messages. ` +
      "Other per-message times are between one message and the next. CPU is this process's (user + system); " +
      'Dovecot and PostgreSQL show in "both cores busy". The acknowledgements are then sent by ' +
      "`service.outbox.drain()` to a local SMTP sink " +
      "(test/smtp.ts, which parses each in this same process): their own line, not in the ratio.",
    "",
    resultsTable(results),
    "",
    ...results.map((r) => {
      const x = ratioOf(r);
      return `- ${r.db}: Borikan / mailparser alone = **${fmt(x, 2)}×** (${x >= AIM ? "meets" : "BELOW"} the ≥ ${AIM}× aim); APPEND of the corpus took ${fmt(r.appendMs / 1000)} s.`;
    }),
    "",
    "Where a message's time goes in the Borikan pass, per message (the total over the pass ÷ messages; IMAP " +
      "calls, queries, file-store writes and transactions timed by wrappers in the bench; parse and file-type " +
      "check as measured alone). The first rows follow one another batch after batch and add up to the pass. " +
      "Inside prepare + commit, steps run up to 8 at once, so their time is summed over messages and the sum can " +
      "exceed the window (and the pass):",
    "",
    breakdownTable(results, corpus),
    "",
    `Statements per registration transaction, BEGIN and COMMIT not counted: ${results
      .map((r) => `${r.db} ${fmt(statementsPerTransaction(r), 1)}`)
      .join(", ")}.`,
    "",
    `Databases: ${results.map((r) => `${r.db}: ${r.settings}${r.db === "postgres" && pgServer ? ` (${pgServer.source})` : ""}`).join("; ")}` +
      `${pgServer || !o.dbs.includes("postgres") ? "" : "; PostgreSQL not run (none found)"}.`,
    "",
    "Sanity checks after each run:",
    "",
    ...results.map((r) => `- ${r.db}: ${r.verification}`),
    "",
  ];
  const readingFile = path.join(here, "mail-intake.reading.md");
  if (fs.existsSync(readingFile)) {
    const value = (db: string, key: string): string => {
      const r = results.find((x) => x.db === db);
      if (!r) return "n/a";
      if (key === "ratio") return `${fmt(ratioOf(r), 2)}×`;
      const phase = (prefix: string) => r.phases.find((p) => p.name.startsWith(prefix));
      const rate = (prefix: string) => {
        const p = phase(prefix);
        return p ? fmt(perSecond(p), 0) : "n/a";
      };
      if (key === "parse") return rate("mailparser alone");
      if (key === "fetchParse") return rate("IMAP fetch (1 streamed UID FETCH per");
      if (key === "streamParse") return rate("IMAP fetch (1 streamed UID FETCH 1:*");
      if (key === "borikan") return rate("Borikan");
      if (key === "ack") return fmt(perSecond(r.ack), 0);
      if (key === "ackElu") return `${fmt(100 * r.ack.eventLoopBusy, 0)} %`;
      const pass = phase("Borikan");
      if (key === "elu") return pass ? `${fmt(100 * pass.eventLoopBusy, 0)} %` : "n/a";
      if (key === "cpu") return pass ? fmt(pass.cpuMsPerMessage, 1) : "n/a";
      if (key === "cores") return pass ? `${fmt(100 * pass.machineBusy, 0)} %` : "n/a";
      const { rows, total } = breakdownRows(r, corpus);
      if (key === "total") return fmt(total, 2);
      if (key === "statements") return fmt(statementsPerTransaction(r), 0);
      const row = rows.find((x) => x.key === key);
      return row ? fmt(row.ms, 2) : "n/a";
    };
    const reading = fs
      .readFileSync(readingFile, "utf8")
      .trim()
      .replace(/\{(sqlite|postgres)\.([a-zA-Z]+)\}/g, (_, db: string, key: string) => value(db, key));
    lines.push("### Where the time goes", "", reading, "");
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------------

export async function runMailIntakeBench(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (o.help) {
    const source = fs.readFileSync(new URL(import.meta.url), "utf8");
    console.log(source.slice(source.indexOf("/**") + 3, source.indexOf("*/")).replace(/^ \* ?/gm, ""));
    return 0;
  }
  const log = (msg: string) => console.log(msg);
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse())
      await c().catch((error) => log(`cleanup: ${String(error)}`));
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  // An error thrown outside the awaited chain (e.g. a library's unhandled 'error' event) still stops
  // Dovecot and PostgreSQL and removes the temp directories.
  process.once("uncaughtException", (error) => {
    console.error(error);
    cleanup().finally(() => process.exit(1));
  });

  try {
    const t0 = process.hrtime.bigint();
    const corpus = await buildCorpus(o);
    log(
      `corpus: ${corpus.raws.length} messages, ${fmt(corpus.bytes / 1024 ** 2)} MB, built in ${fmt(msSince(t0) / 1000)} s; ` +
        `every PDF accepted by checkFile (${fmt(corpus.checkFileMs, 2)} ms each)`,
    );
    let pgServer: PgServer | undefined;
    if (o.dbs.includes("postgres")) {
      pgServer = await findOrStartPostgres(log);
      if (pgServer) {
        cleanups.push(pgServer.stop);
        log(`PostgreSQL: ${pgServer.settings} (${pgServer.source})`);
      } else if (o.pgRequested) {
        throw new Error("--db postgres asked for, but no PostgreSQL server (set TEST_PG_URL)");
      }
    }
    const results: DbResult[] = [];
    for (const db of o.dbs) {
      if (db === "postgres" && !pgServer) continue;
      results.push(await runDatabase(o, corpus, db, pgServer, cleanups, log));
    }
    await cleanup();

    console.log(`\n${resultsTable(results)}\n\n${breakdownTable(results, corpus)}\n`);
    for (const r of results) {
      const x = ratioOf(r);
      console.log(
        `${r.db}: Borikan/mailparser = ${fmt(x, 2)}× (${x >= AIM ? "meets" : "BELOW"} the ≥ ${AIM}× aim)`,
      );
    }
    if (o.writeDocs && results.length > 0) {
      const command = `npm run bench -- mail-intake${argv.length > 0 ? ` ${argv.join(" ")}` : ""}`;
      replaceSection(
        path.join(root, "docs", "benchmarks.md"),
        docsSection(o, corpus, results, pgServer, command),
        MAIL_SECTION_TITLE,
      );
      console.log("docs/benchmarks.md: mail-intake section written");
    }
    const ok = results.every((r) => r.verified);
    if (!ok) console.error("sanity check FAILED (see above)");
    return ok ? 0 : 1;
  } catch (error) {
    console.error(error);
    await cleanup();
    return 1;
  }
}
