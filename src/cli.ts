import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrations } from "../migrations/index.js";
import { initAgency, listUnits } from "./agencies/index.js";
import { sealAuditTrail, verifyAuditTrail } from "./audit/index.js";
import { createBackup, MASTER_KEY_NOTE, restoreBackup } from "./backup/index.js";
import {
  HolidayFileError,
  type HolidayKind,
  holidayWarningKey,
  holidayYearWarnings,
  listHolidayYears,
  loadShippedHolidays,
  parseHolidayFile,
  setHolidayYearStatus,
  toLocal,
} from "./calendar/index.js";
import { type Config, loadConfig } from "./config/index.js";
import { LINE_OPTIONS, LINE_USAGE, lineCommand } from "./intake/line/index.js";
import { MAILBOX_OPTIONS, MAILBOX_USAGE, mailboxCommand } from "./intake/mail/mailbox-cli.js";
import { KEYS_USAGE, keysCommand } from "./keys-cli.js";
// #15 issuance
// #16 backfill
import { backfillProblemText, importLicences, listBackfillMappings } from "./licensing/index.js";
import { systemClock } from "./platform/clock.js";
import { openSealed } from "./platform/crypto/index.js";
import { openDatabase } from "./platform/db/database.js";
import { migrateToLatest } from "./platform/db/migrate.js";
import { AppError } from "./platform/errors.js";
import { bilingual, hasMessage } from "./platform/i18n/index.js";
// #15 issuance
import { openFileStore } from "./platform/storage/open-file-store.js";
import {
  addHolidayAndRecompute,
  importHolidaysAndRecompute,
  removeHolidayAndRecompute,
} from "./register/index.js";
// #18 processes
import { clusterPlan, runCluster } from "./run-cluster.js";
import { SEALED_COLUMNS } from "./sealed-columns.js";
import { createStaff, listStaff, resetPassword } from "./staff/index.js";

const USAGE = `borikan — operator commands (settings from the environment: DATABASE_URL, DATA_DIR)

  borikan db migrate                       apply pending database migrations
  borikan agency init --file agency.json   create or update an agency and its units from a settings file
  borikan holidays import FILE [--calendar TH|agency:<id>]
                                           import holidays from CSV or JSON; open deadlines are recomputed
  borikan holidays import --shipped        import the government holidays shipped with Borikan
                                           (an import replaces whole years: borikan holidays --help)
  borikan holidays add --date YYYY-MM-DD --name-th N --name-en N --source S [--kind special]
                       [--calendar TH|agency:<id>]
                                           add one special day (Royal Ploughing Day, a Cabinet bridge
                                           holiday) with its source; open deadlines are recomputed
  borikan holidays remove DATE [--calendar TH|agency:<id>]
                                           remove one holiday; open deadlines are recomputed
  borikan holidays confirm YEAR [--calendar TH]
                                           mark a year's list as checked against the Cabinet announcement
  borikan holidays status [--calendar TH]  list the years held and warn about missing or provisional ones
  borikan staff create --agency ID --email E --name N --roles admin,saraban_officer [--units CODE,…]
                                           add an officer (units by code or id, of that agency);
                                           prints a temporary password
  borikan staff reset-password --agency ID --email E
  borikan audit seal                       append new audit rows to the hash chain now
  borikan audit verify                     check the audit chain and the head kept outside the database
  borikan licences import FILE.xlsx|FILE.csv --agency ID [--sheet NAME] [--mapping NAME] [--check]
                          [--all-or-nothing]
                                           back-fill licences issued before Borikan (PR-3): columns by a
                                           saved mapping, or the header number,service_code,holder,
                                           issued_on,valid_until,status then one column per printed line;
                                           each valid row imported (in force first), refused rows listed
${MAILBOX_USAGE}${LINE_USAGE}  borikan backup DIR                       consistent copy of database, files and audit head files (while running)
  borikan restore DIR [--force]            restore a backup after checking every file's sha256
  borikan start [--web N|auto] [--workers M]
                                           run N web processes on one port and M workers (default 1 and
                                           1; auto: one web process per core), restarting any that dies
${KEYS_USAGE.slice(1)}`;

