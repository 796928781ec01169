import { DEMO_AGENCY, initAgency, listUnits } from "../src/agencies/index.js";
import { publishService } from "../src/catalog/index.js";
import { loadConfig } from "../src/config/index.js";
import { saveMailbox } from "../src/intake/mail/index.js";
import { markMailboxStarted } from "../src/intake/mail/mailbox.repo.js";
import { newVerificationCode } from "../src/licensing/index.js";
import { systemClock } from "../src/platform/clock.js";
import { type DatabaseHandle, withTransaction } from "../src/platform/db/database.js";
import { createService } from "../src/service.js";
import { createStaff } from "../src/staff/index.js";
import { TEST_SERVICE } from "../test/service-fixture.js";
import type { FreshDatabase } from "./databases.js";
import { PROVINCE_IMAP_ENV } from "./province-infra.js";

/** One agency of the province as the traffic needs it. */
export interface ProvinceAgency {
  id: string;
  mailUser: string;
  officer: { email: string; password: string };
  /** Licences to look up on the verification page. */
  licences: { number: string; code: string }[];
}

export interface SetupTargets {
  imap: { host: string; port: number };
  line: { apiBaseUrl: string; secretEnv: string; tokenEnv: string };
  /** The environment every Borikan process of the run gets (keys, secrets' variables). */
  env: Record<string, string>;
}

const LICENCES_PER_AGENCY = 5;
const ctx = { clock: systemClock, actor: "cli:bench-province" };

/**
 * Creates `count` agencies with the product's own functions, as `borikan agency init` and the admin pages
 * would: the agency and its units, a reviewer who also keeps the register, the test shop-permit service
 * published, the agency's mailbox (its own IMAP user) started, its LINE channel on the fake LINE, and a few
 * back-filled licences (PR-3) for the verification page. The migrations run first, in `createService`.
 */
export async function setupProvince(
  fresh: FreshDatabase,
  count: number,
  targets: SetupTargets,
  log: (m: string) => void,
): Promise<ProvinceAgency[]> {
  const service = await createService(
    loadConfig({ ...targets.env, DATABASE_URL: fresh.url, DATA_DIR: fresh.dataDir, ROLE: "web" }),
    { env: targets.env, log: () => {} },
  );
  const t0 = Date.now();
  try {
    const agencies: ProvinceAgency[] = [];
    // A few agencies at once: PostgreSQL overlaps them; SQLite's one writer takes them in turn.
    const parallel = fresh.dialect === "postgres" ? 8 : 1;
    for (let start = 0; start < count; start += parallel) {
      const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, j) => start + j + 1);
      agencies.push(...(await Promise.all(batch.map((n) => createAgency(service.handle, n, targets)))));
    }
    log(
      `  setup: ${agencies.length} agencies in ${((Date.now() - t0) / 1000).toFixed(1)} s after the migrations`,
    );
    return agencies;
  } finally {
    await service.close();
  }
}

async function createAgency(handle: DatabaseHandle, n: number, t: SetupTargets): Promise<ProvinceAgency> {
  const id = `p${String(n).padStart(3, "0")}`;
  const domain = `${id}.province.go.th`;
  const mailUser = `saraban@${domain}`;
  await initAgency(
    handle,
    {
      ...DEMO_AGENCY,
      id,
      nameTh: `องค์การบริหารส่วนตำบลตัวอย่าง ${n}`,
      nameEn: `Sample Subdistrict ${n}`,
      domain,
      hostnames: [],
      centralEmail: mailUser,
      letterCode: `ตย ${String(n).padStart(4, "0")}`,
    },
    ctx,
  );
  const units = await listUnits(handle.db, id);
  const email = `officer@${domain}`;
  const { temporaryPassword } = await createStaff(
    handle,
    id,
    {
      email,
      displayName: `เจ้าหน้าที่ ${n} (bench)`,
      roles: ["reviewer", "saraban_officer"],
      unitIds: units.map((u) => u.id),
    },
    ctx,
  );
  const version = await withTransaction(handle, (trx) =>
    publishService(trx, id, TEST_SERVICE, { id: "bench" }, systemClock),
  );
  const now = systemClock.now().toISOString();
  await saveMailbox(
    handle.db,
    {
      agencyId: id,
      host: t.imap.host,
      port: t.imap.port,
      tls: false,
      username: mailUser,
      auth: "password",
      secretEnv: PROVINCE_IMAP_ENV,
      oauthTokenUrl: null,
      oauthClientId: null,
      oauthClientSecretEnv: null,
      extraFolders: [],
      processedFolder: "Borikan-Processed",
      retentionDays: 90,
      pollSeconds: 2,
      trustedServer: null,
      enabled: true,
    },
    now,
  );
  // A new mailbox asks its admin before taking what it already held; these start empty: take everything.
  await markMailboxStarted(handle.db, id, { since: null, by: ctx.actor, at: now });
  await handle.db
    .insertInto("line_channels")
    .values({
      agency_id: id,
      secret_env: t.line.secretEnv,
      token_env: t.line.tokenEnv,
      api_base_url: t.line.apiBaseUrl,
      data_api_base_url: t.line.apiBaseUrl,
      quiet_minutes: 30,
      enabled: 1,
      updated_at: now,
    })
    .execute();
  const licences = await backfillLicences(handle, id, version.id);
  return { id, mailUser, officer: { email, password: temporaryPassword }, licences };
}

/** Back-filled licences (as PR-3's import stores them): numbers and codes for the verification page. */
async function backfillLicences(handle: DatabaseHandle, agencyId: string, versionId: string) {
  const rows = Array.from({ length: LICENCES_PER_AGENCY }, (_, i) => ({
    number: `${i + 1}/2568`,
    code: newVerificationCode(),
  }));
  const at = systemClock.now().toISOString();
  await handle.db
    .insertInto("licences")
    .values(
      rows.map((r, i) => ({
        id: `${agencyId}-licence-${i + 1}`,
        agency_id: agencyId,
        matter_id: null,
        unit_id: null,
        service_code: TEST_SERVICE.code,
        service_version_id: versionId,
        series: "",
        be_year: 2568,
        sequence: i + 1,
        number_text: r.number,
        status: "issued" as const,
        title_th: "ใบอนุญาตจัดตั้งร้าน",
        title_en: "Shop permit",
        holder_name: "สมชาย ใจดี",
        fields: "[]",
        conditions: "[]",
        valid_from: "2025-01-01",
        valid_until: null,
        signer_name: "นายตัวอย่าง ผู้อนุญาต",
        signer_position: "นายกองค์การบริหารส่วนตำบล",
        verification_code: r.code,
        pdf_key: "backfill-none",
        pdf_sha256: "0".repeat(64),
        origin: "backfill" as const,
        scanned_at: null,
        scanned_by: null,
        scan_facts: null,
        displayed: 1,
        confidential: 0,
        previous_id: null,
        superseded_by: null,
        status_reason: null,
        status_changed_at: null,
        issued_at: at,
        issued_by: ctx.actor,
      })),
    )
    .execute();
  return rows;
}
