import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import SQLite from "better-sqlite3";
import pg from "pg";
import {
  addDays,
  type BusinessCalendar,
  fromLocal,
  isBusinessDay,
  parseClock,
} from "../src/calendar/index.js";
import type { Dialect } from "../src/platform/db/database.js";

/**
 * Bulk data for the register-page benchmark (issue #3): a register of `entries` items spread over the
 * agency's last `days` business days (about `entries / days` a day, ±25 %), written straight into the
 * tables with bulk inserts (prepared statements in big transactions on SQLite, multi-row `unnest`
 * inserts on PostgreSQL), not through the API.
 *
 * The rows look like the ones Borikan writes itself: Thai senders and subjects; channels mixed (web,
 * e-mail, LINE, paper); received_at inside business hours (working_start = received_at, deadline the
 * day's closing) or after hours since the previous business day's closing (working_start = the day's
 * opening, deadline 10:00); receipt numbers gapless per Buddhist-era year in order of receipt; acknowledged
 * the way each channel is (web page, e-mail, LINE, paper stamp), a few never, more of the last two days'
 * not yet; some cancelled; most with a unit; one matter per entry, or for 8 % an earlier matter.
 */
export interface LoadPlan {
  entries: number;
  days: number;
  seed: number;
  /** Rows per bulk statement (PostgreSQL) / per transaction (SQLite). */
  batch: number;
}

export interface LoadContext {
  agencyId: string;
  calendar: BusinessCalendar;
  unitIds: string[];
  /** An officer id for scanned_by / cancelled_by. */
  officerId: string;
  /** The last register day: the last business day on or before this date. */
  until: string;
}

export interface LoadStats {
  entries: number;
  matters: number;
  /** The business days loaded, oldest first, with how many entries each. */
  days: { date: string; entries: number }[];
  /** Last receipt number per Buddhist-era year (also written to receipt_counters). */
  years: Record<number, number>;
  channels: Record<string, number>;
  acknowledged: number;
  unacknowledged: number;
  cancelled: number;
  loadMs: number;
}

const ENTRY_COLUMNS = [
  "id",
  "agency_id",
  "matter_id",
  "be_year",
  "sequence",
  "receipt_number",
  "received_at",
  "working_start",
  "acknowledge_by",
  "acknowledged_at",
  "acknowledged_via",
  "channel",
  "sender_name",
  "sender_email",
  "sender_phone",
  "reply_to",
  "addressee",
  "subject",
  "body",
  "letter_reference",
  "letter_date",
  "unit_id",
  "status",
  "language",
  "signature",
  "idempotency_key",
  "request_hash",
  "created_at",
  "cancelled_at",
  "cancelled_by",
  "cancel_reason",
  "scanned_by",
  "scan_device",
] as const;
const INTEGER_COLUMNS = new Set<string>(["be_year", "sequence"]);
const MATTER_COLUMNS = [
  "id",
  "agency_id",
  "receipt_number",
  "subject",
  "status",
  "created_at",
  "updated_at",
] as const;

type Value = string | number | null;
type Row = Value[];