const HOLIDAYS_USAGE = `borikan holidays — the business calendar's holiday lists (CH-3, CH-4)

  borikan holidays import FILE [--calendar TH|agency:<id>]
  borikan holidays import --shipped [--calendar TH]
  borikan holidays add --date YYYY-MM-DD --name-th N --name-en N --source S [--kind special|public|agency]
                       [--calendar TH|agency:<id>]
  borikan holidays remove DATE [--calendar TH|agency:<id>]
  borikan holidays confirm YEAR [--calendar TH]
  borikan holidays status [--calendar TH]

An import REPLACES WHOLE YEARS: for every year that appears in FILE, the calendar's holidays of that
year become exactly the file's (a holiday missing from the file is removed); years not in the file are
kept. To change one day, import the whole year again, or add or remove that day with "borikan holidays
add" or "borikan holidays remove".

"--shipped" imports the list shipped with Borikan and, for next year when it is not in that list, the
holidays Borikan computes from the Thai lunar calendar (lunar holidays and substitution days included),
provisional until the Cabinet's list is imported. A year with no list at all is counted with the
computed holidays too, and warned about.
Deadlines of entries not yet acknowledged are recomputed in the same transaction; every change is audited.

FILE is CSV (.csv) or JSON (any other name), UTF-8. CSV has a header row, then one holiday a line:

  date,name_th,name_en,kind[,status,source]
  2027-01-01,วันขึ้นปีใหม่,New Year's Day,public,provisional,ประกาศสำนักนายกรัฐมนตรี

  date     the day, YYYY-MM-DD in the Christian era (2027, not 2570)
  name_th  the Thai name (required); name_en the English name (may be empty)
  kind     public | substitution | special | agency
  status   confirmed | provisional (optional; one provisional or empty row keeps its year provisional)
  source   where the list comes from, e.g. the Cabinet resolution (optional)

Fields with commas are quoted ("a, b"). JSON: {"years":[{"year":2027,"status":"confirmed",
"source":"…","holidays":[{"date":"2027-01-01","nameTh":"…","nameEn":"…","kind":"public"}]}]}.
A file with any error is refused whole, every problem listed with its line.
`;

