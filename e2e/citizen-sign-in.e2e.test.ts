import net from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../test/service.js";
import { startSmtpListener } from "../test/smtp.js";
import { type LocalThaid, startLocalThaid, THAID_PERSON } from "../test/thaid-provider.js";
import { CHROMIUM, expectUsableOnPhone, HAVE_CHROMIUM, IN_CI, PHONE_WIDTH } from "./phone-browser.js";

/** A free loopback port: the redirect URI registered at the provider must name Borikan's address. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)(
  "a citizen signs in by an email code, then steps up with ThaiD",
  () => {
    let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
    let thaid: LocalThaid;
    let service: TestService;
    let browser: Browser;
    let page: Page;
    let base: string;

    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      smtp = await startSmtpListener();
      thaid = await startLocalThaid(base);
      service = await startTestService("sqlite", {
        smtpUrl: smtp.url,
        env: { PUBLIC_URL: base, ...thaid.env() },
      });
      await service.app.listen({ host: "127.0.0.1", port });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        timeout: 30_000,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
        ],
      });
      const context = await browser.newContext({
        viewport: { width: PHONE_WIDTH, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: "th-TH",
      });
      context.setDefaultTimeout(15_000);
      await context.addInitScript({
        content: `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline")));`,
      });
      page = await context.newPage();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await service?.stop();
      await thaid?.close();
      await smtp?.close();
    });

    it("ID-4, WS-3: the email code signs in; ThaiD steps the same account up; a tampered token is refused", {
      timeout: 90_000,
    }, async () => {
      await page.goto(`${base}/account/sign-in`);
      await expectUsableOnPhone(page, "citizen-sign-in");
      await page.fill("#destination", "e2e-citizen@example.com");
      await page.click("button[type=submit]");
      await page.waitForSelector("#code");
      await service.outbox.drain();
      const mail = smtp.messages.find((m) => JSON.stringify(m.to).includes("e2e-citizen@example.com"));
      const code = /\b(\d{6})\b/.exec(mail?.text ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      await page.fill("#code", code);
      await page.click("button[type=submit]");
      await page.waitForURL(`${base}/account`);
      expect(await page.textContent("main")).toContain("รหัสทางอีเมล");
      await expectUsableOnPhone(page, "citizen-account");

      // Step-up: the account page's ThaiD link, through the local provider and back.
      await page.click("a[href*='/account/thaid/start']");
      await page.waitForURL(`${base}/account`);
      const main = (await page.textContent("main")) ?? "";
      expect(main).toContain("ThaiD");
      expect(main).toContain(THAID_PERSON.ial);
      const account = await service.handle.db
        .selectFrom("citizen_accounts")
        .select(["email", "national_id"])
        .where("national_id_hmac", "is not", null)
        .executeTakeFirstOrThrow();
      expect(account).toEqual({ email: "e2e-citizen@example.com", national_id: THAID_PERSON.pid });

      // A tampered ID token: a clear refusal page, 401, and the citizen's session is not replaced.
      thaid.quirks.tamperIdToken = true;
      const responses: number[] = [];
      page.on("response", (r) => {
        if (r.url().includes("/account/thaid/callback")) responses.push(r.status());
      });
      await page.goto(`${base}/account/thaid/start`);
      await page.waitForSelector(".errors");
      expect(await page.textContent("main")).toContain("ตรวจสอบไม่ผ่าน");
      expect(responses).toEqual([401]);
      await expectUsableOnPhone(page, "citizen-thaid-refused");
    });
  },
);
