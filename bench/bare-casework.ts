import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { openDatabase } from "../src/platform/db/database.js";

/**
 * The casework baseline: what any Fastify app must do to show the same two pages from the same tables
 * on the same database stack — a unit's queue (the first 50 open matters of a unit, oldest first, keyset
 * on clock_start and id) and a request's tracking page (the entry by receipt number, its matter and its
 * public timeline), each written as a plain HTML table. No session, no scope check, no token check, no
 * labels or clocks, no layout.
 */
export async function createBareCaseworkApp(
  databaseUrl: string,
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const handle = openDatabase(databaseUrl);
  const db = handle.db;
  const app = Fastify({ logger: false });
  const esc = (s: unknown) => String(s ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  app.get<{ Querystring: { unit: string } }>("/queue", async (req, reply) => {
    const rows = await db
      .selectFrom("matters")
      .select(["id", "receipt_number", "subject", "status", "kind", "assigned_to", "due_at", "clock_start"])
      .where("agency_id", "=", "demo")
      .where("unit_id", "=", req.query.unit)
      .where("ended_at", "is", null)
      .orderBy("clock_start")
      .orderBy("id")
      .limit(50)
      .execute();
    const body = rows
      .map(
        (r) =>
          `<tr><td>${esc(r.receipt_number)}</td><td>${esc(r.subject)}</td><td>${esc(r.status)}</td><td>${esc(r.due_at)}</td></tr>`,
      )
      .join("");
    return reply.type("text/html").send(`<!doctype html><table>${body}</table>`);
  });
  app.get<{ Params: { y: string; s: string } }>("/track/:y/:s", async (req, reply) => {
    const entry = await db
      .selectFrom("entries")
      .select(["id", "matter_id", "receipt_number", "subject", "received_at"])
      .where("agency_id", "=", "demo")
      .where("be_year", "=", Number(req.params.y))
      .where("sequence", "=", Number(req.params.s))
      .executeTakeFirst();
    if (!entry) return reply.code(404).send("not found");
    const matter = await db
      .selectFrom("matters")
      .select(["status", "due_at"])
      .where("id", "=", entry.matter_id)
      .executeTakeFirstOrThrow();
    const actions = await db
      .selectFrom("matter_actions")
      .select(["action", "to_status", "at"])
      .where("matter_id", "=", entry.matter_id)
      .where("visibility", "=", "public")
      .orderBy("version")
      .execute();
    const timeline = actions
      .map((a) => `<li>${esc(a.at)} ${esc(a.action)} ${esc(a.to_status)}</li>`)
      .join("");
    return reply
      .type("text/html")
      .send(
        `<!doctype html><h1>${esc(entry.receipt_number)}</h1><p>${esc(matter.status)} ${esc(matter.due_at)}</p><ul>${timeline}</ul>`,
      );
  });
  await sql`select 1`.execute(db);
  return { app, close: () => handle.close() };
}
