import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../test/db.js";
import { startTestService, type TestService } from "../test/service.js";
import { makeP12, makeRootCa, makeSigner, makeUnsignedPdf } from "../test/signed-pdf.js";
import { loadConfig } from "./config/index.js";
import { createService } from "./service.js";

describe.each(testDialects())("the service's document signer on %s", (dialect) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(dialect);
  });
  afterAll(async () => {
    await service.stop();
  });

  it("LC-2, PY-5: a fresh install signs with the demo certificate and says it is a demo", async () => {
    const signer = service.payment.documentSigner;
    expect(signer?.description).toMatchObject({ demo: true, level: "B-B", timeStampUrl: null });
    expect(fs.existsSync(path.join(service.dataDir, "signing-demo.p12"))).toBe(true);
    const signed = await signer?.signPdf(await makeUnsignedPdf(), {
      reason: "ทดสอบ",
      signingTime: new Date(),
    });
    expect(signed?.toString("latin1")).toMatch(/\/SubFilter\s*\/ETSI\.CAdES\.detached/);
  });
});

describe("a bad signing setting", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "borikan-signer-start-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const start = (env: Record<string, string>) =>
    createService(
      loadConfig({ DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, "never.sqlite")}`, ...env }),
      { log: () => {} },
    );

  it("LC-2: a wrong P12 password or an unreadable P12 stops the start naming the setting, before the database", async () => {
    const root = makeRootCa();
    const file = path.join(dir, "agency.p12");
    fs.writeFileSync(file, makeP12(makeSigner(root, "กรมตัวอย่าง"), [root], "right"));
    await expect(start({ SIGNING_P12_FILE: file, SIGNING_P12_PASSWORD: "wrong" })).rejects.toThrow(
      /SIGNING_P12_PASSWORD/,
    );
    await expect(start({ SIGNING_P12_FILE: path.join(dir, "none.p12") })).rejects.toThrow(
      /SIGNING_P12_FILE=/,
    );
    expect(fs.existsSync(path.join(dir, "never.sqlite"))).toBe(false);
  });
});