/** mulberry32: a small seeded PRNG, so that every run loads the same register. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ["นาย", "นาง", "นางสาว"];
const FIRST_NAMES = [
  "สมชาย",
  "สมหญิง",
  "วิชัย",
  "สุนีย์",
  "ประเสริฐ",
  "มาลี",
  "อนุชา",
  "กาญจนา",
  "ธนากร",
  "พรทิพย์",
  "สุริยา",
  "วรรณา",
  "ณัฐพล",
  "ปิยะนุช",
  "เกียรติศักดิ์",
  "จันทร์เพ็ญ",
  "ชัยวัฒน์",
  "รัตนา",
  "ธีรยุทธ",
  "อรุณี",
  "บุญมี",
  "ศิริพร",
  "พงศกร",
  "ทิพวรรณ",
];
const SURNAMES = [
  "ใจดี",
  "รักไทย",
  "ศรีสุข",
  "แก้วมณี",
  "ทองคำ",
  "บุญเรือง",
  "สุขสวัสดิ์",
  "วงศ์ใหญ่",
  "พึ่งบุญ",
  "มั่นคง",
  "เจริญผล",
  "ปัญญาดี",
  "ชัยมงคล",
  "อินทร์แก้ว",
  "ศรีประเสริฐ",
  "นาคสวัสดิ์",
  "คงสมบูรณ์",
  "แสงทอง",
];
const ORGANISATIONS = [
  "บริษัท ไทยพัฒนาก่อสร้าง จำกัด",
  "ห้างหุ้นส่วนจำกัด รุ่งเรืองการค้า",
  "องค์การบริหารส่วนตำบลบางพลี",
  "สำนักงานที่ดินจังหวัดนนทบุรี",
  "โรงเรียนวัดสุทธาราม",
  "สำนักงานสาธารณสุขอำเภอเมือง",
  "การไฟฟ้านครหลวง เขตบางกะปิ",
  "มูลนิธิเพื่อผู้สูงอายุ",
];
const ROMAN = ["somchai", "somying", "wichai", "sunee", "prasert", "malee", "anucha", "kanjana", "thanakorn"];
const DOMAINS = ["gmail.com", "hotmail.com", "yahoo.co.th", "outlook.co.th"];
const SUBJECTS = [
  "ขออนุญาตก่อสร้างอาคาร",
  "ขอคัดสำเนาทะเบียนบ้าน",
  "ร้องเรียนเสียงดังรบกวนยามวิกาล",
  "ขอรับเบี้ยยังชีพผู้สูงอายุ",
  "ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ",
  "แจ้งท่อระบายน้ำอุดตัน",
  "ขออนุญาตจัดงานประเพณี",
  "ขอใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ",
  "ขอความอนุเคราะห์รถบรรทุกน้ำ",
  "แจ้งขยะตกค้างไม่มีผู้จัดเก็บ",
  "ขอรับรองสำเนาเอกสาร",
  "ขอเปลี่ยนชื่อผู้ประกอบการ",
  "ขอตรวจสอบเขตที่ดิน",
  "ขอความอนุเคราะห์ตัดแต่งกิ่งไม้",
  "เชิญประชุมคณะกรรมการ",
  "ขอข้อมูลข่าวสารของราชการ",
];
const PLACES = ["บางพลี", "บางบัวทอง", "ลาดพร้าว", "บางรัก", "หนองจอก", "ดอนเมือง", "คลองสาน", "บึงกุ่ม"];
const CANCEL_REASONS = ["ลงทะเบียนซ้ำ", "ส่งผิดหน่วยงาน", "ผู้ยื่นขอยกเลิก"];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chars = (rand: () => number, alphabet: string, n: number) => {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};
const hex = (rand: () => number, n: number) => chars(rand, "0123456789abcdef", n);
const iso = (ms: number) => new Date(ms).toISOString();

/** The agency's `count` business days up to `until` (inclusive), oldest first. */
export function businessDays(calendar: BusinessCalendar, until: string, count: number): string[] {
  const days: string[] = [];
  for (let date = until, i = 0; days.length < count && i < count * 3; date = addDays(date, -1), i++) {
    if (isBusinessDay(calendar, date)) days.push(date);
  }
  return days.reverse();
}

interface Batch {
  matters: Row[];
  entries: Row[];
}

