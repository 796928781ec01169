import pg from "pg";

/**
 * Samples pg_stat_activity of one database ten times a second while a run is measured: how many of
 * the server's sessions are waiting on a lock, running a statement, or idle inside a transaction
 * (holding its locks while it waits for Node to send the next statement).
 */
export interface PgActivity {
  samples: number;
  lockWaiting: number;
  active: number;
  idleInTransaction: number;
}

export async function samplePgActivity(url: string): Promise<{ stop(): Promise<PgActivity> }> {
  const client = new pg.Client({ connectionString: url });
  // The database is dropped with (force) if the run is interrupted: that is not an error here.
  client.on("error", () => {});
  await client.connect();
  const sum: PgActivity = { samples: 0, lockWaiting: 0, active: 0, idleInTransaction: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ lock: string; active: string; idle_tx: string }>(
        `select count(*) filter (where wait_event_type = 'Lock') as lock,
                count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock') as active,
                count(*) filter (where state like 'idle in transaction%') as idle_tx
           from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );
      const row = rows[0]!;
      sum.samples++;
      sum.lockWaiting += Number(row.lock);
      sum.active += Number(row.active);
      sum.idleInTransaction += Number(row.idle_tx);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.catch(() => {});
      await client.end().catch(() => {});
      const n = Math.max(1, sum.samples);
      return {
        samples: sum.samples,
        lockWaiting: sum.lockWaiting / n,
        active: sum.active / n,
        idleInTransaction: sum.idleInTransaction / n,
      };
    },
  };
}
