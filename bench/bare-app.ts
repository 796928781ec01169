import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { type DatabaseHandle, openDatabase, withTransaction } from "../src/platform/db/database.js";

/**
 * The baseline: what any Fastify app must do to take the same submission — parse the same multipart
 * body, write the file to disk durably (write + fsync, like Borikan's file store), and insert one row
 * in a transaction on the same database stack (openDatabase: same SQLite pragmas, same pg pool). No
 * validation, no receipt numbering, no file screening, no audit, no outbox, no logging.
 */
interface BareDatabase {
  submissions: {
    id: string;
    idempotency_key: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    subject: string;
    message: string;
    confirmed: number;
    filename: string;
    media_type: string;
    size: number;
    storage_path: string;
    received_at: string;
  };
}

export interface BareApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function createBareApp(databaseUrl: string, dataDir: string): Promise<BareApp> {
  const handle = openDatabase(databaseUrl);
  const db = handle.db as unknown as Kysely<BareDatabase>;
  await db.schema
    .createTable("submissions")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("idempotency_key", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("confirmed", "integer", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("storage_path", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  const filesDir = path.join(dataDir, "files");
  await fs.mkdir(filesDir, { recursive: true });

  const app = Fastify({ logger: false, bodyLimit: 40 * 1024 * 1024 });
  await app.register(multipart);
  app.post("/api/v1/requests", async (req, reply) => {
    const fields: Record<string, string> = {};
    const files: { filename: string; mimetype: string; bytes: Buffer }[] = [];
    for await (const part of req.parts({ limits: { fileSize: 10 * 1024 * 1024 } })) {
      if (part.type === "field") {
        if (typeof part.value === "string") fields[part.fieldname] = part.value;
      } else {
        files.push({ filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() });
      }
    }
    const id = crypto.randomUUID();
    const file = files[0];
    const storagePath = path.join(filesDir, `${id}.bin`);
    if (file) {
      const out = await fs.open(storagePath, "w", 0o640);
      try {
        await out.writeFile(file.bytes);
        await out.sync();
      } finally {
        await out.close();
      }
    }
    const key = req.headers["idempotency-key"];
    await withTransaction(handle, async (trx) => {
      await (trx as unknown as Kysely<BareDatabase>)
        .insertInto("submissions")
        .values({
          id,
          idempotency_key: typeof key === "string" ? key : null,
          name: fields.name ?? "",
          email: fields.email ?? null,
          phone: fields.phone ?? null,
          subject: fields.subject ?? "",
          message: fields.message ?? "",
          confirmed: fields.confirmed === "true" ? 1 : 0,
          filename: file?.filename ?? "",
          media_type: file?.mimetype ?? "",
          size: file?.bytes.length ?? 0,
          storage_path: storagePath,
          received_at: new Date().toISOString(),
        })
        .execute();
    });
    return reply.code(201).send({ id });
  });
  return {
    app,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** Rows the baseline stored (its sanity check). */
export async function countBareSubmissions(handle: DatabaseHandle): Promise<number> {
  const db = handle.db as unknown as Kysely<BareDatabase>;
  const row = await db
    .selectFrom("submissions")
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