/** Generates the register, oldest day first, in batches of about `plan.batch` entries. */
function* generate(plan: LoadPlan, ctx: LoadContext, stats: LoadStats): Generator<Batch> {
  const rand = prng(plan.seed);
  const { calendar, agencyId } = ctx;
  const tz = calendar.timeZone;
  const opening = parseClock(calendar.hours.opening);
  const closing = parseClock(calendar.hours.closing);
  const ackNextDay = parseClock(calendar.hours.acknowledgeByNextDay);
  const days = businessDays(calendar, ctx.until, plan.days);
  // Entries per day: ±25 % around the mean, scaled to the exact total.
  const weights = days.map(() => 0.75 + 0.5 * rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((plan.entries * w) / sum));
  for (let i = 0, left = plan.entries - counts.reduce((a, b) => a + b, 0); left > 0; i++, left--)
    counts[i % counts.length]!++;
  const sequences = new Map<number, number>();
  const recentMatters: { id: string; receipt: string }[] = [];
  let batch: Batch = { matters: [], entries: [] };
  let prevClose = fromLocal(addDays(days[0]!, -1), closing, tz).getTime();

  for (const [d, date] of days.entries()) {
    const open = fromLocal(date, opening, tz).getTime();
    const close = fromLocal(date, closing, tz).getTime();
    const closeIso = iso(close);
    const ackNext = iso(fromLocal(date, ackNextDay, tz).getTime());
    const beYear = Number(date.slice(0, 4)) + 543;
    const n = counts[d]!;
    stats.days.push({ date, entries: n });
    const recent = d >= days.length - 2;
    // About 15 % arrived after hours (evening, night, weekend or holiday before): they count from opening.
    const afterHours = Math.round(n * (0.1 + 0.1 * rand()));
    const times: number[] = [];
    for (let i = 0; i < afterHours; i++) times.push(prevClose + Math.floor(rand() * (open - prevClose)));
    for (let i = afterHours; i < n; i++) times.push(open + Math.floor(rand() * (close - open)));
    times.sort((a, b) => a - b);
    for (const received of times) {
      const inHours = received >= open;
      const r = rand();
      const channel = inHours
        ? r < 0.4
          ? "web"
          : r < 0.7
            ? "email"
            : r < 0.85
              ? "line"
              : "paper"
        : r < 0.5
          ? "web"
          : r < 0.85
            ? "email"
            : "line";
      stats.channels[channel] = (stats.channels[channel] ?? 0) + 1;
      const sequence = (sequences.get(beYear) ?? 0) + 1;
      sequences.set(beYear, sequence);
      const receipt = `${sequence}/${beYear}`;
      const fromOrganisation = (channel === "paper" || channel === "email") && rand() < 0.3;
      const senderName = fromOrganisation
        ? pick(rand, ORGANISATIONS)
        : `${pick(rand, TITLES)}${pick(rand, FIRST_NAMES)} ${pick(rand, SURNAMES)}`;
      const hasEmail = channel === "email" || (channel === "web" && rand() < 0.7);
      const email = hasEmail
        ? `${pick(rand, ROMAN)}.${Math.floor(rand() * 10000)}@${pick(rand, DOMAINS)}`
        : null;
      const phone =
        channel === "web" || channel === "line" || rand() < 0.3
          ? `0${pick(rand, ["6", "8", "9"])}${chars(rand, "0123456789", 8)}`
          : null;
      const place = pick(rand, PLACES);
      const subject = `${pick(rand, SUBJECTS)} ${place} หมู่ที่ ${1 + Math.floor(rand() * 12)}`;
      const body =
        `เรียน ผู้อำนวยการสำนักงานเขต ข้าพเจ้า ${senderName} มีความประสงค์${subject} ` +
        `จึงเรียนมาเพื่อโปรดพิจารณา ทั้งนี้ได้แนบเอกสารประกอบมาพร้อมนี้ จำนวน ${1 + Math.floor(rand() * 4)} ฉบับ ` +
        "และขอขอบคุณมา ณ โอกาสนี้";
      // How each channel acknowledges (CH-4): at once for the web page and paper stamp, a little later by
      // e-mail and LINE; a few never (bounced), and the last two days' still waiting more often.
      const cancelled = rand() < 0.003;
      let ackAt: string | null = null;
      let ackVia: string | null = null;
      if (channel === "paper") [ackAt, ackVia] = [iso(received), "paper-stamp"];
      else if (channel === "web" && !email) [ackAt, ackVia] = [iso(received), "web-page"];
      else if (rand() >= (recent ? 0.15 : 0.015)) {
        ackAt = iso(received + 30_000 + Math.floor(rand() * 300_000));
        ackVia = channel === "line" ? "line" : "email";
      }
      if (cancelled) stats.cancelled++;
      else if (ackAt) stats.acknowledged++;
      else stats.unacknowledged++;
      let matterId: string;
      if (recentMatters.length > 50 && rand() < 0.08) {
        matterId = pick(rand, recentMatters).id;
      } else {
        matterId = crypto.randomUUID();
        const age = days.length - d;
        const status =
          age > 60 ? "closed" : age > 10 ? pick(rand, ["in_review", "approved", "closed"]) : "received";
        batch.matters.push([matterId, agencyId, receipt, subject, status, iso(received), iso(received)]);
        recentMatters.push({ id: matterId, receipt });
        if (recentMatters.length > 2000) recentMatters.splice(0, 1000);
        stats.matters++;
      }
      const letter = channel === "paper" || fromOrganisation;
      const receivedIso = iso(received);
      batch.entries.push([
        crypto.randomUUID(),
        agencyId,
        matterId,
        beYear,
        sequence,
        receipt,
        receivedIso,
        inHours ? receivedIso : iso(open),
        inHours ? closeIso : ackNext,
        ackAt,
        ackVia,
        channel,
        senderName,
        email,
        phone,
        null,
        letter ? "ผู้อำนวยการสำนักงานเขตตัวอย่าง" : null,
        subject,
        body,
        letter ? `ที่ นท ${5000 + Math.floor(rand() * 999)}/${1 + Math.floor(rand() * 3000)}` : null,
        letter ? addDays(date, -1 - Math.floor(rand() * 5)) : null,
        rand() < (recent ? 0.3 : 0.7) ? pick(rand, ctx.unitIds) : null,
        cancelled ? "cancelled" : "received",
        rand() < 0.97 ? "th" : "en",
        channel === "web" ? senderName : null,
        channel === "web" ? crypto.randomBytes(16).toString("base64url") : null,
        channel === "web" ? hex(rand, 64) : null,
        receivedIso,
        cancelled ? iso(received + 3_600_000) : null,
        cancelled ? ctx.officerId : null,
        cancelled ? pick(rand, CANCEL_REASONS) : null,
        channel === "paper" ? ctx.officerId : null,
        channel === "paper" ? "Fujitsu fi-7160" : null,
      ]);
      stats.entries++;
      if (batch.entries.length >= plan.batch) {
        yield batch;
        batch = { matters: [], entries: [] };
      }
    }
    prevClose = close;
  }
  if (batch.entries.length > 0) yield batch;
  for (const [year, last] of sequences) stats.years[year] = last;
}

