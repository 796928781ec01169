import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitTestApplication } from "../test/casework.js";
import { testDialects } from "../test/db.js";
import { startTestService, type TestService } from "../test/service.js";
import { publishTestService } from "../test/service-fixture.js";
import { loadConfig } from "./config/index.js";
import { plainRemaining, sealExisting } from "./keys-cli.js";
import { emailLookupKey, idNumberLookupKey, newMasterKey } from "./platform/crypto/index.js";
import { createService } from "./service.js";

const ID = "1101700230708";

describe.each(testDialects())("keys on %s", (dialect) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(dialect);
    await publishTestService(service);
  });
  afterAll(async () => {
    await service?.stop();
  });

  const settings = () => ({
    DATABASE_URL: service.database.url,
    DATA_DIR: service.dataDir,
    ROLE: "web",
    SECRET_KEY: "test-secret",
    PUBLIC_URL: "http://borikan.test",
    LOG_LEVEL: "silent",
  });

  it("ID-7, SC-1: a wrong key and a missing key stop the start with a message that says which key to set", async () => {
    await expect(
      createService(loadConfig({ ...settings(), ENCRYPTION_KEY: newMasterKey() }), { log: () => {} }),
    ).rejects.toThrow(/not configured: set ENCRYPTION_KEY/);
    // No ENCRYPTION_KEY and no key file in DATA_DIR: never a new key over sealed data.
    await expect(createService(loadConfig(settings()), { log: () => {} })).rejects.toThrow(
      /holds encrypted data but no master key is given: set ENCRYPTION_KEY/,
    );
    expect(fs.existsSync(path.join(service.dataDir, "encryption.key"))).toBe(false);
  });

  it("ID-7: seal-existing seals values and files written before sealing, fills the keyed hashes, and is idempotent", async () => {
    const submitted = await submitTestApplication(service, { email: "Somying@Example.com" });
    const sealer = service.sealer;
    const raw = service.handle.db.withoutPlugins();
    // As an install before sealing wrote them: plain values, no keyed hashes, a plain file in the store.
    await raw
      .updateTable("applications")
      .set({ applicant_id_number: ID, form_data: `{"shopName":"ร้าน ${ID}"}`, applicant_id_hmac: null })
      .where("id", "=", submitted.applicationId)
      .execute();
    await raw
      .updateTable("entries")
      .set({ body: `plain ${ID}`, sender_email: "somying@example.com", sender_email_hmac: null })
      .where("id", "=", submitted.entryId)
      .execute();
    const plainFile = Buffer.from(`a file stored before sealing ${ID}`);
    const sha = crypto.createHash("sha256").update(plainFile).digest("hex");
    const filePath = path.join(service.dataDir, "files", "sha256", sha.slice(0, 2), sha);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, plainFile);
    const root = path.join(service.dataDir, "files");
    // Files stored before still read.
    expect(await service.files.read(`sha256/${sha.slice(0, 2)}/${sha}`)).toEqual(plainFile);

    const before = await plainRemaining(service.handle, sealer, root);
    expect(before.values).toBeGreaterThanOrEqual(4);
    expect(before.files).toBe(1);

    const first = await sealExisting(service.handle, sealer, root);
    expect(first.values).toBe(before.values);
    expect(first.files).toBe(1);
    expect(first.lookupKeys).toBeGreaterThanOrEqual(2);
    expect(await plainRemaining(service.handle, sealer, root)).toEqual({ values: 0, files: 0 });

    const stored = await raw
      .selectFrom("applications")
      .select(["applicant_id_number", "applicant_id_hmac"])
      .where("id", "=", submitted.applicationId)
      .executeTakeFirstOrThrow();
    expect(stored.applicant_id_number).toMatch(/^enc1:/);
    expect(stored.applicant_id_hmac).toBe(idNumberLookupKey(sealer, ID));
    const entry = await raw
      .selectFrom("entries")
      .select(["body", "sender_email_hmac"])
      .where("id", "=", submitted.entryId)
      .executeTakeFirstOrThrow();
    expect(entry.body).toMatch(/^enc1:/);
    expect(entry.sender_email_hmac).toBe(emailLookupKey(sealer, "somying@example.com"));
    // Read through the plugin and the store, everything is as it was.
    const opened = await service.handle.db
      .selectFrom("entries")
      .select("body")
      .where("id", "=", submitted.entryId)
      .executeTakeFirstOrThrow();
    expect(opened.body).toBe(`plain ${ID}`);
    expect(fs.readFileSync(filePath).includes(Buffer.from(ID))).toBe(false);
    expect(await service.files.read(`sha256/${sha.slice(0, 2)}/${sha}`)).toEqual(plainFile);

    const second = await sealExisting(service.handle, sealer, root);
    expect(second).toMatchObject({ values: 0, files: 0, lookupKeys: 0 });
  });
});
