/**
 * A separate OS process for the numbering test: `writers` concurrent writers each register `rounds`
 * entries; every `rollbackEvery`-th attempt of a writer throws after taking its number, so its
 * transaction rolls back. Prints `{"committed":[…receipt numbers…]}` on stdout.
 */
import { DEFAULT_BUSINESS_HOURS } from "../src/calendar/index.js";
import { systemClock } from "../src/platform/clock.js";
import { openDatabase, withTransaction } from "../src/platform/db/database.js";
import { registerEntry } from "../src/register/index.js";

const [url = "", agencyId = "", writersArg, roundsArg, rollbackArg, tag] = process.argv.slice(2);
if (!url || !agencyId)
  throw new Error("usage: numbering-writer URL AGENCY WRITERS ROUNDS ROLLBACK_EVERY TAG");
const handle = openDatabase(url, { poolSize: 50 });
const calendar = { timeZone: "Asia/Bangkok", hours: DEFAULT_BUSINESS_HOURS, holidays: new Set<string>() };
const committed: string[] = [];

class ForcedRollback extends Error {}

async function writer(id: number): Promise<void> {
  for (let round = 0; round < Number(roundsArg); round++) {
    const rollback = (id + round) % Number(rollbackArg) === 0;
    try {
      const entry = await withTransaction(handle, async (trx) => {
        const { entry } = await registerEntry(
          trx,
          {
            agencyId,
            channel: "web",
            senderName: `writer ${tag}-${id}`,
            subject: `round ${round}`,
            body: "",
            language: "th",
            attachments: [],
          },
          { clock: systemClock, calendar, actor: "test" },
        );
        if (rollback) throw new ForcedRollback(entry.receiptNumber);
        return entry;
      });
      committed.push(entry.receiptNumber);
    } catch (error) {
      if (!(error instanceof ForcedRollback)) throw error;
    }
  }
}

await Promise.all(Array.from({ length: Number(writersArg) }, (_, i) => writer(i)));
await handle.close();
process.stdout.write(JSON.stringify({ committed }));