const actor = `cli:${process.env.USER ?? "operator"}`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: "string" },
      calendar: { type: "string", default: "TH" },
      shipped: { type: "boolean" },
      date: { type: "string" },
      "name-th": { type: "string" },
      "name-en": { type: "string" },
      source: { type: "string" },
      kind: { type: "string", default: "special" },
      help: { type: "boolean" },
      force: { type: "boolean" },
      agency: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      roles: { type: "string" },
      units: { type: "string" },
      ...MAILBOX_OPTIONS,
      ...LINE_OPTIONS,
      // #16 backfill
      sheet: { type: "string" },
      mapping: { type: "string" },
      check: { type: "boolean" },
      "all-or-nothing": { type: "boolean" },
      // #18 processes
      web: { type: "string" },
      workers: { type: "string" },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help && group === "holidays") {
    process.stdout.write(HOLIDAYS_USAGE);
    return 0;
  }
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return group ? 0 : 2;
  }
  const config = loadConfig();
  // Backup and restore work on the database as it is: no migration first (a restore target must be empty).
  if (group === "backup" || group === "restore")
    return backupCommand(group, command, values.force === true, config);
  // #18 processes: several web and worker processes on this machine, until a signal
  if (group === "start") return runCluster(config, clusterPlan(values));
  const handle = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db, migrations);
    const clock = systemClock;
    // #13 sealing (ID-7): what the CLI writes is sealed like what the service writes; `keys` opens the
    // ring itself (a rotation starts with the old key still wrapping).
    const keySettings = {
      encryptionKey: config.encryptionKey,
      previousKeys: config.encryptionKeyPrevious,
      dataDir: config.dataDir,
    };
    const openRing = async () => (await openSealed(handle, keySettings, SEALED_COLUMNS, clock)).sealer;
    if (group === "keys") return await keysCommand(command, handle, config, clock, openRing);
    const sealer = await openRing();
    const calendar = values.calendar ?? "TH";
    if (group === "db" && command === "migrate") {
      console.log("migrations applied");
    } else if (group === "agency" && command === "init") {
      if (!values.file) throw new Error("--file agency.json is required");
      const { agency, warnings } = await initAgency(
        handle,
        JSON.parse(fs.readFileSync(values.file, "utf8")),
        { clock, actor },
      );
      console.log(`agency ${agency.id} saved: ${agency.nameTh} / ${agency.nameEn}`);
      for (const w of warnings) console.warn(`warning: ${bilingual(`warning.${w}`)}`);
    } else if (group === "holidays" && command === "import") {
      const years = values.shipped
        ? loadShippedHolidays(Number(toLocal(clock.now(), "Asia/Bangkok").date.slice(0, 4)) + 1)
        : arg
          ? parseHolidayFile(
              fs.readFileSync(arg, "utf8"),
              path.extname(arg).toLowerCase() === ".csv" ? "csv" : "json",
            )
          : undefined;
      if (!years) throw new Error("give a FILE or --shipped");
      const result = await importHolidaysAndRecompute(handle, calendar, years, { clock, actor });
      console.log(
        `imported ${result.years.join(", ")} into ${calendar}; ${result.entriesRecomputed} open entries got new deadlines`,
      );
    } else if (group === "holidays" && command === "remove") {
      if (!arg) throw new Error("borikan holidays remove DATE: the date (YYYY-MM-DD) is missing");
      const result = await removeHolidayAndRecompute(handle, calendar, arg, { clock, actor });
      console.log(
        `removed ${arg} from ${calendar}; ${result.entriesRecomputed} open entries got new deadlines`,
      );
    } else if (group === "holidays" && command === "add") {
      const holiday = {
        date: values.date ?? "",
        nameTh: values["name-th"] ?? "",
        nameEn: values["name-en"] ?? "",
        kind: (values.kind ?? "special") as HolidayKind,
        source: values.source ?? "",
      };
      const result = await addHolidayAndRecompute(handle, calendar, holiday, { clock, actor });
      console.log(
        `added ${holiday.date} to ${calendar}; ${result.entriesRecomputed} open entries got new deadlines`,
      );
    } else if (group === "holidays" && command === "confirm") {
      const year = Number(arg);
      if (!(await setHolidayYearStatus(handle.db, calendar, year, "confirmed", clock.now().toISOString()))) {
        throw new Error(`no holiday list for ${arg} in ${calendar}: import it first`);
      }
      console.log(`${calendar} ${year} marked confirmed`);
    } else if (group === "holidays" && command === "status") {
      for (const y of await listHolidayYears(handle.db, calendar))
        console.log(`${y.year} (${y.year + 543}) ${y.status} — ${y.source}`);
      for (const w of await holidayYearWarnings(handle.db, calendar, clock.now(), "Asia/Bangkok")) {
        console.warn(`warning: ${bilingual(holidayWarningKey(w), { year: w.year, beYear: w.year + 543 })}`);
      }
    } else if (group === "staff" && (command === "create" || command === "reset-password")) {
      if (!values.agency || !values.email) throw new Error("--agency and --email are required");
      if (command === "create") {
        const roles = (values.roles ?? "").split(",").filter(Boolean);
        // #9: a unit named by its code is looked up in this agency only; createStaff refuses the rest.
        const units = await listUnits(handle.db, values.agency);
        const unitIds = (values.units ?? "")
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean)
          .map((u) => units.find((unit) => unit.code === u)?.id ?? u);
        const created = await createStaff(
          handle,
          values.agency,
          { email: values.email, displayName: values.name ?? values.email, roles, unitIds },
          { clock, actor },
        );
        console.log(
          `officer ${created.staff.email} created; temporary password: ${created.temporaryPassword}`,
        );
      } else {
        const staff = (await listStaff(handle.db, values.agency)).find(
          (s) => s.email === values.email?.toLowerCase(),
        );
        if (!staff) throw new AppError("STAFF_NOT_FOUND");
        console.log(
          `temporary password: ${await resetPassword(handle, values.agency, staff.id, { clock, actor })}`,
        );
      }
    } else if (group === "line") {
      return await lineCommand(command, values, handle);
    } else if (group === "mailbox") {
      return await mailboxCommand(command, values, handle, config);
      // #15 issuance
    } else if (group === "licences" && command === "import") {
      if (!arg || !values.agency)
        throw new Error(
          "borikan licences import FILE.xlsx|FILE.csv --agency ID [--sheet NAME] [--mapping NAME]",
        );
      const files = openFileStore(config.storage, sealer);
      // #16 backfill: a saved mapping by name; XLSX or CSV in any encoding; each valid row imported.
      const saved = values.mapping
        ? (await listBackfillMappings(handle.db, values.agency)).find((m) => m.name === values.mapping)
        : undefined;
      if (values.mapping && !saved) throw new Error(`no saved mapping "${values.mapping}"`);
      const report = await importLicences(
        { handle, files, clock },
        {
          agencyId: values.agency,
          file: fs.readFileSync(arg),
          sheetName: values.sheet,
          mapping: saved?.mapping,
          actor,
          mode: values.check ? "check" : values["all-or-nothing"] ? "all-or-nothing" : "import",
        },
      );
      console.log(`${report.format}, ${report.encoding}: ${report.rows} rows`);
      for (const p of report.problems) console.error(`row ${p.line}: ${backfillProblemText("en", p)}`);
      const inForce = report.imported.filter((i) => i.inForce).length;
      const verb = report.dryRun ? "importable (nothing written)" : "imported";
      console.log(
        `${report.imported.length} licences ${verb} (${inForce} in force), ${report.problems.length} rows refused`,
      );
      if (report.problems.length > 0) return 1;
    } else if (group === "audit" && command === "seal") {
      console.log(
        `${await sealAuditTrail(handle, { clock, headFileDir: config.auditHeadDir })} audit rows sealed`,
      );
    } else if (group === "audit" && command === "verify") {
      // Verify never seals first: rows slipped in behind the chain must show up, not be absorbed.
      const result = await verifyAuditTrail(handle, { headFileDir: config.auditHeadDir });
      for (const w of result.warnings) console.warn(`warning: ${w}`);
      for (const p of result.problems) console.error(`problem: ${p}`);
      console.log(
        `${result.checked} audit rows checked: ${result.ok ? "the chain is intact" : "THE CHAIN IS BROKEN"}`,
      );
      return result.ok ? 0 : 1;
    } else {
      process.stderr.write(USAGE);
      return 2;
    }
    return 0;
  } catch (error) {
    if (error instanceof HolidayFileError)
      console.error(`holiday file refused:\n  ${error.problems.join("\n  ")}`);
    else if (error instanceof AppError && hasMessage(`error.${error.code}`))
      console.error(bilingual(`error.${error.code}` as never, error.params));
    else console.error(String((error as Error).message ?? error));
    return 1;
  } finally {
    await handle.close();
  }
}

