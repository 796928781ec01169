import { Gauge, type Registry } from "prom-client";
import { countOpenDeliveries } from "../delivery/index.js";
import { countLineEventsByState } from "../intake/line/index.js";
import { countMailboxesByHealth } from "../intake/mail/index.js";
import { countOutboxByState } from "../outbox/index.js";
import { listHeartbeats } from "../platform/leases/index.js";
import { findOldestUnacknowledged } from "../register/index.js";
import { isFreshBeat, type OpsDeps } from "./ops-deps.js";
import { withTimeout } from "./with-timeout.js";

type Labels = Record<string, string>;
type Figures = Array<[Labels, number]>;

/**
 * The install's figures, read from the database at each scrape (so every process answers the same, and
 * none keeps counters of its own that a restart would lose). Each read is cheap on a large register
 * (an index each: see the room's function) and has its own time limit; one that fails or times out sets
 * `borikan_ops_read_up{read}` to 0 and drops its series, rather than repeating the last value as if true.
 */
export function registerOpsMetrics(
  registry: Registry,
  deps: OpsDeps,
  logError: (read: string, e: unknown) => void,
) {
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name: `borikan_${name}`, help, labelNames, registers: [registry] });
  const up = gauge("ops_read_up", "1 when the last scrape's read of these figures succeeded", ["read"]);
  const reads: Array<{ name: string; gauge: Gauge; read: (now: Date) => Promise<Figures> }> = [
    {
      name: "outbox",
      gauge: gauge("outbox_messages", "Outbox messages by state (sent ones are not counted)", ["state"]),
      read: async () => Object.entries(await countOutboxByState(deps.db)).map(([state, n]) => [{ state }, n]),
    },
    {
      name: "line_events",
      gauge: gauge("line_events", "LINE events waiting, in hand or given up", ["state"]),
      read: async () =>
        Object.entries(await countLineEventsByState(deps.db)).map(([state, n]) => [{ state }, n]),
    },
    {
      name: "deliveries",
      gauge: gauge("licence_deliveries", "Licence deliveries queued or failed", ["state"]),
      read: async () =>
        Object.entries(await countOpenDeliveries(deps.db)).map(([state, n]) => [{ state }, n]),
    },
    {
      name: "acknowledgements",
      gauge: gauge(
        "oldest_unacknowledged_seconds",
        "Age of the oldest register entry still waiting for its acknowledgement (0: none waits)",
      ),
      read: async (now) => {
        const oldest = await findOldestUnacknowledged(deps.db);
        return [[{}, oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0]];
      },
    },
    {
      name: "mailboxes",
      gauge: gauge("mailboxes", "Agencies' mailboxes by health (counts; which one: its agency's page)", [
        "health",
      ]),
      read: async (now) =>
        Object.entries(await countMailboxesByHealth(deps.db, now)).map(([health, n]) => [{ health }, n]),
    },
    {
      name: "heartbeats",
      gauge: gauge("heartbeat_age_seconds", "Age of the newest heartbeat of any process of each role", [
        "role",
      ]),
      read: (now) => heartbeatAges(deps, now),
    },
    {
      name: "processes",
      gauge: gauge("processes_alive", "Processes of each role whose heartbeat is fresh (3 periods)", [
        "role",
      ]),
      read: async (now) => {
        const alive = new Map<string, number>();
        for (const b of await listHeartbeats(deps.db))
          if (isFreshBeat(b.beatAt, now, deps.heartbeatMs)) alive.set(b.role, (alive.get(b.role) ?? 0) + 1);
        return [...alive].map(([role, n]) => [{ role }, n]);
      },
    },
  ];
  /** Reads every figure into its gauge; call before `registry.metrics()`. */
  return async function refresh(): Promise<void> {
    const now = deps.now();
    const ms = deps.checkTimeoutMs ?? 2000;
    await Promise.all(
      reads.map(async ({ name, gauge, read }) => {
        gauge.reset();
        try {
          for (const [labels, value] of await withTimeout(() => read(now), ms)) gauge.set(labels, value);
          up.set({ read: name }, 1);
        } catch (error) {
          logError(name, error);
          up.set({ read: name }, 0);
        }
      }),
    );
  };
}

async function heartbeatAges(deps: OpsDeps, now: Date): Promise<Figures> {
  const newest = new Map<string, number>();
  // Newest first: the first beat of each role is its newest.
  for (const b of await listHeartbeats(deps.db))
    if (!newest.has(b.role)) newest.set(b.role, Math.max(0, (now.getTime() - Date.parse(b.beatAt)) / 1000));
  return [...newest].map(([role, age]) => [{ role }, age]);
}
