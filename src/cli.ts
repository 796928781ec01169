import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { initAgency } from "./agencies/index.js";
import {
  HolidayFileError,
  holidayYearWarnings,
  importHolidays,
  listHolidayYears,
  loadShippedHolidays,
  parseHolidayFile,
  setHolidayYearStatus,
} from "./calendar/index.js";
import { loadConfig } from "./config/index.js";
import { systemClock } from "./platform/clock.js";
import { openDatabase } from "./platform/db/database.js";
import { migrateToLatest } from "./platform/db/migrate.js";
import { AppError } from "./platform/errors.js";
import { bilingual, hasMessage } from "./platform/i18n/index.js";

const USAGE = `borikan — operator commands (settings from the environment: DATABASE_URL, DATA_DIR)

  borikan db migrate                       apply pending database migrations
  borikan agency init --file agency.json   create or update an agency and its units from a settings file
  borikan holidays import FILE [--calendar TH|agency:<id>]
                                           import holidays from CSV or JSON; open deadlines are recomputed
  borikan holidays import --shipped        import the government holidays shipped with Borikan
  borikan holidays confirm YEAR [--calendar TH]
                                           mark a year's list as checked against the Cabinet announcement
  borikan holidays status [--calendar TH]  list the years held and warn about missing or provisional ones
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
      help: { type: "boolean" },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return group ? 0 : 2;
  }
  const config = loadConfig();
  const handle = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
    const clock = systemClock;
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
        ? loadShippedHolidays()
        : arg
          ? parseHolidayFile(
              fs.readFileSync(arg, "utf8"),
              path.extname(arg).toLowerCase() === ".csv" ? "csv" : "json",
            )
          : undefined;
      if (!years) throw new Error("give a FILE or --shipped");
      const result = await importHolidays(handle, calendar, years, { clock, actor });
      console.log(
        `imported ${result.years.join(", ")} into ${calendar}; ${result.entriesRecomputed} open entries got new deadlines`,
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
        const key = w.problem === "missing" ? "warning.HOLIDAYS_MISSING" : "warning.HOLIDAYS_PROVISIONAL";
        console.warn(`warning: ${bilingual(key, { year: w.year, beYear: w.year + 543 })}`);
      }
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

process.exitCode = await main(process.argv.slice(2));