async function backupCommand(
  group: "backup" | "restore",
  dir: string | undefined,
  force: boolean,
  config: Config,
) {
  if (!dir) throw new Error(`borikan ${group} DIR: the directory is missing`);
  try {
    if (group === "backup") {
      const manifest = await createBackup({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        targetDir: dir,
        auditHeadDir: config.auditHeadDir,
        // #18 storage: the objects are copied from wherever STORAGE_URL keeps them
        files: openFileStore(config.storage),
      });
      console.log(
        `backup written to ${dir}: ${manifest.entries} entries, ${Object.keys(manifest.files).length} files, ` +
          `${Object.keys(manifest.auditHeads ?? {}).length} audit head files`,
      );
      console.log(MASTER_KEY_NOTE);
    } else {
      const result = await restoreBackup({
        backupDir: dir,
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        auditHeadDir: config.auditHeadDir,
        force,
        // #18 storage: written back into STORAGE_URL's store and read back to check each sha256
        files: openFileStore(config.storage),
      });
      console.log(
        `restored ${result.manifest.entries} entries and ${result.filesRestored} files from ${dir}`,
      );
      // #13 (ID-7): the master key is never in a backup; say so on every restore.
      console.warn(result.manifest.encryption?.note ?? MASTER_KEY_NOTE);
      if (!result.manifest.auditHeads)
        console.warn(
          "the backup was made before audit head files were included: `borikan audit verify` checks the end of the chain again once the worker has sealed new rows",
        );
      if (!result.secretKeyRestored)
        console.warn(
          "the backup has no secret.key: set the same SECRET_KEY as before, or tracking links change",
        );
    }
    return 0;
  } catch (error) {
    // A BackupError's message already lists every problem, one a line.
    console.error(String((error as Error).message ?? error));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