function emptyStats(): LoadStats {
  return {
    entries: 0,
    matters: 0,
    days: [],
    years: {},
    channels: {},
    acknowledged: 0,
    unacknowledged: 0,
    cancelled: 0,
    loadMs: 0,
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** SQLite: one connection of its own, prepared single-row inserts, one transaction per batch. */
function loadSqlite(file: string, plan: LoadPlan, ctx: LoadContext, log: (msg: string) => void): LoadStats {
  const stats = emptyStats();
  const db = new SQLite(file);
  try {
    db.pragma("journal_mode = WAL");
    // Only for the load: the benchmark is thrown away if it crashes, and the server runs with FULL.
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144");
    db.pragma("foreign_keys = ON");
    const insertMatter = db.prepare(
      `insert into matters (${MATTER_COLUMNS.join(", ")}) values (${placeholders(MATTER_COLUMNS.length)})`,
    );
    const insertEntry = db.prepare(
      `insert into entries (${ENTRY_COLUMNS.join(", ")}) values (${placeholders(ENTRY_COLUMNS.length)})`,
    );
    const insertBatch = db.transaction((batch: Batch) => {
      for (const m of batch.matters) insertMatter.run(m);
      for (const e of batch.entries) insertEntry.run(e);
    });
    const t0 = performance.now();
    let next = 100_000;
    for (const batch of generate(plan, ctx, stats)) {
      insertBatch(batch);
      if (stats.entries >= next) {
        log(`  ${stats.entries} entries, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        next += 100_000;
      }
    }
    const counter = db.prepare(
      "insert into receipt_counters (agency_id, be_year, last_number) values (?, ?, ?) on conflict (agency_id, be_year) do update set last_number = excluded.last_number",
    );
    for (const [year, last] of Object.entries(stats.years)) counter.run(ctx.agencyId, Number(year), last);
    db.pragma("wal_checkpoint(TRUNCATE)");
    stats.loadMs = performance.now() - t0;
    return stats;
  } finally {
    db.close();
  }
}

/** PostgreSQL: `insert … select * from unnest($1::text[], …)`, one statement per table and batch. */
async function loadPostgres(
  url: string,
  plan: LoadPlan,
  ctx: LoadContext,
  log: (msg: string) => void,
): Promise<LoadStats> {
  const stats = emptyStats();
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  const unnest = (table: string, columns: readonly string[]) =>
    `insert into ${table} (${columns.join(", ")}) select * from unnest(${columns
      .map((c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? "integer" : "text"}[]`)
      .join(", ")})`;
  const matterSql = unnest("matters", MATTER_COLUMNS);
  const entrySql = unnest("entries", ENTRY_COLUMNS);
  const columnsOf = (rows: Row[], width: number) =>
    Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
  try {
    const t0 = performance.now();
    let next = 100_000;
    // One batch in flight while the next is generated: Node and PostgreSQL work on both cores.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (const batch of generate(plan, ctx, stats)) {
      const matters = columnsOf(batch.matters, MATTER_COLUMNS.length);
      const entries = columnsOf(batch.entries, ENTRY_COLUMNS.length);
      await inFlight;
      inFlight = (async () => {
        await client.query("begin");
        if (batch.matters.length > 0) await client.query(matterSql, matters);
        await client.query(entrySql, entries);
        await client.query("commit");
      })();
      // Keep an unhandled rejection from escaping before it is awaited.
      inFlight.catch(() => {});
      if (stats.entries >= next) {
        log(`  ${stats.entries} entries, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        next += 100_000;
      }
    }
    await inFlight;
    for (const [year, last] of Object.entries(stats.years))
      await client.query(
        "insert into receipt_counters (agency_id, be_year, last_number) values ($1, $2, $3) on conflict (agency_id, be_year) do update set last_number = excluded.last_number",
        [ctx.agencyId, Number(year), last],
      );
    stats.loadMs = performance.now() - t0;
    return stats;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function bulkLoad(
  dialect: Dialect,
  url: string,
  plan: LoadPlan,
  ctx: LoadContext,
  log: (msg: string) => void,
): Promise<LoadStats> {
  return dialect === "sqlite"
    ? loadSqlite(url.slice("sqlite:".length), plan, ctx, log)
    : loadPostgres(url, plan, ctx, log);
}
